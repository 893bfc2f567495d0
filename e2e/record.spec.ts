import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { openFirstHit, openFirstOfKind, saveRecord, search } from './helpers'

test('edits fields and sees them after a reload', async ({ app: { page } }) => {
  const title = await openFirstHit(page, '阜康')
  const revised = `${title}（修订）`
  await page.getByTestId('field-title').fill(revised)
  await page.getByTestId('field-notes').fill('端到端测试写入的附注')
  await expect(page.getByTestId('record-dirty')).toBeVisible()
  await saveRecord(page)
  await expect(page.getByTestId('record-title')).toHaveText(revised)

  await page.reload()
  await expect(page.getByTestId('record-title')).toHaveText(revised)
  await expect(page.getByTestId('field-title')).toHaveValue(revised)
  await expect(page.getByTestId('field-notes')).toHaveValue('端到端测试写入的附注')
})

test('shows the contract validation message next to the field', async ({ app: { page } }) => {
  await openFirstHit(page, '阜康')
  await page.getByTestId('field-title').fill('')
  await page.getByTestId('record-save').click()
  await expect(page.getByTestId('record-problem')).toBeVisible()
  const item = page.locator('.el-form-item', { has: page.getByTestId('field-title') })
  await expect(item.locator('.el-form-item__error')).toBeVisible()
  // Nothing was saved: discarding brings the title back.
  await page.getByTestId('record-discard').click()
  await expect(page.getByTestId('field-title')).not.toHaveValue('')
})

test('tags and untags a record, creating a tag inline', async ({ app: { page } }) => {
  await openFirstHit(page, '阜康')
  const path = '测试/端到端'
  const add = page.getByTestId('tag-add')
  await add.click()
  await page.keyboard.type(path, { delay: 20 })
  await page.keyboard.press('Enter')
  const tag = page.locator(`[data-testid="record-tag"][data-path="${path}"]`)
  await expect(tag).toBeVisible()

  await page.reload()
  await expect(tag).toBeVisible()
  await tag.locator('.el-tag__close').click()
  await expect(tag).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('record-tags')).toBeVisible()
  await expect(tag).toHaveCount(0)

  // The new tag is listed on the tags page.
  await page.getByTestId('nav-tags').click()
  await expect(page.locator(`[data-testid="tag-node"][data-path="${path}"]`)).toBeVisible()
})

test('adds a link and sees it from the other end', async ({ app: { page } }) => {
  const photo = await openFirstOfKind(page, 'photo')
  await page.getByTestId('link-add').click()
  await page.getByTestId('link-search').fill('阜康')
  const result = page.getByTestId('link-result').first()
  await expect(result).toBeVisible()
  await result.click()
  await page.getByTestId('link-type-cites').click()
  await page.getByTestId('link-note').fill('端到端关联')
  await page.getByTestId('link-confirm').click()

  const out = page.locator('[data-testid="record-link"][data-type="cites"][data-direction="out"]')
  await expect(out).toHaveCount(1)
  await expect(out.getByTestId('record-link-type')).toHaveText('引用 →')
  await expect(out).toContainText('端到端关联')
  const other = (await out.getByTestId('record-link-other').innerText()).trim()

  await out.getByTestId('record-link-other').click()
  await expect(page.getByTestId('record-title')).toHaveText(other)
  const back = page.locator('[data-testid="record-link"][data-type="cites"][data-direction="in"]')
  await expect(back).toHaveCount(1)
  await expect(back.getByTestId('record-link-type')).toHaveText('被引用 ←')
  await expect(back.getByTestId('record-link-other')).toHaveText(photo)
})

test('deletes a record after a confirmation that counts its links', async ({ app: { page } }) => {
  await page.getByTestId('nav-library').click()
  const before = Number((await page.getByTestId('library-total').innerText()).replace(/\D/g, ''))
  const title = await openFirstOfKind(page, 'photo')
  const links = await page.getByTestId('record-link').count()
  expect(links).toBeGreaterThan(0)

  await page.getByTestId('record-delete').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(title)
  await expect(dialog).toContainText(`${links} 条关联`)
  await dialog.getByRole('button', { name: '删除' }).click()

  await expect(page.getByTestId('library')).toBeVisible()
  await expect(page.getByTestId('library-total')).toHaveText(new RegExp(`${before - 1}`))
})

/** Listens after the page's own handler: was each Ctrl+S taken from the browser ("save page")? */
const watchCtrlS = (page: Page) =>
  page.evaluate(`window.savePrevented = []
    window.addEventListener('keydown', (e) => { if (e.key.toLowerCase() === 's') window.savePrevented.push(e.defaultPrevented) })`)
const ctrlSPrevented = (page: Page) => page.evaluate('window.savePrevented')

