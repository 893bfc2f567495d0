// A large archive takes seconds to open: the browser host answers at once, the page shows
// the open's progress (phase in words, a bar, the seconds), then the library. The open is
// slowed by the test-only AID_ARCHIVE_TEST_SLOW_OPEN_MS (a real small archive opens too fast
// to be seen), which reports its wait as the reading phase's progress.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { test, expect } from '@playwright/test'
import { cliDemo, removeArchive, startServer, stopServer, tempArchive, type Server } from './host'

let dir = ''
let server: Server | null = null
test.afterEach(async () => {
  if (server) await stopServer(server)
  server = null
  await removeArchive(dir)
})

test('a slow open: the URL at once, the progress screen, then the library', async ({ browser }) => {
  // Long enough for the page to load on a busy machine while the archive is still opening.
  test.setTimeout(90_000)
  dir = await tempArchive()
  await cliDemo(dir)
  server = await startServer(dir, { AID_ARCHIVE_TEST_SLOW_OPEN_MS: '20000' })
  // The URL does not wait for the archive: printed while the open is under way.
  const status = await fetch(`${server.base}/api/status`, { headers: { Authorization: `Bearer ${server.token}` } })
  expect(await status.json()).toMatchObject({ phase: 'archive', total: 20000 })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    await page.goto(server.url)
    const screen = page.getByTestId('open-progress')
    await expect(screen).toBeVisible()
    await expect(screen.getByRole('heading', { name: '援疆档案' })).toBeVisible()
    await expect(screen.getByRole('status')).toHaveText('正在读取档案…')
    const bar = screen.getByRole('progressbar', { name: '正在读取档案…' })
    await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/)
    await expect(screen).toContainText(/已用 \d+ 秒/)
    // No English on the zh-CN screen.
    expect(await screen.innerText()).not.toMatch(/[A-Za-z]/)
    // The bar moves with the host's progress.
    const first = Number(await bar.getAttribute('aria-valuenow'))
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 5000 }).toBeGreaterThan(first)
    await page.screenshot({ path: test.info().outputPath('open-progress.png') })
    // Accessible as every view is (the same axe rules as a11y.spec.ts), the bar named.
    const axe = await new AxeBuilder({ page }).include('[data-testid="open-progress"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
    expect(axe.passes.find((r) => r.id === 'aria-progressbar-name')?.nodes.length).toBe(1)

    // Then the app as always: the library with the demo's records.
    await expect(page.locator('html[data-ready="true"]')).toBeAttached({ timeout: 30_000 })
    await expect(screen).toBeHidden()
    await page.getByTestId('nav-library').click()
    await expect(page.getByTestId('library-row').first()).toBeVisible()
  } finally {
    await context.close()
  }
})

test('an open that fails: the page says why in words, the host stays up to say it', async ({ browser }) => {
  dir = await tempArchive()
  await writeFile(join(dir, 'archive.json'), '{"schemaVersion": 1, "records": [ broken')
  server = await startServer(dir, { AID_ARCHIVE_TEST_SLOW_OPEN_MS: '3000' })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    // Progress first (unless the page loads after the open has failed), then the failure.
    await page.goto(server.url)
    const error = page.getByTestId('startup-error')
    await expect(error).toBeVisible({ timeout: 20_000 })
    await expect(error).toContainText('无法打开档案')
    await expect(error).toContainText('已损坏')
    await expect(error).toContainText(join(dir, 'archive.json'))
    await expect(page.getByTestId('open-progress')).toBeHidden()
  } finally {
    await context.close()
  }
})
