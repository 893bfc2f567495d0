// Exchange between two workstations: a second archive made by copying this test's archive
// folder (as a USB copy would, without the lock), served by its own host; both edit the same
// record; the second packs, the page opens the package, settles the conflict field by field.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect, type App } from './fixtures'
import { apiCall, removeArchive, startServer, stopServer, tempArchive, type Server } from './host'

const RECORD = 'rep_seed_article'

interface Workstation {
  dir: string
  server: Server
  call<T = unknown>(method: string, input?: unknown): Promise<T>
}

/** A copy of the archive as another workstation would have it: snapshot, journal and files, no lock. */
async function secondWorkstation(app: App): Promise<Workstation> {
  // Asked first so that everything so far is committed (the journal holds every change).
  await app.call('archive.info', {})
  const dir = await tempArchive()
  for (const name of ['archive.json', 'journal.jsonl', 'files']) {
    if (existsSync(join(app.dir, name))) await cp(join(app.dir, name), join(dir, name), { recursive: true })
  }
  await mkdir(join(dir, 'files'), { recursive: true })
  const server = await startServer(dir)
  return { dir, server, call: (m, i) => apiCall(server, m, i) }
}

async function close(w: Workstation): Promise<void> {
  await stopServer(w.server)
  await removeArchive(w.dir)
}

/** Packs on a workstation and writes the package where the page can pick it. */
async function packTo(w: Workstation, file: string): Promise<void> {
  const pkg = await w.call<{ name: string; data: string }>('exchange.pack', { scope: {}, destination: '前方指挥部' })
  expect(pkg.name).toMatch(/\.aidpkg$/)
  await writeFile(file, Buffer.from(pkg.data, 'base64'))
}

