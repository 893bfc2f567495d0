import ExcelJS from 'exceljs'
import { unzipSync } from 'fflate'
import mammoth from 'mammoth'
import Papa from 'papaparse'
// The strict XML 1.0 parser exceljs itself reads workbooks with: it refuses characters XML forbids.
import { SaxesParser } from 'saxes'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiInput } from '../../../shared/api'
import { dispatch, type ArchiveService } from '../../app'
import { putFile } from '../../media/files'
import { makeJpeg } from '../../test-support/images'
import { packageNames } from './photo-package'
import { csvCell, safeFileName, sniffImageExt, verifiedExt, xmlSafe, xmlText } from './safe-output'
import { bytesOf, demoArchive } from './testing'

let svc: ArchiveService
beforeAll(async () => {
  svc = await demoArchive()
})
afterAll(() => svc?.close())

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
const png = (background: string) => sharp({ create: { width: 4, height: 3, channels: 3, background } }).png().toBuffer()

async function fileReport(r: Record<string, unknown>): Promise<void> {
  await dispatch(svc, 'records.create', { record: { kind: 'report', batchId: 'bat_shanxi5', date: '2024-05-01', retention: 'Y', pages: 1, ...r } as ApiInput<'records.create'>['record'] })
  await dispatch(svc, 'records.file', { id: r.id as string })
}

/** Every XML part of an OOXML file: valid UTF-8, no replacement character, well-formed XML 1.0. */
function expectWellFormed(bytes: Uint8Array): Record<string, string> {
  const parts: Record<string, string> = {}
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.(xml|rels)$/.test(name)) continue
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data)
    // A lone surrogate that reached the encoder would come out as U+FFFD.
    expect(text, name).not.toContain('\uFFFD')
    expect(text, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/)
    const errors: string[] = []
    const parser = new SaxesParser()
    parser.on('error', (e) => errors.push(e.message))
    parser.write(text).close()
    expect(errors, name).toEqual([])
    parts[name] = text
  }
  return parts
}

