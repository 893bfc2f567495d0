import { test, expect } from './fixtures'

test.describe('first run', () => {
  test.use({ demo: false })

  test('loads the demo archive from the welcome screen', async ({ app: { page } }) => {
    await expect(page.getByTestId('welcome')).toBeVisible()
    await expect(page.getByTestId('welcome-demo')).toContainText('载入示例档案')
    await page.getByTestId('welcome-demo').click()

    await expect(page.getByTestId('library')).toBeVisible()
    await expect(page.getByTestId('library-row').first()).toBeVisible()
    const total = Number((await page.getByTestId('library-total').innerText()).replace(/\D/g, ''))
    expect(total).toBeGreaterThan(10)

    // The demo is the fifth Shanxi batch, with its reports, achievements and photos.
    await page.getByTestId('nav-batches').click()
    const card = page.getByTestId('batch-card').first()
    await expect(card).toContainText('第五批')
    expect(Number(await card.getByTestId('batch-count-achievement').innerText())).toBeGreaterThan(0)
    expect(Number(await card.getByTestId('batch-count-photo').innerText())).toBeGreaterThan(0)

    // A reload goes straight to the archive, not back to the welcome.
    await page.reload()
    await expect(page.getByTestId('sidebar')).toBeVisible()
    await expect(page.getByTestId('welcome')).toHaveCount(0)
  })

  test('starts empty and creates a first record', async ({ app: { page } }) => {
    await page.getByTestId('welcome-empty').click()
    await expect(page.getByTestId('library-empty')).toBeVisible()
    await page.getByTestId('new-record-button').click()
    await page.getByTestId('new-batch').click()
    await page.getByTestId('field-title').fill('第六批山西援疆工作队')
    await page.getByTestId('record-create').click()
    await expect(page.getByTestId('record-title')).toHaveText('第六批山西援疆工作队')
    await page.getByTestId('nav-library').click()
    await expect(page.getByTestId('library-row')).toHaveCount(1)
  })
})
