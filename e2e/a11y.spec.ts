// Accessibility: axe-core over every main view, in zh-CN with the demo archive. A serious or
// critical violation fails the run with the rule, the nodes and the view it was found on.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'

interface Found { view: string; rule: string; impact: string; help: string; nodes: string[] }

async function audit(page: Page, view: string): Promise<Found[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found: Found[] = []
  for (const v of r.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue
    const nodes: string[] = []
    for (const n of v.nodes.slice(0, 6)) {
      // Element Plus ids change every run: name the node by its nearest test id and its text.
      const sel = n.target.join(' ')
      const el = page.locator(sel).first()
      const owner = (await el.locator('xpath=ancestor-or-self::*[@data-testid][1]').getAttribute('data-testid').catch(() => null)) ?? ''
      const text = ((await el.textContent().catch(() => '')) ?? '').trim().slice(0, 30)
      const where = `${owner} ${text}`
      nodes.push(`${sel} [${where}]`)
    }
    found.push({ view, rule: v.id, impact: v.impact, help: v.help, nodes })
  }
  return found
}

async function firstOfKind(page: Page, kind: string): Promise<string> {
  await page.evaluate(`location.hash = '#/library?kind=${kind}'`)
  const row = page.getByTestId('library-row').first()
  await expect(row).toBeVisible()
  return (await row.getAttribute('data-id')) ?? ''
}

test('every main view passes axe with no serious or critical violation', async ({ app }) => {
  test.setTimeout(240_000) // seventeen views, a few seconds of axe each
  const { page } = app
  const found: Found[] = []
  const visit = async (view: string, hash: string, ready: string) => {
    await page.evaluate(`location.hash = '${hash}'`)
    await expect(page.getByTestId(ready).first()).toBeVisible()
    await page.waitForTimeout(300) // transitions and lazy panels settle before the audit
    found.push(...(await audit(page, view)))
  }
  await visit('library', '#/library', 'library-row')
  await visit('search', '#/search?q=煤层气', 'search-hit')
  for (const kind of ['batch', 'report', 'achievement', 'photo']) {
    const id = await firstOfKind(page, kind)
    await visit(`record:${kind}`, `#/record/${id}`, 'record-title')
  }
  await visit('new', '#/new/report', 'new-record-view')
  await visit('photos', '#/photos', 'photos-view')
  await visit('tags', '#/tags', 'tags-view')
  await visit('batches', '#/batches', 'batches-view')
  await visit('dashboard', '#/dashboard', 'dashboard')
  await visit('todo', '#/todo', 'todo')
  await visit('journal', '#/journal', 'journal')
  await visit('export', '#/export', 'export-view')
  await visit('exchange', '#/exchange', 'exchange-view')
  await visit('conflicts', '#/exchange/conflicts', 'conflicts-view')
  await visit('settings', '#/settings', 'settings-view')
  expect(found, JSON.stringify(found, null, 2)).toEqual([])
})

test.describe('a blank archive', () => {
  test.use({ demo: false })
  test('the welcome screen passes axe', async ({ app }) => {
    await expect(app.page.getByTestId('welcome')).toBeVisible()
    expect(await audit(app.page, 'welcome')).toEqual([])
  })
})
