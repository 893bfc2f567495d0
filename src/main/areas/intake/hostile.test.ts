// Hostile files, generated here (no binary fixtures): each fails alone with a reason naming
// its limit while the good files beside it import, and the host answers while a parse runs.
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { crc32, createDeflateRaw, deflateSync } from 'node:zlib'
import { Document, Packer, Paragraph } from 'docx'
import ExcelJS from 'exceljs'
import { strToU8, zipSync } from 'fflate'
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../../app'
import { main } from '../../cli/program'
import { makeJpeg } from '../../test-support/images'
import { tmpDir } from '../../test-support/tmp'
import { DEFAULT_LIMITS, limits, overrideLimits } from './limits'
import { Parser, locate } from './offthread'
import { readXlsx, serialDate } from './xlsx'

const MB = 1024 * 1024
const b64 = (b: Buffer | Uint8Array | string) => Buffer.from(b).toString('base64')
const open = () => openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const reasons = (failed: { name: string; error: { reason: string; params?: unknown } }[]) => Object.fromEntries(failed.map((f) => [f.name, f.error]))

let svc: ArchiveService | null = null
let restore: (() => void) | null = null
afterEach(async () => {
  restore?.()
  restore = null
  await svc?.close()
  svc = null
})

// ---- the corpus ------------------------------------------------------------------------------

interface Part {
  name: string
  /** The part's bytes, a piece at a time. */
  pieces: Iterable<Buffer | string>
  /** The unpacked size the zip declares; the true size if left out. */
  declare?: number
}

function* repeat(piece: Buffer | string, times: number): Generator<Buffer | string> {
  for (let i = 0; i < times; i++) yield piece
}

/**
 * A zip written around node's zlib, one piece at a time, so a part can be hundreds of MB of
 * repeated bytes without ever holding them (fflate would need them in one buffer).
 */
async function zip(parts: Part[]): Promise<Buffer> {
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const z = createDeflateRaw({ level: 6 })
    const out: Buffer[] = []
    z.on('data', (d: Buffer) => out.push(d))
    let crc = 0
    let size = 0
    // Pieces go to zlib in ~1 MB chunks: a write per small piece would cost more than the deflate.
    let held: Buffer[] = []
    let heldBytes = 0
    const flush = async () => {
      const chunk = held.length === 1 ? held[0]! : Buffer.concat(held)
      held = []
      heldBytes = 0
      crc = crc32(chunk, crc)
      size += chunk.length
      if (!z.write(chunk)) await once(z, 'drain')
    }
    for (const piece of p.pieces) {
      held.push(Buffer.from(piece))
      heldBytes += held.at(-1)!.length
      if (heldBytes >= MB) await flush()
    }
    if (held.length) await flush()
    z.end()
    await once(z, 'end')
    const data = Buffer.concat(out)
    const name = Buffer.from(p.name)
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(0x0800, at) // UTF-8 names
      h.writeUInt16LE(8, at + 2) // deflate
      h.writeUInt16LE(0x21, at + 6) // 1980-01-01
      h.writeUInt32LE(crc, at + 8)
      h.writeUInt32LE(data.length, at + 12)
      h.writeUInt32LE(p.declare ?? size, at + 16)
      h.writeUInt16LE(name.length, at + 20)
    }
    const lh = Buffer.alloc(30)
    lh.writeUInt32LE(0x04034b50, 0)
    lh.writeUInt16LE(20, 4)
    fields(lh, 6)
    const ch = Buffer.alloc(46)
    ch.writeUInt32LE(0x02014b50, 0)
    ch.writeUInt16LE(20, 4)
    ch.writeUInt16LE(20, 6)
    fields(ch, 8)
    ch.writeUInt32LE(offset, 42)
    local.push(lh, name, data)
    central.push(ch, name)
    offset += lh.length + name.length + data.length
  }
  const cd = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...local, cd, end])
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const DOCX_PARTS: Part[] = [
  {
    name: '[Content_Types].xml',
    pieces: ['<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
  },
  {
    name: '_rels/.rels',
    pieces: ['<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
  },
]
const para = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`
function* document(body: Iterable<Buffer | string>): Generator<Buffer | string> {
  yield `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`
  yield* body
  yield '</w:body></w:document>'
}

/** 200 MB of one character as word/document.xml: ~200 KB packed. Made once. */
let bombMade: Promise<Buffer> | null = null
const docxBomb = () => (bombMade ??= zip([...DOCX_PARTS, { name: 'word/document.xml', pieces: document(repeat(Buffer.alloc(MB, 'a'), 200)) }]))

/** A document.xml of ~9 MB that declares 64 KB: what gets inflated is what was declared. */
const docxLiar = () => zip([...DOCX_PARTS, { name: 'word/document.xml', declare: 64 * 1024, pieces: document(repeat(para('援疆工作简报第五批工作队'), 150_000)) }])

/** ~16 MB of numbered paragraphs (packs like real text, no bomb): over the 10 MB a .docx part may have. */
function* numbered(n: number): Generator<string> {
  for (let i = 0; i < n; i += 1000) yield Array.from({ length: 1000 }, (_, j) => para(`第${i + j}段：援疆工作简报第五批工作队阜康市焦化项目综述`)).join('')
}
const docxBig = () => zip([...DOCX_PARTS, { name: 'word/document.xml', pieces: document(numbered(200_000)) }])

async function docx(lines: string[]): Promise<Buffer> {
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })))
}

async function pdf(lines: string[], pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842])
    if (p === 0) lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - i * 20, size: 12, font }))
  }
  return doc.save()
}

/** One page whose content stream inflates to `mb` MB of text operators: seconds of pdf.js work. */
async function pdfSlow(mb: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  const op = Buffer.from('BT /F1 12 Tf 50 700 Td (x) Tj ET\n')
  const raw = Buffer.alloc(Math.floor((mb * MB) / op.length) * op.length)
  for (let i = 0; i < raw.length; i += op.length) op.copy(raw, i)
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(deflateSync(raw, { level: 1 }), { Filter: 'FlateDecode' })))
  return doc.save()
}

/** A minimal .xlsx around one sheet's XML (inline strings need no shared-string part). */
function xlsx(sheetData: string, extra: Record<string, string> = {}, rels = ''): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'),
      '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="目录" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${rels}</Relationships>`),
      'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
    },
    { level: 1 },
  )
}
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