describe('CSV and xlsx: record text stays text', () => {
  const FORMULAS = {
    title: '=HYPERLINK("http://example.invalid","点此")',
    docNumber: '+1+1',
    responsible: '@SUM(1)',
    remarks: '-2+3\n=1+1',
  }
  beforeAll(() => fileReport({ id: 'rep_formula', ...FORMULAS }))

  it('a formula-looking 题名, 文号, 责任者 or 备注 opens as text in the catalogue CSV: its cell begins with an apostrophe', async () => {
    const text = new TextDecoder().decode(bytesOf(await dispatch(svc, 'export.run', { format: 'csv' })).slice(3))
    const rows = Papa.parse<string[]>(text.trim()).data
    const row = rows.find((r) => r[4]?.includes('HYPERLINK'))!
    expect(row[2]).toBe(`'${FORMULAS.docNumber}`)
    expect(row[3]).toBe(`'${FORMULAS.responsible}`)
    expect(row[4]).toBe(`'${FORMULAS.title}`)
    expect(row[8]).toBe(`'${FORMULAS.remarks}`)
    // Ordinary text is left as it is.
    expect(rows.find((r) => r[4] === '援疆工作简报第1期')?.[3]).toBe('山西援疆前方指挥部')
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('the xlsx holds the same text as string cells, never a formula', async () => {
    const bytes = bytesOf(await dispatch(svc, 'export.run', { format: 'xlsx' }))
    const parts = expectWellFormed(bytes)
    for (const [name, xml] of Object.entries(parts)) if (name.startsWith('xl/worksheets/')) expect(xml, name).not.toMatch(/<f[ >]/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const cells = wb.worksheets.flatMap((ws) => ws.getRows(1, ws.rowCount)!.flatMap((r) => (r.values as unknown[]).slice(1)))
    for (const v of Object.values(FORMULAS)) expect(cells).toContain(v)
    expect(cells.filter((c) => typeof c === 'object' && c !== null)).toEqual([])
  })

  it('csvCell prefixes exactly the cells a spreadsheet would evaluate', () => {
    for (const s of ['=1', '+1', '-1', '@x', '\tx', '\r=1', '=1\n2']) expect(csvCell(s)).toBe(`'${s}`)
    for (const s of ['', 'a=1', ' =1', '１', "'=1", '援疆']) expect(csvCell(s)).toBe(s)
  })
})

describe('docx and xlsx: characters XML forbids never reach them', () => {
  const BAD = 'A\uFFFEB\u0001C\uD800D\uFFFF'
  beforeAll(async () => {
    await dispatch(svc, 'records.create', { record: { id: 'ach_bad_chars', kind: 'achievement', title: `成果${BAD}`, area: 'industry', summary: `摘要${BAD}` } })
    await fileReport({ id: 'rep_bad_chars', title: `文书${BAD}`, responsible: `办公室${BAD}` })
    await dispatch(svc, 'links.create', { from: 'ach_bad_chars', to: 'rep_bad_chars', type: 'evidence' })
    const [p] = (await dispatch(svc, 'intake.photos', { files: [{ name: 'bad.png', data: b64(await png('#c00')) }] })).imported
    await dispatch(svc, 'records.update', { id: p!.id, patch: { title: `照片${BAD}`, caption: { event: `事由${BAD}` } } })
    await dispatch(svc, 'links.create', { from: 'ach_bad_chars', to: p!.id, type: 'evidence' })
  })
  const scope = () => ({ ids: ['ach_bad_chars', 'rep_bad_chars', ...[...svc.store.records.values()].filter((r) => r.title.startsWith('照片A')).map((r) => r.id)] })

  it('the summary docx is well-formed and keeps the text around them', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'docx', scope: scope() })
    const parts = expectWellFormed(bytesOf(f))
    expect(parts['word/document.xml']).toContain('成果ABCD')
    expect(parts['word/document.xml']).toContain('文书ABCD')
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytesOf(f)) })
    expect(value).toContain('摘要ABCD')
  })

  it('the catalogue xlsx and the photo package captions are well-formed', async () => {
    const catalogue = expectWellFormed(bytesOf(await dispatch(svc, 'export.run', { format: 'xlsx', scope: scope() })))
    expect(catalogue['xl/sharedStrings.xml']).toContain('文书ABCD')
    const zip = unzipSync(bytesOf(await dispatch(svc, 'export.run', { format: 'photos', scope: scope() })))
    const captions = expectWellFormed(zip['照片说明.xlsx']!)
    expect(captions['xl/sharedStrings.xml']).toContain('照片ABCD')
    expect(captions['xl/sharedStrings.xml']).toContain('事由ABCD')
  })

  it('xmlText strips only what XML forbids; a surrogate pair stays', () => {
    expect(xmlText(`\t\n\r${BAD}😀\u0085`)).toBe('\t\n\rABCD😀\u0085')
    expect(xmlText('\uDC00x\uD83D')).toBe('x')
    expect(xmlSafe({ a: ['\u0001x'], m: new Map([['k', { b: 'y\uFFFE' }]]), n: 3, bytes: new Uint8Array([1]) })).toEqual({
      a: ['x'],
      m: new Map([['k', { b: 'y' }]]),
      n: 3,
      bytes: new Uint8Array([1]),
    })
  })
})