test('Ctrl+S, ⌘S and Ctrl+Enter save the form; the browser never gets Ctrl+S', async ({ app: { page } }) => {
  test.slow() // three saves and a reload
  const title = await openFirstHit(page, '阜康')
  await watchCtrlS(page)
  let downloads = 0
  page.on('download', () => downloads++)

  const titleInput = page.getByTestId('field-title').locator('xpath=descendant-or-self::input')
  await titleInput.fill(`${title}（一）`)
  await titleInput.press('Control+s')
  await expect(page.getByTestId('record-dirty')).toBeHidden()
  await expect(page.getByTestId('record-title')).toHaveText(`${title}（一）`)

  await titleInput.fill(`${title}（二）`)
  await titleInput.press('Meta+s')
  await expect(page.getByTestId('record-title')).toHaveText(`${title}（二）`)

  // From inside a textarea, Ctrl+Enter saves and adds no line.
  const notes = page.getByTestId('field-notes').locator('xpath=descendant-or-self::textarea')
  await notes.fill('键盘保存的附注')
  await notes.press('Control+Enter')
  await expect(page.getByTestId('record-dirty')).toBeHidden()
  await expect(notes).toHaveValue('键盘保存的附注')
  expect(await ctrlSPrevented(page)).toEqual([true, true])
  expect(downloads).toBe(0)
  await page.reload()
  await expect(page.getByTestId('record-title')).toHaveText(`${title}（二）`)
  await expect(notes).toHaveValue('键盘保存的附注')

  // With nothing to save, Ctrl+S says so and still keeps the browser's dialog away.
  await watchCtrlS(page)
  await page.getByTestId('field-title').press('Control+s')
  await expect(page.getByText('没有需要保存的修改')).toBeVisible()
  expect(await ctrlSPrevented(page)).toEqual([true])
  expect(downloads).toBe(0)
})

test('the back button is named for screen readers and goes back', async ({ app: { page } }) => {
  await page.getByTestId('nav-library').click()
  await openFirstOfKind(page, 'report')
  const back = page.getByRole('button', { name: '返回上一页' })
  await expect(back).toBeVisible()
  await back.click()
  await expect(page.getByTestId('library')).toBeVisible()
})

test('a new record is saved with 保存, or 保存并新建 to enter the next one', async ({ app: { page } }) => {
  await page.getByTestId('new-record-button').click()
  await page.getByTestId('new-photo').click()
  const view = page.getByTestId('new-record-view')
  await expect(view.getByTestId('record-create')).toHaveText('保存')
  await expect(view.getByRole('button', { name: '新建', exact: true })).toHaveCount(0)
  const batch = await view.getByTestId('field-batchId').innerText()

  const title = view.getByTestId('field-title').locator('xpath=descendant-or-self::input')
  await title.fill('义诊现场（一）')
  await view.getByTestId('record-create-next').click()
  await expect(page.getByText('已保存“义诊现场（一）”')).toBeVisible()
  // Still here, empty, in the same batch, ready for the next one.
  await expect(title).toHaveValue('')
  await expect(title).toBeFocused()
  expect(await view.getByTestId('field-batchId').innerText()).toBe(batch)

  await title.fill('义诊现场（二）')
  await title.press('Control+s')
  await expect(page.getByTestId('record-title')).toHaveText('义诊现场（二）')
  await search(page, '义诊现场')
  await expect(page.getByTestId('search-hit-title').filter({ hasText: '义诊现场（一）' })).toHaveCount(1)
})

test('a photo shows 地点 and 人物 once, the caption’s words with the index terms under them', async ({ app: { page } }) => {
  await page.evaluate(`location.hash = '#/record/pho_zhundong_clinic'`)
  const form = page.getByTestId('record-form')
  await expect(page.getByTestId('record-title')).toBeVisible()
  await expect(form.locator('.el-form-item__label').filter({ hasText: /^地点$/ })).toHaveCount(1)
  await expect(form.locator('.el-form-item__label').filter({ hasText: /^人物$/ })).toHaveCount(1)
  await expect(page.getByTestId('field-caption-place').locator('xpath=descendant-or-self::input')).toHaveValue('新疆准东经济技术开发区义诊现场')
  const places = page.getByTestId('field-places')
  await expect(places).toContainText('准东经济技术开发区')

  // The index terms are still edited, and kept.
  await places.click()
  await page.keyboard.type('阜康市')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await saveRecord(page)
  await page.reload()
  await expect(page.getByTestId('field-places')).toContainText('阜康市')
  await expect(page.getByTestId('field-places')).toContainText('准东经济技术开发区')
})

test('metrics read as reports write them, and the graph comes when scrolled to', async ({ app: { page } }) => {
  await page.evaluate(`location.hash = '#/record/ach_jimsar_cbm'`)
  await expect(page.getByTestId('record-title')).toBeVisible()
  const row = page.getByTestId('metric-row').filter({ hasText: '合作区块日产气量' })
  await expect(row.getByTestId('metric-written')).toHaveText('读作：合作区块日产气量 3.15→5万立方米以上')
  const value = row.getByTestId('metric-value').locator('xpath=descendant-or-self::input')
  await value.fill('6')
  await value.blur()
  await expect(row.getByTestId('metric-written')).toHaveText('读作：合作区块日产气量 3.15→6万立方米以上')

  // The relation graph is drawn only once it is scrolled into view.
  const side = page.locator('aside.side')
  await side.locator('section').last().scrollIntoViewIfNeeded()
  await expect(page.getByTestId('graph-panel').locator('canvas')).toBeVisible()
})

test('deletes a link after asking in its row', async ({ app: { page } }) => {
  await page.evaluate(`location.hash = '#/record/pho_zhundong_clinic'`)
  const links = page.getByTestId('record-link')
  await expect(links.first()).toBeVisible()
  const before = await links.count()
  await links.first().getByTestId('record-link-delete').click()
  // 取消 has the focus: Escape or 取消 keeps the link.
  await expect(links.first().getByTestId('record-link-delete-cancel')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(links.first().getByTestId('record-link-delete')).toBeVisible()
  await expect(links).toHaveCount(before)

  await links.first().getByTestId('record-link-delete').click()
  await expect(links.first()).toContainText('删除这条关联？')
  await links.first().getByTestId('record-link-delete-confirm').click()
  await expect(page.getByText('已删除关联')).toBeVisible()
  await expect(links).toHaveCount(before - 1)
})
