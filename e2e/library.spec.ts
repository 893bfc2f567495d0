import { test, expect } from './fixtures'
import { openLibrary } from './helpers'

test('filters by kind and opens a record from the list', async ({ app: { page } }) => {
  await openLibrary(page)
  await page.getByTestId('filter-kind').click()
  await page.getByRole('option', { name: '照片' }).click()
  await page.keyboard.press('Escape')
  const rows = page.getByTestId('library-row')
  await expect(page.getByTestId('library-total')).toHaveText(/共 \d+ 条/)
  const n = await rows.count()
  expect(n).toBeGreaterThan(0)
  for (let i = 0; i < n; i++) await expect(rows.nth(i).locator('.cell.kind')).toHaveText('照片')

  const title = (await rows.first().getByTestId('library-open').innerText()).trim()
  await rows.first().getByTestId('library-open').click()
  await expect(page.getByTestId('record-title')).toHaveText(title)
  // A photo shows its image by id; the demo's are marked as placeholders.
  await expect(page.getByTestId('photo-image').locator('img')).toBeVisible()
  await expect(page.getByTestId('placeholder-badge')).toBeVisible()
})

test('selects with click, Ctrl-click and Shift-click, then tags and untags in bulk', async ({ app: { page } }) => {
  await openLibrary(page)
  const rows = page.getByTestId('library-row')
  await rows.nth(0).locator('.cell.kind').click()
  await rows.nth(2).locator('.cell.kind').click({ modifiers: ['Control'] })
  await expect(page.getByTestId('selection-count')).toContainText('2')
  await rows.nth(4).locator('.cell.kind').click({ modifiers: ['Shift'] })
  await expect(page.getByTestId('selection-count')).toContainText('3')
  const ids = await Promise.all([2, 3, 4].map((i) => rows.nth(i).getAttribute('data-id')))

  await page.getByTestId('bulk-tags').click()
  const option = page.getByRole('option').first()
  const path = (await option.innerText()).trim()
  await option.click()
  await page.keyboard.press('Escape')
  await page.getByTestId('bulk-tag').click()
  await expect(page.getByTestId('bulk-bar')).toBeHidden()

  // Filter the library by that tag: the three records are in it.
  await page.getByTestId('filter-tag').click()
  await page.getByRole('option', { name: new RegExp(`^${path}`) }).click()
  for (const id of ids) await expect(page.locator(`[data-testid="library-row"][data-id="${id}"]`)).toBeVisible()
  const tagged = await rows.count()

  // Untag them again in bulk.
  await rows.nth(0).locator('.cell.kind').click()
  await rows.nth(tagged - 1).locator('.cell.kind').click({ modifiers: ['Shift'] })
  await page.getByTestId('bulk-tags').click()
  await page.getByRole('option', { name: path, exact: true }).click()
  await page.keyboard.press('Escape')
  await page.getByTestId('bulk-untag').click()
  await expect(page.getByTestId('library-empty')).toBeVisible()
})
