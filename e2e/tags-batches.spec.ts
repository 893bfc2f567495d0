import { test, expect } from './fixtures'

test('renames and deletes a tag on the tags page', async ({ app: { page } }) => {
  await page.getByTestId('nav-tags').click()
  const node = page.getByTestId('tag-node').first()
  await expect(node).toBeVisible()
  const path = (await node.getAttribute('data-path'))!
  const renamed = `${path}（改）`

  await node.hover()
  await node.getByTestId('tag-rename').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox').fill(renamed)
  await dialog.getByRole('button', { name: '确定' }).click()
  const renamedNode = page.locator(`[data-testid="tag-node"][data-path="${renamed}"]`)
  await expect(renamedNode).toBeVisible()

  await renamedNode.hover()
  await renamedNode.getByTestId('tag-delete').click()
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(renamedNode).toHaveCount(0)
})

test('a batch card shows its counts and opens the library filtered to it', async ({ app: { page } }) => {
  await page.getByTestId('nav-batches').click()
  const card = page.getByTestId('batch-card').first()
  const id = (await card.getAttribute('data-id'))!
  const counts = await Promise.all(['report', 'achievement', 'photo'].map(async (k) => Number(await card.getByTestId(`batch-count-${k}`).innerText())))
  await card.click()
  await expect(page).toHaveURL(new RegExp(`batch=${id}`))
  // The batch itself plus everything that belongs to it.
  const expected = 1 + counts.reduce((a, b) => a + b, 0)
  await expect(page.getByTestId('library-total')).toHaveText(new RegExp(`\\b${expected}\\b`))
})
