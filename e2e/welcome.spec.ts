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

  test('asks for the 全宗号 and the unit name, then files under them', async ({ app: { page } }) => {
    test.slow() // the whole first day: the question, settings, a record filed, a reload
    await page.getByTestId('welcome-empty').click()
    const step = page.getByTestId('welcome-fonds')
    await expect(step).toContainText('全宗号')
    await expect(step).toContainText('立档单位名称')
    const code = page.getByTestId('welcome-fondsCode').locator('xpath=descendant-or-self::input')
    const name = page.getByTestId('welcome-fondsName').locator('xpath=descendant-or-self::input')
    // The current default is offered, never silently taken.
    await expect(code).toHaveValue('')
    await expect(code).toHaveAttribute('placeholder', 'Z109')
    await expect(code).toBeFocused()

    // Going on with nothing filled in is refused, field by field, in the settings' words.
    await page.getByTestId('welcome-start').click()
    await expect(step.getByText('全宗号为 4 位字母或数字。')).toBeVisible()
    await expect(step.getByText('请填写立档单位名称。')).toBeVisible()
    await expect(page.getByTestId('sidebar')).toHaveCount(0)
    await code.fill('J03')
    await expect(step.getByText('全宗号为 4 位字母或数字。')).toBeVisible()
    await code.fill('j031')
    await expect(step.getByText('全宗号为 4 位字母或数字。')).toHaveCount(0)
    await expect(page.getByTestId('welcome-example')).toContainText(/J031-WS·\d{4}-Y-BGS-0001/)
    await name.fill('山西省援疆前方指挥部')
    await page.getByTestId('welcome-start').click()

    await expect(page.getByTestId('library-empty')).toBeVisible()
    await expect(page.getByTestId('sidebar')).toContainText('山西省援疆前方指挥部')
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('settings-fondsCode').locator('xpath=descendant-or-self::input')).toHaveValue('J031')
    await expect(page.getByTestId('settings-fondsName').locator('xpath=descendant-or-self::input')).toHaveValue('山西省援疆前方指挥部')

    // The first record filed carries the new 全宗号 in its 档号.
    await page.getByTestId('new-record-button').click()
    await page.getByTestId('new-report').click()
    await page.getByTestId('field-title').fill('关于第六批援疆工作队进疆的通知')
    await page.getByTestId('record-create').click()
    await expect(page.getByTestId('record-title')).toHaveText('关于第六批援疆工作队进疆的通知')
    await page.getByTestId('record-file').click()
    await page.getByTestId('file-confirm').click()
    await expect(page.getByTestId('record-refcode')).toContainText(/J031-WS·\d{4}-Y-BGS-0001/)

    // Answered once: a reload goes to the archive, not back to the question.
    await page.reload()
    await expect(page.getByTestId('sidebar')).toBeVisible()
    await expect(page.getByTestId('welcome')).toHaveCount(0)
  })

  test('offers the current default as a suggestion, and comes back to the choice', async ({ app: { page } }) => {
    await page.getByTestId('welcome-empty').click()
    await page.getByTestId('welcome-back').click()
    await expect(page.getByTestId('welcome-demo')).toBeVisible()
    await page.getByTestId('welcome-empty').click()
    await page.getByTestId('welcome-suggest').click()
    await expect(page.getByTestId('welcome-fondsCode').locator('xpath=descendant-or-self::input')).toHaveValue('Z109')
    await expect(page.getByTestId('welcome-fondsName').locator('xpath=descendant-or-self::input')).toHaveValue('援疆前方指挥部')
    await page.getByTestId('welcome-start').click()
    await expect(page.getByTestId('library-empty')).toBeVisible()
    // An empty start still creates its first record as before.
    await page.getByTestId('new-record-button').click()
    await page.getByTestId('new-batch').click()
    await page.getByTestId('field-title').fill('第六批山西援疆工作队')
    await page.getByTestId('record-create').click()
    await expect(page.getByTestId('record-title')).toHaveText('第六批山西援疆工作队')
    await page.getByTestId('nav-library').click()
    await expect(page.getByTestId('library-row')).toHaveCount(1)
  })
})
