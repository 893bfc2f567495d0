// The archive's rules as the user meets them: the 待办清单's rule check (clean on the demo;
// an old archive's problems listed and mended in one click), a rule's refusal worded in
// Chinese under its field, and a date typed as staff write it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from './fixtures'
import { openFirstOfKind, saveRecord } from './helpers'
import { startServer, stopServer } from './host'

test('the to-do list checks the archive rules: the demo breaks none', async ({ app: { page } }) => {
  await page.getByTestId('nav-todo').click()
  const section = page.getByTestId('todo-rules')
  await expect(section).toContainText('档案规则检查')
  await expect(section.getByTestId('todo-rules-empty')).toContainText('未发现问题')
  await expect(section.getByTestId('todo-rule')).toHaveCount(0)
  await expect(page.getByTestId('todo-unbacked').getByTestId('rel-list-item').first()).toBeVisible()
  await page.screenshot({ path: '/tmp/todo-rules.png' })
})

test('a second 第五批 is refused under the batch number, in Chinese', async ({ app: { page } }) => {
  // The start page first: a hash set while the router still settles its first route is lost.
  await expect(page.getByTestId('library-total')).toBeVisible()
  await page.evaluate(`location.hash = '#/new/batch'`)
  await expect(page.getByTestId('new-record-view')).toBeVisible()
  await page.getByTestId('field-title').fill('第五批山西援疆工作队（重复）')
  const number = page.getByTestId('field-number').locator('input')
  await number.fill('5')
  await number.blur()
  await page.getByTestId('record-create').click()
  const item = page.locator('.el-form-item', { has: page.getByTestId('field-number') })
  const error = item.locator('.el-form-item__error')
  await expect(error).toContainText('批次号 5 已被')
  expect(await error.innerText()).not.toMatch(/[A-Za-z]/)
  await expect(page.getByTestId('new-record-view')).toBeVisible()
})

test('an achievement takes a date written 2025年3月18日', async ({ app: { page } }) => {
  await openFirstOfKind(page, 'achievement')
  const date = page.getByTestId('field-date')
  await date.fill('2025年3月18日')
  await saveRecord(page)
  await expect(page.getByTestId('record-problem')).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('field-date')).toHaveValue('2025-03-18')
})

test('an archive written before the rules opens, lists its problems and mends them in one click', async ({ browser }) => {
  // Two photos share a 照片号 and a link points at a record that is gone: written straight
  // to archive.json, as an older version could have left it.
  const dir = await mkdtemp(join(tmpdir(), 'aid-e2e-rules-'))
  const at = '2024-05-01T08:00:00.000Z'
  const photo = (id: string, title: string, createdAt: string) => ({
    id, kind: 'photo', title, date: '2024-05-01', photoNo: 'ZP·2024-0001', createdAt, updatedAt: at, createdBy: 'e2e', updatedBy: 'e2e',
  })
  await writeFile(
    join(dir, 'archive.json'),
    JSON.stringify({
      schemaVersion: 1, seq: 0, settings: { fondsCode: 'Z109' }, tags: [], photoGroups: [], savedSearches: [], counters: {},
      records: [photo('pho_first', '开工仪式', at), photo('pho_second', '竣工验收', '2024-05-02T08:00:00.000Z')],
      links: [{ id: 'lnk_gone', from: 'pho_first', to: 'rep_missing', type: 'evidence', note: '', createdAt: at, createdBy: 'e2e' }],
    }),
  )
  const server = await startServer(dir)
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    await page.goto(server.url)
    await page.evaluate(`location.hash = '#/todo'`)
    const rule = page.locator('[data-testid="todo-rule"][data-rule="photo_no_unique"]')
    await expect(rule.getByTestId('todo-rule-label')).toHaveText('照片号重复')
    await expect(rule.getByTestId('todo-rule-item')).toContainText('照片号 ZP·2024-0001 已被“竣工验收”使用。')
    await expect(page.locator('[data-testid="todo-rule"][data-rule="link_ends_exist"]')).toContainText('关联指向不存在的记录')
    await page.screenshot({ path: '/tmp/todo-rules-violations.png' })

    await rule.getByTestId('todo-rule-fix').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('共修改 1 项')
    await dialog.getByRole('button', { name: '一键修复' }).click()
    await expect(rule).toHaveCount(0)
    await page.locator('[data-testid="todo-rule"][data-rule="link_ends_exist"]').getByTestId('todo-rule-fix').click()
    await page.getByRole('dialog').getByRole('button', { name: '一键修复' }).click()
    await expect(page.getByTestId('todo-rules-empty')).toContainText('未发现问题')

    // The renumbered photo's form: 照片号 issued from the sequence, 参见号 shown read-only.
    await page.evaluate(`location.hash = '#/record/pho_second'`)
    await expect(page.getByTestId('field-photoNo')).toHaveValue(/^ZP·2024-\d{4}$/)
    await expect(page.getByTestId('field-photoNo')).not.toHaveValue('ZP·2024-0001')
    await expect(page.getByTestId('field-refNo')).toHaveAttribute('readonly', '')
  } finally {
    await context.close()
    await stopServer(server)
    await rm(dir, { recursive: true, force: true })
  }
})
