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
