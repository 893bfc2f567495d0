// A day of intake as staff do it: caption photos one after another in the viewer, read a
// photo's 拍摄信息, download an imported original, drop a folder of mixed photos and documents.
import sharp from 'sharp'
import { Document, Packer, Paragraph } from 'docx'
import { test, expect } from './fixtures'
import type { Page } from '@playwright/test'

/** A 2400×1600 camera JPEG: EXIF with make, model, time (and GPS when asked), but no size, as many tools write it. */
async function cameraPhoto(hue: number, minute: number, gps = false): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="1600"><rect width="2400" height="1600" fill="hsl(${hue},55%,60%)"/>
    <circle cx="${600 + hue * 3}" cy="500" r="180" fill="hsl(45,90%,65%)"/><path d="M0 1240 Q600 840 1200 1200 T2400 1120 V1600 H0Z" fill="hsl(${hue + 90},35%,35%)"/></svg>`
  const exif: Record<string, Record<string, string>> = {
    IFD0: { Make: 'Canon', Model: 'Canon EOS R6' },
    IFD2: { DateTimeOriginal: `2024:06:23 10:${String(minute).padStart(2, '0')}:00` },
  }
  if (gps) exif.IFD3 = { GPSLatitudeRef: 'N', GPSLatitude: '44/1 9/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '87/1 58/1 48/1' }
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).withExif(exif).toBuffer()
}

const DEV_WORDS = /takenAt|\bmake\b|\bmodel\b|\bgps\b|object Object|EXIF|sha256|[0-9a-f]{64}/i

async function importEight(call: <T>(m: string, i?: unknown) => Promise<T>): Promise<{ id: string; name: string }[]> {
  const files = []
  for (let i = 1; i <= 8; i++) files.push({ name: `IMG_01${String(i).padStart(2, '0')}.jpg`, data: (await cameraPhoto(i * 40, i, i === 4)).toString('base64') })
  const res = await call<{ imported: { id: string; name: string }[] }>('intake.photos', { files })
  expect(res.imported).toHaveLength(8)
  return res.imported
}

/** A record page by its address, once the app is up (a hash set before the router starts is lost). */
async function openRecord(page: Page, id: string): Promise<void> {
  await expect(page.getByTestId('nav-library')).toBeVisible()
  await page.evaluate(`location.hash = '#/record/${id}'`)
  await expect(page.getByTestId('record-meta')).toBeVisible({ timeout: 20_000 })
}

async function openViewerOn(page: Page, fileName: string): Promise<void> {
  await page.getByTestId('nav-photos').click()
  const tile = page.getByTestId('photo-tile').filter({ hasText: fileName.replace(/\.jpg$/, '') })
  await tile.click()
  await expect(page.getByTestId('photo-viewer').getByTestId('attachment-name')).toHaveText(fileName)
}

test('识别并填入 keeps the viewer on the photo it filled; 拍摄信息 reads in words, 像素 included', async ({ app: { page, call } }) => {
  await importEight(call)
  await openViewerOn(page, 'IMG_0104.jpg')
  const viewer = page.getByTestId('photo-viewer')
  const position = await viewer.getByTestId('viewer-position').innerText()
  expect(position).toMatch(/^第 \d+ \/ 13 张$/) // the demo holds five photos

  // 5a and 11a in the viewer: words, not keys; the size from the image itself.
  const info = viewer.getByTestId('photo-info')
  await expect(info.getByTestId('photo-info-takenAt')).toHaveText('2024年6月23日 10:04')
  await expect(info.getByTestId('photo-info-camera')).toHaveText('Canon EOS R6')
  await expect(info.getByTestId('photo-info-position')).toContainText('北纬 44.15000°，东经 87.98000°')
  await expect(info.getByTestId('photo-info-pixels')).toHaveText('2400 × 1600')
  expect(await viewer.getByTestId('viewer-panel').innerText()).not.toMatch(DEV_WORDS)

  // Paste a caption and fill: the same photo stays on screen, showing what was filled.
  await viewer.getByTestId('viewer-paste').locator('xpath=descendant-or-self::textarea').fill('援疆医疗队在阜康市人民医院开展义诊（2024年6月23日摄） 新华社记者 李四 摄')
  await viewer.getByTestId('viewer-parse').click()
  await expect(page.locator('.el-message--success')).toContainText('已填入')
  await expect(viewer.getByTestId('viewer-caption-photographer')).toHaveText('新华社记者 李四')
  await expect(viewer.getByTestId('viewer-caption-event')).toContainText('援疆医疗队在阜康市人民医院开展义诊')
  await expect(viewer.getByTestId('attachment-name')).toHaveText('IMG_0104.jpg')
  await expect(viewer.getByTestId('viewer-position')).toHaveText(position)
  await expect(viewer.getByTestId('viewer-image')).toHaveJSProperty('complete', true)
  await page.screenshot({ path: 'test-results/intake-day-viewer.png' })

  // The next photo, then back: still in place, still filled.
  await page.keyboard.press('ArrowRight')
  await expect(viewer.getByTestId('attachment-name')).not.toHaveText('IMG_0104.jpg')
  await page.keyboard.press('ArrowLeft')
  await expect(viewer.getByTestId('attachment-name')).toHaveText('IMG_0104.jpg')
  await expect(viewer.getByTestId('viewer-caption-photographer')).toHaveText('新华社记者 李四')
})

test('the photo record page shows 拍摄信息 in words, and 像素 for a photo imported before sizes were kept', async ({ app: { page, call } }) => {
  const [, , , fourth] = await importEight(call)
  // As an older import left it: EXIF without the size.
  const { record: rec } = await call<{ record: { updatedAt: string } }>('records.get', { id: fourth!.id })
  await call('records.update', { id: fourth!.id, patch: { exif: { takenAt: '2024-06-23T10:04:00', make: 'Canon', model: 'Canon EOS R6', gps: { lat: 44.15, lon: 87.98 } } }, expectedUpdatedAt: rec.updatedAt })
  await openRecord(page, fourth!.id)
  const meta = page.getByTestId('record-meta')
  await expect(meta.getByTestId('photo-info-pixels')).toHaveText('2400 × 1600')
  await expect(meta.getByTestId('photo-info-takenAt')).toHaveText('2024年6月23日 10:04')
  await expect(meta.getByTestId('photo-info-position')).toHaveText('北纬 44.15000°，东经 87.98000°')
  await expect(meta.getByTestId('attachment-about')).toHaveText(/^JPEG 图片 · \d+ KB$/)
  expect(await meta.innerText()).not.toMatch(DEV_WORDS)
  await meta.screenshot({ path: 'test-results/intake-day-photo-record.png' })
})

test('an imported original downloads under its own name, with its bytes', async ({ app: { page, call } }) => {
  const doc = new Document({ sections: [{ children: ['山西省援疆前方指挥部文件', '晋援疆指〔2024〕12号', '关于做好2024年度援疆项目竣工验收工作的通知', '各援疆工作队：', '现就有关事项通知如下。', '山西省援疆前方指挥部', '2024年6月23日'].map((t) => new Paragraph(t)) }] })
  const bytes = Buffer.from(await Packer.toBuffer(doc))
  const name = '晋援疆指〔2024〕12号 关于做好验收工作的通知.docx'
  const res = await call<{ imported: { id: string }[] }>('intake.reports', { files: [{ name, data: bytes.toString('base64') }] })
  await openRecord(page, res.imported[0]!.id)
  await expect(page.getByTestId('record-title')).toHaveText('关于做好2024年度援疆项目竣工验收工作的通知')
  const meta = page.getByTestId('record-meta')
  await expect(meta.getByTestId('attachment-name')).toHaveText(name)
  await expect(meta.getByTestId('attachment-about')).toHaveText(/^Word 文档 · \d+ KB$/)
  await expect(meta.getByTestId('attachment-open')).toHaveCount(0) // the browser host downloads; Electron opens
  await page.screenshot({ path: 'test-results/intake-day-report-record.png' })
  const [download] = await Promise.all([page.waitForEvent('download'), meta.getByTestId('attachment-download').click()])
  expect(download.suggestedFilename()).toBe(name)
  const path = await download.path()
  const { readFileSync } = await import('node:fs')
  expect(readFileSync(path).equals(bytes)).toBe(true)
})

test('a dropped folder of mixed photos and documents: each goes where its type says, one summary', async ({ app: { page } }) => {
  const doc = new Document({ sections: [{ children: ['援疆工作简报', '2024年第6期', '山西援疆前方指挥部办公室编 2024年6月28日', '医疗队义诊惠及千余群众', '6月23日，医疗队在阜康市开展义诊。'].map((t) => new Paragraph(t)) }] })
  const files = [
    { name: 'IMG_0201.jpg', type: 'image/jpeg', b64: (await cameraPhoto(30, 1)).toString('base64') },
    { name: 'IMG_0201.txt', type: 'text/plain', b64: Buffer.from('义诊现场（新华社记者 李四 摄）').toString('base64') },
    { name: 'IMG_0202.jpg', type: 'image/jpeg', b64: (await cameraPhoto(200, 2)).toString('base64') },
    { name: '简报第6期.docx', type: 'application/octet-stream', b64: Buffer.from(await Packer.toBuffer(doc)).toString('base64') },
    { name: '坏文件.pdf', type: 'application/pdf', b64: Buffer.from('not a pdf').toString('base64') },
    { name: '项目表.xlsx', type: 'application/octet-stream', b64: Buffer.from('PK').toString('base64') },
  ]
  await page.getByTestId('nav-photos').click()
  await expect(page.getByTestId('photos-view')).toBeVisible()
  // In the page (a string: e2e is typed without the DOM), as a drop of the folder's files.
  await page.evaluate(`(() => {
    const dt = new DataTransfer()
    for (const f of ${JSON.stringify(files)}) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }))
    document.querySelector('[data-testid="photos-view"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
  })()`)
  const dialog = page.getByTestId('import-dialog')
  await expect(dialog.getByTestId('import-selected')).toContainText('已选 2 张照片、2 件文书；另有 1 个文件既不是照片也不是文书，不会导入')
  await dialog.getByTestId('import-start').click()
  await expect(dialog.getByTestId('import-totals')).toHaveText('共 5 个文件：导入照片 2 张、文书 1 件 · 重复 0 · 失败 2')
  await expect(dialog.getByTestId('import-where')).toContainText('2 张照片 → 照片（未分组）')
  await expect(dialog.getByTestId('import-where')).toContainText('1 件文书 → 文书')
  await expect(dialog.getByTestId('import-report')).toContainText('医疗队义诊惠及千余群众 · 2024年第6期 · 2024-06-28 · 山西援疆前方指挥部办公室')
  const failed = dialog.getByTestId('import-failed')
  await expect(failed.filter({ hasText: '坏文件.pdf' })).toContainText('不是可读取的 PDF 文件')
  await expect(failed.filter({ hasText: '项目表.xlsx' })).toContainText('既不是照片也不是文书')
  await page.screenshot({ path: 'test-results/intake-day-mixed.png' })
  await dialog.getByTestId('import-close').click()
  await expect(page.getByTestId('photo-tile').filter({ hasText: 'IMG_0202' })).toBeVisible()
})
