// Issue 14: the window reloads only what a change touched, and long lists page from the host.
// Every call the page makes goes to /api/<method>: a request listener counts them.
import type { Page, Request } from '@playwright/test'
import { test, expect } from './fixtures'
import { openLibrary, search } from './helpers'

interface Call {
  method: string
  input: Record<string, unknown>
}

/** Records the page's contract calls from now on. */
function recordCalls(page: Page): { calls: Call[]; of: (m: string) => Call[] } {
  const calls: Call[] = []
  page.on('request', (r: Request) => {
    const u = new URL(r.url())
    if (!u.pathname.startsWith('/api/') || u.pathname === '/api/events') return
    calls.push({ method: decodeURIComponent(u.pathname.slice('/api/'.length)), input: JSON.parse(r.postData() ?? '{}') as Record<string, unknown> })
  })
  return { calls, of: (m) => calls.filter((c) => c.method === m) }
}

/** Lets the debounced refreshes (250 ms) run and their answers land. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(800)
  await page.waitForLoadState('networkidle')
}

test('an edit elsewhere re-reads the one page that shows it, and nothing unrelated', async ({ app: { page, call } }) => {
  test.skip(!!process.env.AID_E2E_HOST, 'counts requests of the browser host')
  test.setTimeout(120_000)
  // Enough records for three pages of 200.
  const records = Array.from({ length: 450 }, (_, i) => ({ kind: 'report', title: `分页测试简报 ${i}`, reportType: '简报' }))
  await call('io.importJson', { data: { format: 'aid-archive/v1', records } })
  await openLibrary(page)
  await expect(page.getByTestId('library-total')).toContainText(/4\d\d/)
  // Scroll to the bottom and back, so the last pages are loaded too.
  const scroller = page.getByTestId('library-scroller')
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(page.locator('[data-testid="library-row"]').last()).toBeVisible()
  await settle(page)
  await scroller.evaluate((el) => (el.scrollTop = 0))
  await settle(page)

  const api = recordCalls(page)
  // A record near the top is edited in another window.
  const top = (await page.getByTestId('library-row').nth(3).getAttribute('data-id'))!
  await call('records.update', { id: top, patch: { title: '另一窗口改过的分页简报' } })
  await expect(page.getByTestId('library-row').first()).toHaveAttribute('data-id', top)
  await expect(page.locator(`[data-testid="library-row"][data-id="${top}"]`)).toContainText('另一窗口改过的分页简报')
  await settle(page)
  // The library read only its first page; the loaded pages further down were kept.
  expect(api.of('records.list').map((c) => c.input.offset)).toEqual([0])
  // Lists a record edit cannot change were not asked for again.
  for (const m of ['savedSearches.list', 'exchange.info', 'exchange.conflicts', 'groups.list', 'intake.photoList', 'search.query']) expect(api.of(m), m).toHaveLength(0)

  // A saved search made elsewhere: the sidebar's list, and no record list at all.
  api.calls.length = 0
  await call('savedSearches.create', { name: '分页测试', query: '分页测试简报' })
  await expect(page.getByText('分页测试', { exact: true })).toBeVisible()
  await settle(page)
  expect(api.of('savedSearches.list')).toHaveLength(1)
  for (const m of ['records.list', 'tags.list', 'batches.list', 'archive.info']) expect(api.of(m), m).toHaveLength(0)

  // Scrolled back down, the far pages come from what was kept: no call for them.
  api.calls.length = 0
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(page.locator('[data-testid="library-row"]').last()).toBeVisible()
  await settle(page)
  expect(api.of('records.list').filter((c) => Number(c.input.offset) >= 400)).toHaveLength(0)
})

test('search results come 50 at a time: the next 50 load when the list is scrolled to its end', async ({ app: { page, call } }) => {
  for (let i = 0; i < 70; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) => call('records.create', { record: { kind: 'report', title: `翻页检索词汇 第${i + j + 1}份`, reportType: '简报' } })),
    )
  }
  const api = recordCalls(page)
  await search(page, '翻页检索词汇')
  await expect(page.getByTestId('search-total')).toContainText('70')
  await expect(page.getByTestId('search-hit')).toHaveCount(50)
  const first = api.of('search.query').filter((c) => c.input.q === '翻页检索词汇')
  expect(first.length).toBeGreaterThan(0)
  expect(first.every((c) => c.input.limit === 50 && !c.input.offset)).toBe(true)

  // Scrolling to the last hit brings the end of the list near: the next page is asked for.
  await page.getByTestId('search-hit').last().scrollIntoViewIfNeeded()
  await expect(page.getByTestId('search-hit')).toHaveCount(70)
  expect(api.of('search.query').some((c) => c.input.offset === 50 && c.input.limit === 50)).toBe(true)
  await expect(page.getByTestId('search-more')).toHaveCount(0)
})

test('while a record is open the library reads nothing; back on it, the rows in view are current', async ({ app: { page, call } }) => {
  test.skip(!!process.env.AID_E2E_HOST, 'counts requests of the browser host')
  await openLibrary(page)
  const rows = page.getByTestId('library-row')
  const first = (await rows.nth(0).getAttribute('data-id'))!
  const other = (await rows.nth(5).getAttribute('data-id'))!
  await rows.nth(0).getByTestId('library-open').click()
  await expect(page.getByTestId('record-title')).toBeVisible()

  const api = recordCalls(page)
  await call('records.update', { id: other, patch: { title: '离开资料库时改的标题' } })
  await settle(page)
  expect(api.of('records.list')).toHaveLength(0)
  // The open record is not the one changed: it is not read again either.
  expect(api.of('records.get').filter((c) => c.input.id === first)).toHaveLength(0)

  await page.goBack()
  await expect(rows.first()).toHaveAttribute('data-id', other)
  await expect(rows.first()).toContainText('离开资料库时改的标题')
})
