// Export through the UI: choose a summary of the demo batch, check the preview, save the
// .docx and read it back; the print view lays the same summary out for A4.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import mammoth from 'mammoth'
import { unzipSync, strFromU8 } from 'fflate'
import { test, expect } from './fixtures'
import { ROOT } from './host'

test('exports a batch summary as .docx from the export view', async ({ app: { page } }) => {
  await page.getByTestId('nav-export').click()
  await expect(page.getByTestId('export-view')).toBeVisible()
  await page.getByTestId('export-format-docx').click()
  await page.getByTestId('export-batch').click()
  await page.getByRole('option', { name: '第五批山西援疆工作队' }).click()
  await expect(page.getByTestId('export-count')).toContainText('21')
  const firstPage = page.getByTestId('export-preview-page')
  await expect(firstPage.locator('h1')).toHaveText('第五批山西援疆工作队成果汇编')
  await expect(firstPage.locator('h2').first()).toHaveText('一、产业援疆')
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(ROOT, 'test-results/export-dialog.png') })

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('export-run').click()])
  expect(download.suggestedFilename()).toBe('第五批山西援疆工作队成果汇编.docx')
  const path = await download.path()
  const { value } = await mammoth.extractRawText({ path })
  expect(value).toContain('第五批山西援疆工作队成果汇编')
  expect(value).toContain('七、交往交流交融')
  expect(value).toContain('资料来源')
  const xml = strFromU8(unzipSync(readFileSync(path))['word/document.xml']!)
  expect(xml).toContain('w:eastAsia="黑体"')
  await expect(page.getByTestId('export-done')).toContainText('第五批山西援疆工作队成果汇编.docx')
})

test('the catalogue preview shows the exact columns; a CSV downloads with its BOM', async ({ app: { page, call } }) => {
  await call('records.file', { id: 'rep_seed_article' })
  await page.getByTestId('nav-export').click()
  await page.getByTestId('export-format-csv').click()
  const table = page.getByTestId('export-preview-table')
  for (const col of ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注']) await expect(table.getByText(col, { exact: true })).toBeVisible()
  await expect(table).toContainText('-WS·2025-Y-BGS-0001')
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('export-run').click()])
  const bytes = readFileSync(await download.path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('序号,档号,文号,责任者,题名,日期,密级,页数,备注')
})

test('PDF opens the print view of the same summary, laid out on A4', async ({ app: { page } }) => {
  await page.getByTestId('nav-export').click()
  await page.getByTestId('export-format-pdf').click()
  await page.getByTestId('export-area').click()
  await page.getByRole('option', { name: '产业援疆' }).click()
  await expect(page.getByTestId('export-count')).not.toContainText('加载')
  await page.getByTestId('export-run').click()
  const view = page.getByTestId('print-summary')
  await expect(view.locator('h1')).toHaveText('产业援疆成果汇编')
  await expect(view.locator('h2').first()).toHaveText('一、产业援疆')
  await expect(view.locator('table').first()).toContainText('援前')
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(ROOT, 'test-results/export-print.png') })
  // The browser's print to PDF of this view: A4 pages with the summary's text.
  await page.emulateMedia({ media: 'print' })
  await page.screenshot({ path: join(ROOT, 'test-results/export-print-media.png'), fullPage: true })
  const pdf = await page.pdf({ preferCSSPageSize: true, path: join(ROOT, 'test-results/export-print.pdf') })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/)
})

test('the library selection feeds the export view', async ({ app: { page } }) => {
  await page.getByTestId('nav-library').click()
  const rows = page.getByTestId('library-row')
  await rows.nth(0).click()
  await rows.nth(1).click({ modifiers: ['Control'] })
  await page.getByTestId('export-selection').click()
  await expect(page.getByTestId('export-selection-tag')).toContainText('已选 2 条')
  await page.getByTestId('export-format-json').click()
  await expect(page.getByTestId('export-preview-text')).toContainText('"manifest"')
})

for (const [width, height] of [[1440, 900], [1366, 768]] as const) {
  test(`the catalogue preview fits the page: 页数 and 备注 without scrolling sideways (${width} wide)`, async ({ app: { page, call } }) => {
    await call('records.file', { id: 'rep_seed_article' })
    await page.setViewportSize({ width, height })
    await page.getByTestId('nav-export').click()
    await page.getByTestId('export-format-xlsx').click()
    const table = page.getByTestId('export-preview-table')
    await expect(table).toContainText('-WS·2025-Y-BGS-0001')
    const fit = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1)
    for (const col of ['页数', '备注', '题名']) {
      const box = (await table.getByText(col, { exact: true }).boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(width)
      // A header reads on one line (not a character per line).
      expect(box.height).toBeLessThan(36)
    }
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(ROOT, `test-results/export-catalogue-${width}.png`) })
  })
}

test('in the English UI a Chinese document is previewed as exported, with Chinese headings', async ({ app: { page, call } }) => {
  await call('settings.update', { patch: { locale: 'en' } })
  await page.reload()
  await page.getByTestId('nav-export').click()
  await expect(page.getByTestId('export-view')).toContainText('Export')
  await page.getByTestId('export-format-docx').click()
  const sheet = page.getByTestId('export-preview-page')
  await expect(sheet.locator('th').first()).toBeAttached()
  const headers = await sheet.locator('th').allInnerTexts()
  expect(headers).toContain('指标')
  expect(headers).toContain('援前')
  expect(headers.join(' ')).not.toMatch(/[A-Za-z]/)
  await call('records.file', { id: 'rep_seed_article' })
  await page.getByTestId('export-format-csv').click()
  await expect(page.getByTestId('export-preview-table').locator('th').first()).toHaveText('序号')
})