describe('photo package: entry names are safe, extensions from the bytes', () => {
  let names: string[] = []
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    const jpg = (seed: number) => makeJpeg({ seed })
    const res = await dispatch(svc, 'intake.photos', {
      files: [
        { name: 'evil.hta', data: b64(await png('#0c0')) },
        { name: '..', data: b64(await jpg(11)) },
        { name: 'CON.jpg', data: b64(await jpg(12)) },
        { name: 'a\u202Egpj.exe', data: b64(await jpg(13)) },
        { name: 'x.jpg', data: b64(await jpg(14)) },
      ],
    })
    expect(res.failed).toEqual([])
    const [evil, dots, con, bidi, nul] = res.imported.map((r) => r.id)
    Object.assign(ids, { evil, dots, con, bidi, nul })
    await dispatch(svc, 'records.update', { id: dots!, patch: { photoNo: '..' } })
    await dispatch(svc, 'records.update', { id: con!, patch: { photoNo: 'CON' } })
    await dispatch(svc, 'records.update', { id: bidi!, patch: { photoNo: 'ZP\u202Egpj.exe' } })
    await dispatch(svc, 'records.update', { id: nul!, patch: { photoNo: 'nul.txt ' } })
    // Past intake (an import, an older archive): a type recorded wrongly, or not at all.
    const lying = await putFile(svc.store.dir, await png('#00c'), 'page.html', 'text/html')
    const html = await putFile(svc.store.dir, new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'run.hta', 'application/hta')
    for (const [id, photoNo, file] of [['pho_lying', 'a/b\\c:d', lying], ['pho_html', 'con', html], ['pho_trail', '. x. .', html], ['pho_dup', 'X', html]] as const) {
      await dispatch(svc, 'records.create', { record: { id, kind: 'photo', title: id, photoNo, file } })
      ids[id] = id
    }
    const zip = unzipSync(bytesOf(await dispatch(svc, 'export.run', { format: 'photos', scope: { ids: Object.values(ids) } })))
    names = Object.keys(zip)
  })
  const name = (id: string) => {
    const p = svc.store.records.get(id)
    return p?.kind === 'photo' ? p.photoNo : ''
  }

  it('takes the extension from what the file is, never from its name', () => {
    expect(names).toContain(`${name(ids.evil!) || ids.evil}.png`)
    expect(names).toContain('a_b_c_d.png') // PNG bytes recorded as text/html
    expect(names.filter((n) => n.endsWith('.bin'))).toHaveLength(3) // bytes that are no image
    expect(names.some((n) => /\.(hta|exe|html)$/i.test(n))).toBe(false)
  })

  it('never names an entry ".", "..", a device, a path, or with control, direction or trailing characters', () => {
    expect(names).toContain(`${ids.dots}.jpg`) // 照片号 ".." falls back to the id
    expect(names).toContain('_CON.jpg')
    expect(names).toContain('_con.bin')
    expect(names).toContain('ZPgpj.exe.jpg')
    expect(names).toContain('_nul.txt.jpg')
    expect(names).toContain('x.bin')
    expect(names).toContain('X-2.bin') // the same name as x.bin once case is ignored
    for (const n of names) {
      expect(n).not.toMatch(/^\.|[\\/:*?"<>|\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[. ]$/)
      expect(n.split('.')[0]!.trimEnd()).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i)
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length)
  })

  it('the preview names the files as the package does', async () => {
    const p = await dispatch(svc, 'export.preview', { format: 'photos', scope: { ids: Object.values(ids) } })
    expect(p.rows.map((r) => r[1]).sort()).toEqual(names.filter((n) => !['照片说明.xlsx', '说明.txt'].includes(n)).sort())
  })
})

describe('safe-output helpers', () => {
  it('safeFileName', () => {
    expect(safeFileName('..')).toBe('export')
    expect(safeFileName('.', 'x')).toBe('x')
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd')
    expect(safeFileName('LPT9.tar.gz')).toBe('_LPT9.tar.gz')
    expect(safeFileName('com¹ .jpg')).toBe('_com¹ .jpg')
    expect(safeFileName('CONSOLE')).toBe('CONSOLE')
    expect(safeFileName('报告。 ')).toBe('报告。')
    expect(safeFileName('a\u0000b\u009bc\uFFFEd')).toBe('a_b_c_d')
    expect([...safeFileName('😀'.repeat(200))]).toHaveLength(120)
  })

  it('sniffImageExt and verifiedExt', () => {
    const b = (...xs: (number | string)[]) => new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...new TextEncoder().encode(x)] : [x])))
    expect(sniffImageExt(b(0xff, 0xd8, 0xff, 0xe0))).toBe('.jpg')
    expect(sniffImageExt(b(0x89, 'PNG\r\n'))).toBe('.png')
    expect(sniffImageExt(b('II*\0'))).toBe('.tif')
    expect(sniffImageExt(b('MM\0*'))).toBe('.tif')
    expect(sniffImageExt(b('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('.webp')
    expect(sniffImageExt(b(0, 0, 0, 24, 'ftypheic'))).toBe('.heic')
    expect(sniffImageExt(b('\uFEFF<?xml version="1.0"?>\n<!-- x --><svg xmlns="http://www.w3.org/2000/svg">'))).toBe('.svg')
    expect(sniffImageExt(b('<html><svg>'))).toBeNull()
    expect(sniffImageExt(b('MZ'))).toBeNull()
    expect(verifiedExt('image/jpeg', '.png')).toBe('.png')
    expect(verifiedExt('image/jpeg', null)).toBe('.jpg')
    expect(verifiedExt('application/x-msdownload', null)).toBe('.bin')
  })

  it('packageNames without sniffed types goes by the recorded MIME type', () => {
    const photo = (id: string, photoNo: string, name: string, mime: string) =>
      ({ id, photoNo, file: { sha256: id.padEnd(64, '0'), name, mime, size: 1, placeholder: false } }) as Parameters<typeof packageNames>[0][number]
    const names = packageNames([photo('pho_a', '说明', 'a.hta', 'image/png'), photo('pho_b', '说明', 'b.jpg', 'image/jpeg'), photo('pho_c', '照片说明', 'c', 'image/svg+xml')])
    expect([...names.values()]).toEqual(['说明.png', '说明.jpg', '照片说明.svg'])
  })
})
