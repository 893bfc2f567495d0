import { test, expect } from './fixtures'
import { join } from 'node:path'
import { ROOT } from './host'
import { openFirstOfKind } from './helpers'

test('library view screenshot for the README', async ({ app: { page } }) => {
  // File the demo's report first, so the picture shows a 档号 as archivists see it.
  await openFirstOfKind(page, 'report')
  if (await page.getByTestId('record-file').isVisible()) {
    await page.getByTestId('record-file').click()
    await page.getByTestId('file-confirm').click()
  }
  await expect(page.getByTestId('record-refcode')).toBeVisible()

  // Newest first by date: a mix of reports, photos and achievements.
  await page.evaluate(`location.hash = '#/library?sort=date'`)
  await expect(page.getByTestId('library-row').nth(5)).toBeVisible()
  await expect(page.locator('[data-testid="library-row"] .refCode').filter({ hasText: /-WS·/ })).toHaveCount(1)
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 10_000 })
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(ROOT, 'docs/screenshot-library.png') })
})
