import sharp from 'sharp'
import { test, expect } from './fixtures'

/** A photo-like JPEG (sky, hills, a sun) with the EXIF a camera writes. */
async function photo(hue: number, taken: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,55%)"/><stop offset="1" stop-color="hsl(${hue + 30},50%,85%)"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#s)"/><circle cx="${300 + hue}" cy="220" r="80" fill="hsl(45,90%,65%)"/>
    <path d="M0 620 Q300 420 600 600 T1200 560 V800 H0Z" fill="hsl(${hue + 90},35%,35%)"/></svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).withExif({ IFD0: { Make: 'Canon', Model: 'EOS R6' }, IFD2: { DateTimeOriginal: taken } }).toBuffer()
}

test('imports photos through the UI, sees them in the grid and the viewer', async ({ app: { page } }) => {
  const files = [
    { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photo(200, '2024:06:23 10:00:00') },
    { name: 'IMG_0001.txt', mimeType: 'text/plain', buffer: Buffer.from('援疆医疗队在阜康市开展义诊（2024年6月23日摄） 图片由山西援疆前方指挥部提供') },
    { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await photo(20, '2024:06:23 10:05:00') },
    { name: 'IMG_0003.jpg', mimeType: 'image/jpeg', buffer: await photo(120, '2024:06:23 10:09:00') },
    { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') },
  ]
  await page.getByTestId('nav-photos').click()
  await expect(page.getByTestId('photos-view')).toBeVisible()
  await page.getByTestId('import-open').click()
  const dialog = page.getByTestId('import-dialog')
  await page.getByTestId('import-input').setInputFiles(files)
  await expect(dialog.getByTestId('import-selected')).toContainText('4 张照片')
  await dialog.getByTestId('import-group-title').locator('xpath=descendant-or-self::input').fill('医疗队义诊活动')
  await page.screenshot({ path: 'test-results/intake-dialog.png' })
  await dialog.getByTestId('import-start').click()

  const summary = dialog.getByTestId('import-summary')
  await expect(summary.getByTestId('import-totals')).toHaveText('共 4 个文件：导入照片 3 张、文书 0 件 · 重复 0 · 失败 1')
  await expect(summary.getByTestId('import-where')).toHaveText('3 张照片 → 照片组“医疗队义诊活动”')
  await expect(dialog.getByTestId('import-failed')).toContainText('notes.jpg')
  await page.screenshot({ path: 'test-results/intake-summary.png' })
  await dialog.getByTestId('import-close').click()

  // The new group holds the three photos, numbered from the archive's one sequence: the demo
  // already holds ZP·2024-0001, so these continue after it rather than starting again.
  const group = page.getByTestId('group-item').filter({ hasText: '医疗队义诊活动' })
  await expect(group).toContainText('3')
  await group.click()
  const tiles = page.getByTestId('photo-tile')
  await expect(tiles).toHaveCount(3)
  await expect(tiles.nth(0)).toContainText('ZP·2024-0002')
  await expect(tiles.nth(1)).toContainText('ZP·2024-0003')
  await expect(tiles.nth(2)).toContainText('ZP·2024-0004')
  await expect(tiles.first()).toContainText('援疆医疗队在阜康市开展义诊')
  await page.getByTestId('group-list').getByText('全部照片').click()
  await expect(page.getByTestId('photo-tile').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/intake-grid.png' })
  await group.click()

  await tiles.first().click()
  const viewer = page.getByTestId('photo-viewer')
  await expect(viewer.getByTestId('viewer-caption-photographer')).toHaveText('山西援疆前方指挥部')
  await expect(viewer.getByTestId('viewer-caption-time')).toHaveText('2024年6月23日')
  await expect(viewer.getByTestId('viewer-position')).toHaveText('第 1 / 3 张')
  await expect(viewer.getByTestId('viewer-image')).toHaveJSProperty('complete', true)
  await page.screenshot({ path: 'test-results/intake-viewer.png' })
  await page.keyboard.press('ArrowRight')
  await expect(viewer.getByTestId('viewer-position')).toHaveText('第 2 / 3 张')
  await expect(viewer.getByTestId('viewer-caption-time')).toHaveText('2024年6月23日') // from EXIF
  // A pasted caption fills the elements it names.
  await viewer.getByTestId('viewer-paste').locator('xpath=descendant-or-self::textarea').fill('义诊现场，群众排队就诊（新华社记者 李四 摄）')
  await viewer.getByTestId('viewer-parse').click()
  await expect(viewer.getByTestId('viewer-caption-photographer')).toHaveText('新华社记者 李四')
  await expect(viewer.getByTestId('viewer-caption-event')).toHaveText('义诊现场，群众排队就诊')
  await page.screenshot({ path: 'test-results/intake-viewer2.png' })
  await page.keyboard.press('Escape')

  // The same file again is recognised and points at the existing record.
  await page.getByTestId('import-open').click()
  await page.getByTestId('import-input').setInputFiles([files[2]!])
  await dialog.getByTestId('import-start').click()
  await expect(dialog.getByTestId('import-duplicate')).toContainText('IMG_0002.jpg')
  await dialog.getByTestId('import-duplicate').getByRole('button').click()
  await expect(page).toHaveURL(/#\/record\/pho_/)
})

test('imports a report and a filing catalogue, with suggestions, a preview and per-row errors', async ({ app: { page } }) => {
  await page.getByTestId('nav-photos').click()
  await page.getByTestId('import-open').click()
  const dialog = page.getByTestId('import-dialog')
  const text = '援疆工作简报\n2024年第5期\n医疗援疆取得新进展\n山西援疆前方指挥部\n2024年5月10日'
  await page.getByTestId('import-input').setInputFiles([{ name: '简报5.md', mimeType: 'text/markdown', buffer: Buffer.from(text) }])
  await dialog.getByTestId('import-start').click()
  await expect(dialog.getByTestId('import-report')).toContainText('医疗援疆取得新进展 · 2024年第5期 · 2024-05-10 · 山西援疆前方指挥部')
  await dialog.getByTestId('import-close').click()

  await page.getByTestId('catalogue-open').click()
  const cat = page.getByTestId('catalogue-dialog')
  const csv = '序号,文号,责任者,题名,日期,页数\n1,晋援疆指〔2023〕1号,山西援疆前方指挥部,关于开展医疗援疆工作的通知,20230105,3\n2,,,,20230301,1\n'
  await page.getByTestId('catalogue-input').setInputFiles([{ name: '目录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }])
  await expect(cat.getByTestId('catalogue-counts')).toHaveText('共 2 行，可导入 1 行')
  await expect(cat.getByTestId('catalogue-preview')).toContainText('关于开展医疗援疆工作的通知')
  await expect(cat.getByTestId('catalogue-errors')).toContainText('行 3')
  await page.screenshot({ path: 'test-results/intake-catalogue.png' })
  await cat.getByTestId('catalogue-commit').click()
  await expect(cat).toBeHidden()
  await page.getByTestId('nav-library').click()
  await expect(page.getByText('关于开展医疗援疆工作的通知')).toBeVisible()
})

test('10,000 photos: the grid keeps only the rows in view; a drop on the view opens the import', async ({ app: { page, call } }) => {
  test.setTimeout(120_000) // 10,000 records imported and indexed first, on a busy 2-core machine
  const records = Array.from({ length: 10_000 }, (_, i) => ({ kind: 'photo', title: `测试照片 ${String(i).padStart(5, '0')}` }))
  await call('io.importJson', { data: { format: 'aid-archive/v1', records } })
  await page.getByTestId('nav-photos').click()
  await expect(page.getByTestId('photo-count')).toContainText('10005', { timeout: 30_000 })
  const tiles = page.getByTestId('photo-tile')
  await expect(tiles.first()).toBeVisible()
  expect(await tiles.count()).toBeLessThan(200)
  const grid = page.getByTestId('photo-grid')
  for (const top of [20_000, 200_000, 10_000_000]) {
    await grid.evaluate((el, y) => el.scrollTo(0, y), top)
    await expect(tiles.first()).toBeVisible()
    expect(await tiles.count()).toBeLessThan(200)
  }
  expect(await grid.evaluate((el) => el.scrollTop)).toBeGreaterThan(100_000)

  // Files dropped on the view land in the import dialog.
  await page.evaluate(`(() => {
    const dt = new DataTransfer()
    dt.items.add(new File([new Uint8Array([0xff, 0xd8, 0xff])], 'dropped.jpg', { type: 'image/jpeg' }))
    document.querySelector('[data-testid="photos-view"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
  })()`)
  await expect(page.getByTestId('import-selected')).toContainText('1 张照片')
})
