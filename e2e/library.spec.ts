import { test, expect } from './fixtures'
import { openLibrary } from './helpers'

test('filters by kind and opens a record from the list', async ({ app: { page } }) => {
  await openLibrary(page)
  await page.getByTestId('filter-kind').click()
  await page.getByRole('option', { name: '照片' }).click()
  await page.keyboard.press('Escape')
  const rows = page.getByTestId('library-row')
  await expect(page.getByTestId('library-total')).toHaveText(/共 \d+ 条/)
  // The total can show a moment before the filtered rows are drawn: count once they are.
  await expect(rows.first()).toBeVisible()
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

for (const [width, height] of [[1440, 900], [1366, 768]] as const) {
  test(`the bulk bar keeps its count on one line and the chosen tag whole at ${width}×${height}; Esc closes the tag list first`, async ({ app: { page } }) => {
    await page.setViewportSize({ width, height })
    await openLibrary(page)
    const rows = page.getByTestId('library-row')
    await rows.nth(0).locator('.cell.kind').click()
    await rows.nth(3).locator('.cell.kind').click({ modifiers: ['Shift'] })
    const count = page.getByTestId('selection-count')
    await expect(count).toHaveText('已选 4 条')
    // One line of 14 px text is ~21 px high; a character per line was four lines (~90 px).
    expect((await count.boundingBox())!.height).toBeLessThan(30)

    await page.getByTestId('bulk-tags').click()
    await page.keyboard.type('吉木萨尔')
    await page.getByRole('option', { name: '地点/吉木萨尔县' }).click()
    // Typing a filter, then Esc: the list closes at once (not just the filter text)…
    await page.keyboard.type('地点')
    const list = page.locator('.el-select-dropdown:visible')
    await expect(list).toHaveCount(1)
    await page.keyboard.press('Escape')
    await expect(list).toHaveCount(0)
    // …and the selection stays.
    await expect(count).toHaveText('已选 4 条')

    const tagText = page.getByTestId('bulk-tags').locator('.el-select__tags-text').first()
    await expect(tagText).toHaveText('地点/吉木萨尔县')
    const cut = await tagText.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
    expect(cut).toBe(false)
    // The bar stays inside the window and its groups do not overlap the count.
    const bar = (await page.getByTestId('bulk-bar').boundingBox())!
    expect(bar.x + bar.width).toBeLessThanOrEqual(width)

    // With nothing open, Esc in the table clears the selection.
    await page.getByTestId('library-scroller').focus()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('bulk-bar')).toBeHidden()
  })
}

test('keyboard focus is visible on the table and the sidebar, and the controls have names', async ({ app: { page } }) => {
  await openLibrary(page)
  // Tab from the sort direction button lands on the table: a ring on it and a pointed row.
  await page.getByTestId('library-sort-dir').focus()
  await page.keyboard.press('Tab')
  const scroller = page.getByTestId('library-scroller')
  await expect(scroller).toBeFocused()
  await expect(scroller).toHaveCSS('outline-style', 'solid')
  await expect(scroller).toHaveCSS('outline-width', '2px')
  // Element Plus's primary blue is under 3:1 on white; the ring uses its dark shade.
  await expect(scroller).not.toHaveCSS('outline-color', 'rgb(64, 158, 255)')
  await expect(page.locator('[data-testid="library-row"].focus')).toHaveCount(1)
  const first = await page.getByTestId('library-row').first().getAttribute('data-id')
  await expect(page.locator('[data-testid="library-row"].focus')).toHaveAttribute('data-id', first!)
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('[data-testid="library-row"].focus')).toHaveAttribute('data-index', '1')

  // The sidebar: a 2 px white ring on the dark background.
  await page.getByTestId('nav-batches').focus()
  await page.keyboard.press('Tab')
  const nav = page.getByTestId('nav-tags')
  await expect(nav).toBeFocused()
  await expect(nav).toHaveCSS('outline-style', 'solid')
  await expect(nav).toHaveCSS('outline-width', '2px')
  await expect(nav).toHaveCSS('outline-color', 'rgb(255, 255, 255)')

  await expect(page.getByRole('textbox', { name: '检索档案' })).toBeVisible()
  await expect(page.getByRole('group', { name: /档案列表/ })).toBeVisible()
})

test('the number column says 档号 or 照片号 for what it holds', async ({ app: { page } }) => {
  await openLibrary(page)
  const head = page.locator('[data-testid="library-table"] .row.head .cell.refCode')
  await expect(head).toHaveText('档号/照片号')
  await page.evaluate(`location.hash = '#/library?kind=photo'`)
  await expect(head).toHaveText('照片号')
  const number = page.getByTestId('library-row').first().getByTestId('library-number')
  await expect(number).toHaveAttribute('title', /^照片号 \S+/)
  await page.evaluate(`location.hash = '#/library?kind=report'`)
  await expect(head).toHaveText('档号')
})

test('sorting by date puts undated records last in both directions', async ({ app: { page } }) => {
  for (const hash of ['#/library?sort=date&asc=1', '#/library?sort=date']) {
    await page.evaluate(`location.hash = '${hash}'`)
    const rows = page.getByTestId('library-row')
    await expect(rows.first()).toBeVisible()
    await expect(rows.first().locator('.cell.date')).not.toHaveText('')
    const dates = (await page.locator('[data-testid="library-row"] .cell.date').allInnerTexts()).map((d) => d.trim())
    const firstBlank = dates.indexOf('')
    expect(firstBlank, hash).toBeGreaterThan(0)
    expect(dates.slice(firstBlank).every((d) => !d), `${hash}: ${dates.join('|')}`).toBe(true)
  }
})

test('the tag column shows the tags that fit and +N for the rest, named on hover', async ({ app: { page, call } }) => {
  await openLibrary(page)
  const row = page.getByTestId('library-row').first()
  const id = (await row.getAttribute('data-id'))!
  const tags = await call<{ id: string; path: string }[]>('tags.list', {})
  const record = await call<{ record: { tags: string[] } }>('records.get', { id })
  const extra = tags.filter((t) => !record.record.tags.includes(t.id)).slice(0, 4)
  await call('tags.apply', { recordIds: [id], tagIds: extra.map((t) => t.id), mode: 'add' })

  const cell = page.locator(`[data-testid="library-row"][data-id="${id}"] .cell.tags`)
  const more = cell.getByTestId('tags-more')
  await expect(more).toBeVisible()
  const hidden = Number((await more.innerText()).replace('+', ''))
  const shown = await cell.locator('.chip:not(.more)').count()
  expect(shown + hidden).toBe(record.record.tags.length + extra.length)
  // Nothing is clipped: the chips and +N fit the column.
  expect(await cell.locator('.chips').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)
  await more.hover()
  const tip = page.locator('.el-popper:visible', { hasText: extra[extra.length - 1]!.path })
  await expect(tip).toBeVisible()
})
