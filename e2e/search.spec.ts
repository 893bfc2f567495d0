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

test('snippets are labelled with the field words of the UI, never a field key', async ({ app: { page } }) => {
  // 日产气量 is in an achievement's 指标; 义诊 in a photo's caption (说明·事由).
  for (const q of ['日产气量', '义诊', '阜康']) {
    await search(page, q)
    // The previous query's hits stay on screen until this one's arrive.
    await expect(page.getByTestId('search-hit').first()).toContainText(q)
    const labels = await page.getByTestId('snippet-label').allInnerTexts()
    for (const l of labels) expect(l, `label "${l}" for ${q}`).not.toMatch(/[A-Za-z]/)
    if (q === '日产气量') expect(labels).toContain('指标')
    if (q === '义诊') expect(labels.some((l) => l.startsWith('说明·'))).toBe(true)
  }
  const all = await page.getByTestId('search-view').innerText()
  expect(all).not.toMatch(/\b(metrics|summary|caption\.\w+)\b/)
})

test('/ and Ctrl+K select the old query so typing replaces it, and the address follows every change', async ({ app: { page } }) => {
  await search(page, '阜康')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()
  const box = page.getByTestId('search-input').locator('xpath=descendant-or-self::input')
  await expect(page).toHaveURL(/q=%E9%98%9C%E5%BA%B7$/)

  // Ctrl+K from the results: the text is selected, so typing replaces it.
  await page.getByTestId('search-view').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Control+k')
  await expect(box).toBeFocused()
  await page.keyboard.type('准东', { delay: 40 })
  await expect(box).toHaveValue('准东')
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent('准东')}$`))

  // / does the same.
  await page.getByTestId('search-view').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('/')
  await expect(box).toBeFocused()
  await page.keyboard.type('fukang', { delay: 40 })
  await expect(box).toHaveValue('fukang')
  await expect(page).toHaveURL(/q=fukang$/)

  // Every further change shows in the address too, not only the first query.
  await page.keyboard.press('Backspace')
  await page.keyboard.press('Backspace')
  await expect(page).toHaveURL(/q=fuka$/)
  await expect(box).toHaveValue('fuka')

  // A filter chip removed: the address follows.
  await box.fill('type:photo 准东')
  await expect(page.getByTestId('query-chip')).toHaveCount(1)
  await page.getByTestId('query-chip').click()
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent('准东')}$`))

  // Esc empties the box and the address.
  await box.focus()
  await page.keyboard.press('Escape')
  await expect(box).toHaveValue('')
  await expect(page).toHaveURL(/#\/search$/)
})

test('leaving the search page empties the box; Back returns to the query; a reload elsewhere starts empty', async ({ app: { page } }) => {
  await search(page, '阜康')
  const box = page.getByTestId('search-input').locator('xpath=descendant-or-self::input')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()

  await page.getByTestId('nav-batches').click()
  await expect(box).toHaveValue('')
  await page.goBack()
  await expect(page.getByTestId('search-view')).toBeVisible()
  await expect(box).toHaveValue('阜康')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()

  // Opening a hit leaves the search page too.
  await page.getByTestId('search-hit').first().click()
  await expect(page.getByTestId('record-title')).toBeVisible()
  await expect(box).toHaveValue('')

  // Typing on another page goes to the search page with that query only.
  await page.getByTestId('nav-library').click()
  await page.keyboard.press('/')
  await page.keyboard.type('准东', { delay: 40 })
  await expect(page.getByTestId('search-view')).toBeVisible()
  await expect(box).toHaveValue('准东')
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent('准东')}$`))

  await page.getByTestId('nav-library').click()
  await page.reload()
  await expect(page.getByTestId('library-row').first()).toBeVisible()
  await expect(box).toHaveValue('')
})