/** Serious or critical axe violations on the page as it is (the a11y spec sees these views empty). */
async function axeProblems(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** The native input of an el-input (its test id lands on the input itself, or on the wrapper). */
const inputOf = (page: Page, testId: string) => page.getByTestId(testId).locator('xpath=descendant-or-self::input')

async function openExchange(app: App): Promise<void> {
  await app.page.getByTestId('nav-exchange').click()
  await expect(app.page.getByTestId('exchange-view')).toBeVisible()
}

test('a package from another workstation: preview, apply, settle the conflict field by field', async ({ app }, info) => {
  test.setTimeout(120_000)
  const { page } = app
  const other = await secondWorkstation(app)
  try {
    const before = await app.call<{ record: { title: string } }>('records.get', { id: RECORD })
    // The same record edited on both workstations, title and notes each.
    await app.call('records.update', { id: RECORD, patch: { title: '本机改过的题名', notes: '本机写的附注' } })
    await other.call('records.update', { id: RECORD, patch: { title: '后方改过的题名', notes: '后方写的附注' } })
    const file = info.outputPath('后方办公室.aidpkg')
    await mkdir(info.outputDir, { recursive: true })
    await packTo(other, file)
    expect(before.record.title).not.toBe('后方改过的题名')

    await openExchange(app)
    await page.getByTestId('exchange-unpack-input').setInputFiles(file)
    const preview = page.getByTestId('exchange-preview')
    await expect(preview).toBeVisible()
    await expect(preview.getByTestId('exchange-count-conflicts').locator('dd')).toHaveText('1')
    // The conflicting record is listed (under the title it has here).
    await expect(preview.getByRole('row').filter({ hasText: '冲突' }).filter({ hasText: '本机改过的题名' })).toBeVisible()
    expect(await axeProblems(page)).toEqual([])
    // Nothing changed yet: the preview only reads.
    expect((await app.call<{ record: { title: string } }>('records.get', { id: RECORD })).record.title).toBe('本机改过的题名')

    await page.getByTestId('exchange-apply').click()
    await expect(page.getByTestId('exchange-applied')).toBeVisible()
    await expect(page.getByTestId('nav-exchange-badge')).toHaveText('1')
    await page.getByTestId('exchange-go-conflicts').click()
    await expect(page.getByTestId('conflicts-view')).toBeVisible()
    await expect(page.getByTestId('conflict-item')).toHaveCount(1)
    await expect(page.getByTestId('conflict-item-kind')).toHaveText('修改冲突')

    await expect(page.getByTestId('conflict-table')).toBeVisible()
    expect(await axeProblems(page)).toEqual([])
    const titleRow = page.locator('[data-testid="conflict-row"][data-field="title"]')
    const notesRow = page.locator('[data-testid="conflict-row"][data-field="notes"]')
    await expect(titleRow).toHaveClass(/differs/)
    await expect(notesRow).toHaveClass(/differs/)
    await expect(titleRow.locator('th')).toHaveText('题名')
    await expect(titleRow).toContainText('本机改过的题名')
    await expect(titleRow).toContainText('后方改过的题名')
    // The other side's title, this side's notes.
    await titleRow.getByTestId('conflict-pick-other').check()
    await page.getByTestId('conflict-take-fields').click()

    await expect(page.getByTestId('conflicts-empty')).toBeVisible()
    await expect(page.getByTestId('nav-exchange-badge')).toHaveCount(0)
    await page.evaluate(`location.hash = '#/record/${RECORD}'`)
    await expect(page.getByTestId('record-title')).toHaveText('后方改过的题名')
    await expect(page.getByTestId('field-notes').locator('xpath=descendant-or-self::textarea')).toHaveValue('本机写的附注')
  } finally {
    await close(other)
  }
})

test('a damaged package is refused in words and changes nothing', async ({ app }, info) => {
  const { page } = app
  const other = await secondWorkstation(app)
  try {
    await other.call('records.update', { id: RECORD, patch: { title: '后方改过的题名' } })
    const file = info.outputPath('损坏的.aidpkg')
    await mkdir(info.outputDir, { recursive: true })
    await packTo(other, file)
    const bytes = await readFile(file)
    const at = Math.floor(bytes.length / 2)
    bytes[at] = bytes[at]! ^ 0xff
    await writeFile(file, bytes)

    await openExchange(app)
    await page.getByTestId('exchange-unpack-input').setInputFiles(file)
    const refused = page.getByTestId('exchange-refused')
    await expect(refused).toBeVisible()
    await expect(refused).toContainText('无法打开这个交换包')
    // Localised: the reason's words, not its code.
    expect(await refused.innerText()).not.toMatch(/package\.|internal/i)
    await expect(page.getByTestId('exchange-preview')).toHaveCount(0)
    expect((await app.call<{ record: { title: string } }>('records.get', { id: RECORD })).record.title).not.toBe('后方改过的题名')
    expect((await app.call<{ conflicts: number }>('exchange.info', {})).conflicts).toBe(0)
  } finally {
    await close(other)
  }
})

test('a record deleted here and edited there: the conflict page brings it back with their edit', async ({ app }, info) => {
  test.setTimeout(120_000)
  const { page } = app
  const other = await secondWorkstation(app)
  try {
    await app.call('records.delete', { id: RECORD })
    await other.call('records.update', { id: RECORD, patch: { title: '后方改过的题名' } })
    const file = info.outputPath('删除冲突.aidpkg')
    await mkdir(info.outputDir, { recursive: true })
    await packTo(other, file)

    await openExchange(app)
    await page.getByTestId('exchange-unpack-input').setInputFiles(file)
    const preview = page.getByTestId('exchange-preview')
    await expect(preview.getByTestId('exchange-count-conflicts').locator('dd')).toHaveText('1')
    await expect(preview.getByRole('row').filter({ hasText: '冲突' }).filter({ hasText: '后方改过的题名' })).toBeVisible()
    await expect(preview.getByTestId('exchange-preview-shown')).toHaveText('共 1 项')
    await page.getByTestId('exchange-apply').click()
    await page.getByTestId('exchange-go-conflicts').click()

    await expect(page.getByTestId('conflict-item-kind')).toHaveText('删除冲突')
    const who = page.getByTestId('conflict-delete-who')
    // The deletion was made here: the page says so, though the version shown is the other side's.
    await expect(who).toContainText('本机已删除此条目')
    await expect(who).not.toContainText('对方')
    await expect(page.getByTestId('conflict-delete')).toContainText('后方改过的题名')
    await page.getByTestId('conflict-keep').click()

    await expect(page.getByTestId('conflicts-empty')).toBeVisible()
    await page.evaluate(`location.hash = '#/record/${RECORD}'`)
    await expect(page.getByTestId('record-title')).toHaveText('后方改过的题名')
  } finally {
    await close(other)
  }
})

test('the same 照片号 given out on both workstations: the newer photo takes the suggested number', async ({ app }, info) => {
  test.setTimeout(120_000)
  const { page } = app
  const group = await app.call<{ id: string }>('groups.create', { title: '六月巡诊照片' })
  const other = await secondWorkstation(app)
  try {
    const photo = (title: string) => ({ record: { kind: 'photo', title, groupId: group.id, date: '2024-06-01' } })
    const ours = await app.call<{ id: string; photoNo: string }>('records.create', photo('本机拍的照片'))
    const theirs = await other.call<{ id: string; photoNo: string }>('records.create', photo('后方拍的照片'))
    expect(ours.photoNo).not.toBe('')
    expect(theirs.photoNo).toBe(ours.photoNo)
    const file = info.outputPath('编号冲突.aidpkg')
    await mkdir(info.outputDir, { recursive: true })
    await packTo(other, file)

    await openExchange(app)
    await page.getByTestId('exchange-unpack-input').setInputFiles(file)
    await expect(page.getByTestId('exchange-preview').getByTestId('exchange-count-conflicts').locator('dd')).toHaveText('1')
    await page.getByTestId('exchange-apply').click()
    await page.getByTestId('exchange-go-conflicts').click()

    await expect(page.getByTestId('conflict-item-kind')).toHaveText('编号冲突')
    await expect(page.getByTestId('conflict-title')).toHaveText('后方拍的照片')
    await expect(page.getByTestId('conflict-number-value')).toHaveText(`照片号 ${ours.photoNo} 在两处都已使用`)
    // The older photo (made here first) keeps the number.
    await expect(page.getByTestId('conflict-number-holder')).toHaveText('本机拍的照片')
    const input = inputOf(page, 'conflict-number-input')
    const suggested = await input.inputValue()
    expect(suggested).not.toBe('')
    expect(suggested).not.toBe(ours.photoNo)
    await page.getByTestId('conflict-number-use').click()

    await expect(page.getByTestId('conflicts-empty')).toBeVisible()
    await page.evaluate(`location.hash = '#/record/${theirs.id}'`)
    await expect(page.getByTestId('record-title')).toHaveText('后方拍的照片')
    await expect(inputOf(page, 'field-photoNo')).toHaveValue(suggested)
    await page.evaluate(`location.hash = '#/record/${ours.id}'`)
    await expect(inputOf(page, 'field-photoNo')).toHaveValue(ours.photoNo)
  } finally {
    await close(other)
  }
})

test('制作并下载: a package for 后方办公室 downloads, the other workstation reads it; the next holds only what changed', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  const other = await secondWorkstation(app)
  try {
    const me = await app.call<{ archiveId: string }>('exchange.info', {})
    await openExchange(app)
    const pack = page.getByTestId('exchange-pack')
    await pack.getByTestId('exchange-pack-all').click()
    await inputOf(page, 'exchange-pack-destination').fill('后方办公室')
    const [download] = await Promise.all([page.waitForEvent('download'), pack.getByTestId('exchange-pack-run').click()])
    expect(download.suggestedFilename()).toMatch(/后方办公室\.aidpkg$/)
    await expect(pack.getByTestId('exchange-pack-done')).toBeVisible()
    const bytes = await readFile((await download.path())!)
    const seen = await other.call<{ source: { archiveId: string } }>('exchange.preview', { data: bytes.toString('base64'), name: download.suggestedFilename() })
    expect(seen.source.archiveId).toBe(me.archiveId)

    await app.call('records.update', { id: RECORD, patch: { notes: '交出之后补的附注' } })
    await pack.getByTestId('exchange-pack-since').click()
    // The destination is remembered: the hint says when it was last packed for.
    await expect(pack).toContainText('上次交给“后方办公室”')
    const [next] = await Promise.all([page.waitForEvent('download'), pack.getByTestId('exchange-pack-run').click()])
    await expect(pack.getByTestId('exchange-pack-done')).toContainText(/：1 项、/)
    const again = await other.call<{ items: { id: string }[] }>('exchange.preview', { data: (await readFile((await next.path())!)).toString('base64') })
    expect(again.items.map((i) => i.id)).toEqual([RECORD])
  } finally {
    await close(other)
  }
})

test('the library selection feeds 制作交换包: the package holds those records', async ({ app: { page } }) => {
  await page.getByTestId('nav-library').click()
  const rows = page.getByTestId('library-row')
  await rows.nth(0).click()
  await rows.nth(1).click({ modifiers: ['Control'] })
  await page.getByTestId('exchange-selection').click()
  const pack = page.getByTestId('exchange-pack')
  await expect(pack.getByTestId('exchange-pack-selection')).toContainText('所选记录（2 条）')
  await expect(pack.getByTestId('exchange-pack-selection').locator('input')).toBeChecked()
  const [download] = await Promise.all([page.waitForEvent('download'), pack.getByTestId('exchange-pack-run').click()])
  expect(download.suggestedFilename()).toMatch(/\.aidpkg$/)
  // Two records, and what they need (their batch, tags and the links between them).
  await expect(pack.getByTestId('exchange-pack-done')).toContainText(/：\d+ 项、/)
})
