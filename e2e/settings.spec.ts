import { test, expect } from './fixtures'
import { openFirstOfKind } from './helpers'

test('switches the language to English and back, kept across a reload', async ({ app: { page } }) => {
  await expect(page.getByTestId('nav-library')).toContainText('全部档案')
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-path')).not.toBeEmpty()
  const fondsName = await page.getByTestId('settings-fondsName').inputValue()
  const areas = await page.getByTestId('settings-areas').locator('.el-tag').count()
  expect(areas).toBeGreaterThan(0)
  await page.getByTestId('lang-en').click()
  await expect(page.getByTestId('nav-library')).toContainText('All records')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  await page.reload()
  await expect(page.getByTestId('nav-library')).toContainText('All records')
  await page.getByTestId('nav-library').click()
  await expect(page.getByTestId('library-total')).toContainText('records')

  await page.getByTestId('nav-settings').click()
  await page.getByTestId('lang-zh-CN').click()
  await expect(page.getByTestId('nav-library')).toContainText('全部档案')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')

  // Changing the language leaves the rest of the settings alone.
  await page.reload()
  await expect(page.getByTestId('settings-fondsName')).toHaveValue(fondsName)
  await expect(page.getByTestId('settings-areas').locator('.el-tag')).toHaveCount(areas)
})

test('edits the fonds code used in 档号 and files a report', async ({ app: { page } }) => {
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-fondsCode').fill('X201')
  await page.getByTestId('settings-save').click()
  await expect(page.getByText('设置已保存')).toBeVisible()

  await openFirstOfKind(page, 'report')
  if (await page.getByTestId('record-file').isVisible()) {
    await page.getByTestId('record-file').click()
    await page.getByTestId('file-confirm').click()
  }
  await expect(page.getByTestId('record-refcode')).toContainText(/X201-WS·\d{4}-(Y|D30|D10)-[A-Z0-9]+-\d{4}/)
})
