import { test, expect } from './fixtures'
import { openFirstHit, search } from './helpers'

test('searches as you type and opens a result with the keyboard', async ({ app: { page } }) => {
  await expect(page.getByTestId('library')).toBeVisible()
  await page.getByTestId('library-scroller').click()
  await page.keyboard.press('/')
  await expect(page.getByTestId('search-input')).toBeFocused()
  await page.keyboard.type('阜康', { delay: 40 })

  const hits = page.getByTestId('search-hit')
  await expect(hits.first()).toBeVisible()
  await expect(page.getByTestId('search-total')).toContainText(/\d/)
  // Matches are marked, and results come grouped by kind.
  await expect(page.locator('[data-testid="search-hit"] mark.hl').first()).toBeVisible()
  await expect(page.locator('[data-testid^="search-group-"]').first()).toBeVisible()

  // ↓ moves to the second hit, Enter opens it.
  const second = (await hits.nth(1).getByTestId('search-hit-title').innerText()).trim()
  await page.keyboard.press('ArrowDown')
  await expect(hits.nth(1)).toHaveClass(/active/)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('record-title')).toHaveText(second)

  // Ctrl+K comes back to the box; Esc clears it.
  await page.keyboard.press('Control+k')
  await expect(page.getByTestId('search-input')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('search-input')).toHaveValue('')
})

test('filter chips show the field filters and remove them', async ({ app: { page } }) => {
  await search(page, 'type:photo 准东')
  const chip = page.getByTestId('query-chip')
  await expect(chip).toHaveCount(1)
  await expect(chip).toHaveAttribute('data-field', 'type')
  await expect(page.getByTestId('search-group-photo')).toBeVisible()
  await expect(page.getByTestId('search-group-achievement')).toHaveCount(0)

  await chip.click()
  await expect(page.getByTestId('query-chip')).toHaveCount(0)
  await expect(page.getByTestId('search-input')).toHaveValue('准东')
  await expect(page.getByTestId('search-group-achievement')).toBeVisible()
})

test('saves a search and runs it from the sidebar', async ({ app: { page } }) => {
  await search(page, '阜康')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()
  await page.getByTestId('save-search').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox').fill('阜康市的一切')
  await dialog.getByRole('button', { name: '确定' }).click()
  const saved = page.getByTestId('saved-search')
  await expect(saved).toHaveText('阜康市的一切')

  await page.getByTestId('nav-library').click()
  await page.getByTestId('search-input').fill('')
  await saved.click()
  await expect(page.getByTestId('search-input')).toHaveValue('阜康')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()
})

test('finds a place typed in bare pinyin and opens the result', async ({ app: { page } }) => {
  const title = await openFirstHit(page, 'fukang')
  expect(title).toContain('阜康')
})
