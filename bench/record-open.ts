// npm run bench -- record-open [--runs R]   (needs `npm run build` and Chromium)
// How long a record page and the new-record form take to open on the demo archive, in the
// built app through the browser host, as a person clicks: timed inside the page from the
// click to the first frame with the title and the form (shown), and to the end of the last
// long task that follows (settled: the page answers typing). Cold = first open after a
// page load (its code still to load); warm = later opens. Wall times follow the machine's
// load, so each open also reports the page's main-thread CPU time (Chromium's task time in
// thread ticks), which does not; and the API calls it made. Prints medians and writes
// bench/results/record-open.json. Not a test.
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { chromium, type CDPSession, type Page } from 'playwright-core'
import { apiCall, chromiumPath, CHROMIUM_ARGS, removeArchive, startServer, stopServer, tempArchive } from '../e2e/host'

interface Sample { shown: number; settled: number; cpu: number; calls: number }

const sessions = new WeakMap<Page, CDPSession>()
/** The page's main-thread task time so far, in ms of thread CPU time. */
async function cpuMs(page: Page): Promise<number> {
  let cdp = sessions.get(page)
  if (!cdp) {
    cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    sessions.set(page, cdp)
  }
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000
}

/** Installed in the page: clicks, then waits for `ready` to match and for the main thread to go quiet. */
const MEASURE = `window.__aaMeasure = (click, ready) => new Promise((resolve) => {
  const t0 = performance.now()
  let lastLong = t0
  const po = new PerformanceObserver((l) => { for (const e of l.getEntries()) lastLong = Math.max(lastLong, e.startTime + e.duration) })
  po.observe({ type: 'longtask' })
  click()
  const check = () => {
    if (!ready()) return requestAnimationFrame(check)
    requestAnimationFrame(() => setTimeout(() => {
      const shown = performance.now() - t0
      // A quiet second after the last long task: the page is settled.
      const wait = () => (performance.now() - lastLong > 1000 ? (po.disconnect(), resolve({ shown, settled: Math.max(shown, lastLong - t0) })) : setTimeout(wait, 200))
      setTimeout(wait, 200)
    }))
  }
  check()
})`

async function timed(page: Page, click: string, ready: string): Promise<Sample> {
  let calls = 0
  const count = (r: { url(): string }) => void (r.url().includes('/api/') && calls++)
  const before = await cpuMs(page)
  page.on('request', count)
  const r = (await page.evaluate(`window.__aaMeasure(() => { ${click} }, () => { ${ready} })`)) as Pick<Sample, 'shown' | 'settled'>
  page.off('request', count)
  // Includes the quiet second the measure waits out, which costs next to nothing.
  return { ...r, cpu: (await cpuMs(page)) - before, calls }
}

const READY_RECORD = `const t = document.querySelector('[data-testid="record-title"]'); return !!t && t.textContent.trim() === window.__aaTitle && !!document.querySelector('[data-testid="field-title"]')`
const READY_NEW = `return !!document.querySelector('[data-testid="new-record-view"] [data-testid="field-title"]')`

async function library(page: Page, kind: string): Promise<void> {
  await page.evaluate(`location.hash = '#/library?kind=${kind}'`)
  await page.locator('[data-testid="library-row"]').first().waitFor()
  await page.waitForTimeout(400)
}

async function openRecord(page: Page, kind: string, n: number): Promise<Sample> {
  await library(page, kind)
  const click = `const all = document.querySelectorAll('[data-testid="library-row"] [data-testid="library-open"]'); const a = all[${n} % all.length]; window.__aaTitle = a.textContent.trim(); a.click()`
  return timed(page, click, READY_RECORD)
}

async function openNew(page: Page, kind: string): Promise<Sample> {
  await library(page, kind)
  return timed(page, `location.hash = '#/new/${kind}'`, READY_NEW)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN
}

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3
  const kinds = ['report', 'achievement', 'photo', 'batch'] as const
  const rows: Record<string, Sample[]> = {}
  const add = (k: string, s: Sample) => (rows[k] ??= []).push(s)
  const dir = await tempArchive()
  const server = await startServer(dir)
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
  try {
    await apiCall(server, 'archive.loadDemo')
    for (let r = 0; r < runs; r++) {
      // A fresh page each run: the first open loads the record page's code (cold).
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
      const page = await context.newPage()
      await page.goto(server.url)
      await page.locator('[data-testid="sidebar"]').waitFor()
      await page.evaluate(MEASURE)
      add('record, cold (report)', await openRecord(page, 'report', 0))
      for (const kind of kinds) for (const n of [1, 2]) add(`record, warm (${kind})`, await openRecord(page, kind, n))
      await page.goto(server.url)
      await page.locator('[data-testid="sidebar"]').waitFor()
      await page.evaluate(MEASURE)
      add('new form, cold (report)', await openNew(page, 'report'))
      for (const kind of kinds) add(`new form, warm (${kind})`, await openNew(page, kind))
      await context.close()
    }
  } finally {
    await browser.close()
    await stopServer(server)
    await removeArchive(dir)
  }
  const table = Object.entries(rows).map(([what, s]) => ({
    what,
    n: s.length,
    'shown ms': Math.round(median(s.map((x) => x.shown))),
    'settled ms': Math.round(median(s.map((x) => x.settled))),
    'main-thread CPU ms': Math.round(median(s.map((x) => x.cpu))),
    'api calls': median(s.map((x) => x.calls)),
  }))
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; medians of ${runs} runs`)
  console.table(table)
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
  writeFileSync(new URL('./results/record-open.json', import.meta.url), JSON.stringify({ at: new Date().toISOString(), loadavg: loadavg(), table, rows }, null, 2))
}