/** A PNG header that declares 100000 × 100000 pixels (10 gigapixels) and holds a few bytes. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data])
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))])
}

// ---- the tests -------------------------------------------------------------------------------

describe('hostile reports: each fails alone, naming its limit', () => {
  it('a zip bomb, a lying zip, an oversize part, a truncated docx, a text named .pdf, too many pages — beside good files that import', async () => {
    svc = await open()
    // The page limit is lowered so the corpus stays small: pdf.js takes seconds to open 2,001 pages.
    restore = overrideLimits({ pdfPages: 20 })
    const good = await docx(['晋援疆指〔2024〕7号', '第五批援疆工作队阜康市焦化项目综述', '山西援疆前方指挥部', '2024年6月23日'])
    const [bomb, liar, big, goodPdf, pages] = await Promise.all([docxBomb(), docxLiar(), docxBig(), pdf(['Fukang coking project report', '2024-07-01']), pdf(['too long'], 21)])
    expect(bomb.length).toBeLessThan(MB) // 200 MB inside
    const files = [
      { name: 'bomb.docx', data: b64(bomb) },
      { name: '综述.docx', data: b64(good) },
      { name: 'liar.docx', data: b64(liar) },
      { name: 'big.docx', data: b64(big) },
      { name: 'truncated.docx', data: b64(good.subarray(0, Math.floor(good.length / 2))) },
      { name: 'notes.pdf', data: b64('This is a text file with a .pdf name.\n') },
      { name: 'pages.pdf', data: b64(pages) },
      { name: 'report.pdf', data: b64(goodPdf) },
      { name: '总结.txt', data: b64('教育援疆工作总结\n2025年1月5日') },
    ]
    const t0 = performance.now()
    const res = await dispatch(svc, 'intake.reports', { files })
    console.info(`9 reports, 6 hostile: ${Math.round(performance.now() - t0)} ms`)
    expect(res.imported.map((i) => i.name)).toEqual(['综述.docx', 'report.pdf', '总结.txt'])
    expect(reasons(res.failed)).toEqual({
      'bomb.docx': { reason: 'file.zip_bomb', params: {} },
      'liar.docx': { reason: 'file.bad_docx', params: {} },
      'big.docx': { reason: 'file.unpacked_too_large', params: { limit: '10 MB' } },
      'truncated.docx': { reason: 'file.bad_docx', params: {} },
      'notes.pdf': { reason: 'file.bad_pdf', params: {} },
      'pages.pdf': { reason: 'file.too_many_pages', params: { limit: 20 } },
    })
    const [d, p] = res.imported.map((i) => svc!.record(i.id))
    expect(d).toMatchObject({ title: '第五批援疆工作队阜康市焦化项目综述', docNumber: '晋援疆指〔2024〕7号' })
    expect(p).toMatchObject({ title: 'Fukang coking project report', pages: 1 })
    expect(svc.info().counts.report).toBe(3) // a refused file leaves nothing behind
  })

  it('a zip bomb is refused from its directory, before anything is inflated', async () => {
    const parser = new Parser()
    try {
      const bomb = await docxBomb()
      await parser.text('warm-up.txt', Buffer.from('x')) // the worker's start is not the bomb's cost
      const t0 = performance.now()
      await expect(parser.text('bomb.docx', bomb)).rejects.toMatchObject({ reason: 'file.zip_bomb' })
      const ms = performance.now() - t0
      console.info(`zip bomb (200 MB in ${Math.round(bomb.length / 1024)} KB) refused in ${Math.round(ms)} ms`)
      expect(ms).toBeLessThan(500) // inflating 200 MB alone takes longer
    } finally {
      parser.close()
    }
  })

  it('a file that runs past the clock is stopped; the host answers meanwhile; the next file still imports', async () => {
    svc = await open()
    restore = overrideLimits({ timeoutMs: 2000 })
    const slow = await pdfSlow(20)
    const started = performance.now()
    let settled = false
    const call = dispatch(svc, 'intake.reports', { files: [{ name: 'slow.pdf', data: b64(slow) }, { name: 'after.txt', data: b64('之后的文件\n2025年3月1日') }] })
    void call.finally(() => (settled = true)).catch(() => {})
    const waits: number[] = []
    while (!settled) {
      await sleep(200)
      const t = performance.now()
      const info = await dispatch(svc, 'archive.info', {})
      if (settled) break
      waits.push(performance.now() - t)
      // Files go in order: until the clock can have stopped slow.pdf, after.txt cannot be in.
      if (t - started < 2000) expect(info.counts.report).toBe(0)
    }
    const res = await call
    console.info(`slow PDF stopped after ${Math.round(performance.now() - started)} ms; archive.info answered ${waits.length}× meanwhile, slowest ${Math.round(Math.max(...waits))} ms`)
    expect(reasons(res.failed)).toEqual({ 'slow.pdf': { reason: 'file.timeout', params: { seconds: 2 } } })
    expect(res.imported.map((i) => i.name)).toEqual(['after.txt'])
    expect(waits.length).toBeGreaterThanOrEqual(5) // the parse ran for seconds…
    expect(Math.max(...waits)).toBeLessThan(250) // …and the host kept answering
  })

  it('a file that fills the worker’s heap ends that worker alone', async () => {
    svc = await open()
    // mammoth holds ~30× a part in memory: 6.5 MB of document.xml, under the part limit, fills 64 MB.
    restore = overrideLimits({ workerHeapMb: 64 })
    const heavy = await zip([...DOCX_PARTS, { name: 'word/document.xml', pieces: document(numbered(60_000)) }])
    const res = await dispatch(svc, 'intake.reports', { files: [{ name: 'heavy.docx', data: b64(heavy) }, { name: 'after.md', data: b64('# 之后\n正文') }] })
    expect(reasons(res.failed)).toEqual({ 'heavy.docx': { reason: 'file.out_of_memory', params: { limit: '64 MB' } } })
    expect(res.imported.map((i) => i.name)).toEqual(['after.md'])
  })

  it('a file over the size limit is refused; one at the limit is read', async () => {
    restore = overrideLimits({ fileBytes: 1000 })
    const parser = new Parser()
    try {
      await expect(parser.text('long.txt', Buffer.alloc(1001, 'x'))).rejects.toMatchObject({ reason: 'file.too_large', params: { limit: '1000 B' } })
      expect(await parser.text('short.txt', Buffer.alloc(1000, 'x'))).toMatchObject({ text: 'x'.repeat(1000), mime: 'text/plain' })
    } finally {
      parser.close()
    }
  })

  it('the unpacked total counts the XML parts, the only ones inflated; images are kept as they are', async () => {
    const withPhoto = await zip([
      ...DOCX_PARTS,
      { name: 'word/document.xml', pieces: document([para('援疆工作简报')]) },
      { name: 'word/media/photo.jpg', pieces: [randomBytes(MB)] },
    ])
    const parser = new Parser()
    try {
      restore = overrideLimits({ zipTotalBytes: 64 * 1024 })
      expect(await parser.text('photo.docx', withPhoto)).toMatchObject({ text: '援疆工作简报' })
      restore()
      restore = overrideLimits({ zipTotalBytes: 500 })
      await expect(parser.text('photo.docx', withPhoto)).rejects.toMatchObject({ reason: 'file.unpacked_too_large', params: { limit: '500 B' } })
    } finally {
      parser.close()
    }
  })

  it('runs in a worker from source; in-thread, under the same caps, only where no worker script exists', async () => {
    expect(new Parser().offThread).toBe(true)
    expect(locate()?.url.href).toMatch(/worker-dev\.mjs$/)
    const out = tmpDir()
    writeFileSync(join(out, 'intakeWorker.js'), '')
    expect(locate(pathToFileURL(join(out, 'index.js')).href)?.url.href).toBe(pathToFileURL(join(out, 'intakeWorker.js')).href)
    expect(locate(pathToFileURL(join(out, 'chunks', 'offthread-abc.js')).href)?.url.href).toBe(pathToFileURL(join(out, 'intakeWorker.js')).href)
    expect(locate(pathToFileURL(join(tmpDir(), 'x.js')).href)).toBeNull()
    const inThread = new Parser(null)
    expect(inThread.offThread).toBe(false)
    expect(await inThread.table('a.csv', Buffer.from('题名\n文件一\n文件二'))).toEqual([['题名'], ['文件一'], ['文件二']])
    restore = overrideLimits({ tableRows: 1 })
    await expect(inThread.table('a.csv', Buffer.from('题名\n文件一\n文件二'))).rejects.toMatchObject({ reason: 'file.too_many_rows', params: { limit: 1 } })
    inThread.close()
  })
})

describe('hostile catalogues: refused whole, naming the limit', () => {
  const rowsXml = (n: number) => {
    const out = [`<row r="1">${inline('A1', '题名')}${inline('B1', '日期')}</row>`]
    for (let i = 2; i <= n + 1; i++) out.push(`<row r="${i}">${inline(`A${i}`, `文件${i}`)}<c r="B${i}"><v>${20240100 + (i % 28) + 1}</v></c></row>`)
    return out.join('')
  }

  it('an XLSX and a CSV of 50,001 rows; 50,000 rows are read', async () => {
    svc = await open()
    const over = xlsx(rowsXml(50_001))
    const t0 = performance.now()
    await expect(dispatch(svc, 'intake.catalogue', { name: '目录.xlsx', data: b64(over) })).rejects.toMatchObject({ code: 'invalid_input', reason: 'file.too_many_rows', params: { limit: 50_000 } })
    console.info(`XLSX of 50,001 rows (${Math.round(over.length / 1024)} KB) refused in ${Math.round(performance.now() - t0)} ms`)
    const csv = (n: number) => ['题名,日期', ...Array.from({ length: n }, (_, i) => `文件${i},2024010${(i % 9) + 1}`)].join('\r\n')
    await expect(dispatch(svc, 'intake.catalogue', { name: '目录.csv', data: b64(csv(50_001)) })).rejects.toMatchObject({ reason: 'file.too_many_rows', params: { limit: 50_000 } })
    expect(svc.info().counts.report).toBe(0)
    // At the limit, both are read in full.
    const parser = new Parser()
    try {
      expect(await parser.table('ok.xlsx', xlsx(rowsXml(50_000)))).toHaveLength(50_001)
      const rows = await parser.table('ok.csv', Buffer.from(csv(50_000)))
      expect([rows.length, rows[50_000]]).toEqual([50_001, ['文件49999', '20240105']])
    } finally {
      parser.close()
    }
  })

  it('too many columns, an oversize CSV, an XLSX bomb, a damaged XLSX', async () => {
    svc = await open()
    await expect(dispatch(svc, 'intake.catalogue', { name: 'wide.xlsx', data: b64(xlsx(`<row r="1">${inline('A1', '题名')}${inline('GS1', '第201列')}</row>`)) })).rejects.toMatchObject({
      reason: 'file.too_many_columns',
      params: { limit: 200 },
    })
    // Empty cells past the limit (stray commas, formatted blanks) are not columns.
    const p = await dispatch(svc, 'intake.catalogue', { name: 'commas.csv', data: b64(`题名,日期${','.repeat(500)}\n文件,20240101${','.repeat(500)}`) })
    expect(p).toMatchObject({ total: 1, valid: 1 })
    await expect(dispatch(svc, 'intake.catalogue', { name: 'wide.csv', data: b64(`题名${',x'.repeat(200)}`) })).rejects.toMatchObject({ reason: 'file.too_many_columns' })
    restore = overrideLimits({ csvBytes: 100 })
    await expect(dispatch(svc, 'intake.catalogue', { name: 'big.csv', data: b64(`题名\n${'文件\n'.repeat(20)}`) })).rejects.toMatchObject({ reason: 'file.too_large', params: { limit: '100 B' } })
    restore()
    restore = null
    const bomb = await zip([{ name: 'xl/worksheets/sheet1.xml', pieces: repeat(Buffer.alloc(MB, ' '), 100) }])
    await expect(dispatch(svc, 'intake.catalogue', { name: 'bomb.xlsx', data: b64(bomb) })).rejects.toMatchObject({ reason: 'file.zip_bomb' })
    const good = xlsx(rowsXml(3))
    await expect(dispatch(svc, 'intake.catalogue', { name: 'cut.xlsx', data: b64(good.subarray(0, good.length - 30)) })).rejects.toMatchObject({ reason: 'catalogue.bad_xlsx', params: { name: 'cut.xlsx' } })
    expect(await dispatch(svc, 'intake.catalogue', { name: 'ok.xlsx', data: b64(good) })).toMatchObject({ total: 3, valid: 3 })
  })

  it('rich text, formulas, hyperlinks and dates are read as the text they show, never “[object Object]”', async () => {
    svc = await open()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('目录')
    ws.addRow(['题名', '日期', '文号', '责任者', '备注'])
    ws.addRow([
      { richText: [{ text: '关于' }, { font: { bold: true }, text: '医疗援疆' }, { text: '的通知' }] },
      new Date(Date.UTC(2024, 5, 23)),
      { formula: '"晋援疆指〔2024〕"&"12号"', result: '晋援疆指〔2024〕12号' },
      { text: '山西援疆前方指挥部', hyperlink: 'https://example.org/' },
      { formula: '1+1', result: 2 },
    ])
    ws.getCell('B2').numFmt = 'yyyy-mm-dd'
    ws.addRow([{ text: '链接题名', hyperlink: 'https://example.org/a' }, { formula: 'DATE(2024,1,2)', result: new Date(Date.UTC(2024, 0, 2)) }, '', '', true])
    ws.getCell('B3').numFmt = 'yyyy"年"m"月"d"日"'
    const r = await dispatch(svc, 'intake.catalogue', { name: 'rich.xlsx', data: b64(Buffer.from(await wb.xlsx.writeBuffer())), commit: true })
    expect(r.errors).toEqual([])
    expect(r.preview).toEqual([
      { row: 2, title: '关于医疗援疆的通知', date: '2024-06-23', docNumber: '晋援疆指〔2024〕12号', responsible: '山西援疆前方指挥部' },
      { row: 3, title: '链接题名', date: '2024-01-02', docNumber: '', responsible: '' },
    ])
    const records = [...svc.store.records.values()]
    expect(records.map((x) => x.kind === 'report' && x.remarks)).toEqual(['2', 'TRUE'])
    expect(JSON.stringify(records)).not.toContain('object')
  })

  it('the XLSX reader: shared rich text without phonetic guides, escapes, errors, month dates, prefixed elements, the 1904 calendar', () => {
    const sst =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>题名</t></si>' +
      '<si><r><rPr><b/></rPr><t xml:space="preserve">援疆 </t></r><r><t>简报</t></r><rPh sb="0" eb="2"><t>ユアンジャン</t></rPh></si>' +
      '<si><t>A &amp; B_x000D_C</t></si></sst>'
    const styles =
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="31"/></cellXfs></styleSheet>'
    const rels =
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>'
    const sheet =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      '<row r="2"/>' +
      '<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" s="1"><x:v>45466</x:v></x:c><x:c r="C3" s="2"><x:v>45466.5</x:v></x:c><x:c r="D3" s="3"><x:f>TODAY()</x:f><x:v>45292</x:v></x:c></x:row>' +
      '<row r="4"><c r="A4" t="e"><v>#N/A</v></c><c r="B4" t="b"><v>0</v></c><c r="C4" t="str"><f>A1&amp;"x"</f><v>题名x</v></c><c t="inlineStr"><is><t>&#x963F;&#38459;</t></is></c></row>'
    const data = xlsx(sheet, { 'xl/sharedStrings.xml': sst, 'xl/styles.xml': styles }, rels)
    expect(readXlsx('t.xlsx', data, limits())).toEqual([
      ['题名', '', 'A & B\rC'],
      ['援疆 简报', '2024-06-23', '2024-06', '2024-01-01'],
      ['#N/A', 'FALSE', '题名x', '阿阻'],
    ])
    expect(serialDate(0, true, 'day')).toBeNull()
    expect([serialDate(1, false, 'day'), serialDate(61, false, 'day'), serialDate(1, true, 'day')]).toEqual(['1900-01-01', '1900-03-01', '1904-01-02'])
  })
})

describe('hostile photos, and files named on the command line', () => {
  it('an image that declares 10 gigapixels fails alone; the photo beside it imports', async () => {
    svc = await open()
    const res = await dispatch(svc, 'intake.photos', { files: [{ name: 'huge.png', data: b64(pngClaiming(100_000, 100_000)) }, { name: 'ok.jpg', data: b64(await makeJpeg()) }] })
    expect(res.imported.map((i) => i.name)).toEqual(['ok.jpg'])
    expect(reasons(res.failed)).toEqual({ 'huge.png': { reason: 'file.image_too_large', params: { limit: DEFAULT_LIMITS.imagePixels / 1e6 } } })
  })

  it('aid-archive import-reports refuses a file over the limit; the rest import', async () => {
    restore = overrideLimits({ fileBytes: 100 })
    const dir = tmpDir()
    const files = tmpDir()
    writeFileSync(join(files, 'big.txt'), 'x'.repeat(101))
    writeFileSync(join(files, 'small.txt'), '小文件')
    const out: string[] = []
    const err: string[] = []
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }
    expect(await main(['import-reports', files, '--archive', dir], io)).toBe(1)
    expect(out.at(-1)).toMatch(/^Imported 1 reports, 0 duplicates, 1 failed\.$/)
    expect(err[0]).toMatch(/^aid-archive: big\.txt: .*100 B/)
  })

  it('aid-archive import-json reads at most 256 MB, whatever the path names', async () => {
    const dir = tmpDir()
    const err: string[] = []
    const io = { out: () => {}, err: (s: string) => err.push(s) }
    expect(await main(['init', '--archive', dir], io)).toBe(0)
    // /dev/zero never ends: without a cap the read would take all memory.
    expect(await main(['import-json', '/dev/zero', '--archive', dir], io)).toBe(1)
    expect(err.join('\n')).toMatch(/256 MB/)
  })
})
