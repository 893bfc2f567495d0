import { test, expect } from './fixtures'
import { openFirstHit, openFirstOfKind, saveRecord } from './helpers'

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
