// One fixture, two hosts. By default: a temporary archive, the browser host started by
// the real CLI, Chromium opened on its URL. With AID_E2E_HOST=electron: the same archive
// opened by the Electron app (only where its binary exists; never tried by default).
import { test as base, expect, _electron, type BrowserContext, type Page } from '@playwright/test'
import { join } from 'node:path'
import { apiCall, cliDemo, removeArchive, ROOT, startServer, stopServer, tempArchive } from './host'

export interface App {
  page: Page
  /** The archive folder of this test. */
  dir: string
  host: 'browser' | 'electron'
  /** Calls the contract from outside the page (another window, as far as the page knows). */
  call<T = unknown>(method: string, input?: unknown): Promise<T>
}

export const useElectron = process.env.AID_E2E_HOST === 'electron'

export const test = base.extend<{ demo: boolean; app: App }>({
  /** Start with the demo archive loaded (false: an empty archive, the welcome screen). */
  demo: [true, { option: true }],

  // Chromium starts once per worker (Playwright's own `browser`, launched with the config's
  // executablePath); each test gets a fresh context, archive and host.
  app: async ({ demo, browser }, use) => {
    const dir = await tempArchive()
    try {
      if (useElectron) {
        if (demo) await cliDemo(dir)
        const app = await _electron.launch({ args: [join(ROOT, 'out/main/index.js')], env: { ...process.env, AID_ARCHIVE_DIR: dir } })
        try {
          const page = await app.firstWindow()
          await page.setViewportSize({ width: 1440, height: 900 })
          await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' })
          const call = async <T,>(method: string, input: unknown = {}): Promise<T> => {
            const env = (await page.evaluate(
              ([m, i]) => (globalThis as unknown as { aidArchive: { invoke(m: unknown, i: unknown): Promise<unknown> } }).aidArchive.invoke(m, i),
              [method, input] as const,
            )) as { ok: boolean; result?: T; error?: { message: string } }
            if (!env.ok) throw new Error(`${method}: ${env.error?.message}`)
            return env.result as T
          }
          await use({ page, dir, host: 'electron', call })
        } finally {
          await app.close()
        }
        return
      }
      const server = await startServer(dir)
      let context: BrowserContext | null = null
      try {
        if (demo) await apiCall(server, 'archive.loadDemo')
        context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
        const page = await context.newPage()
        await page.goto(server.url)
        // The app has mounted and its first route settled: tests may navigate from here.
        await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' })
        await use({ page, dir, host: 'browser', call: (method, input) => apiCall(server, method, input) })
      } finally {
        await context?.close()
        await stopServer(server)
      }
    } finally {
      await removeArchive(dir)
    }
  },
})

export { expect }
