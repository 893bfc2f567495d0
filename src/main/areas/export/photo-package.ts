// The photo package: originals byte for byte, named by 照片号, a captions workbook with
// the six elements (GB/T 11821, DA/T 50) and each group's 总说明, and a short 说明.txt.
// Loaded on first use, not at start: every CLI call and app start would otherwise load exceljs.
const excel = () => import('exceljs').then((m) => m.default)
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import type { PhotoRecord } from '../../../shared/domain'
import type { ExportContext } from './context'
import { safeFileName, verifiedExt, xmlSafe, xmlText } from './safe-output'

export const CAPTION_COLUMNS = ['照片号', '文件名', '题名', '事由', '时间', '地点', '人物', '背景', '摄影者', '参见号', '文字说明', '组', 'SHA-256', '备注'] as const
/** Column widths of the caption sheet, in characters (the preview draws them in proportion). */
export const captionWidth = (h: string): number => (['背景', '文字说明', '事由'].includes(h) ? 40 : 16)
export const GROUP_COLUMNS = ['组题名', '总说明', '照片数'] as const

/** The package's own entries: no photo may take their names. */
const OWN_ENTRIES = ['照片说明.xlsx', '说明.txt']
/** One key per name as file systems compare them: case-insensitive, composed and decomposed alike. */
const nameKey = (s: string) => s.normalize('NFC').toLowerCase()

/**
 * Pure: each photo with a file gets a unique, safe name from its 照片号 (else its id) and
 * the extension of its verified type: `exts` holds it by sha256 (files.ts sniffs the
 * bytes); a file not in it goes by its recorded MIME type. The user's own file name plays
 * no part. Names that collide get -2, -3….
 */
export function packageNames(photos: PhotoRecord[], exts: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const names = new Map<string, string>()
  const used = new Set(OWN_ENTRIES.map(nameKey))
  for (const p of photos) {
    if (!p.file) continue
    const ext = exts.get(p.file.sha256) ?? verifiedExt(p.file.mime, null)
    // The id is always a safe name, so a 照片号 like ".." or "///" falls back to it.
    const stem = safeFileName(p.photoNo, safeFileName(p.id, 'photo'))
    let name = `${stem}${ext}`
    for (let i = 2; used.has(nameKey(name)); i++) name = `${stem}-${i}${ext}`
    used.add(nameKey(name))
    names.set(p.id, name)
  }
  return names
}

export async function captionsXlsx(ctx: ExportContext, given: PhotoRecord[], names: Map<string, string>): Promise<Uint8Array> {
  const photos = xmlSafe(given)
  const wb = new (await excel()).Workbook()
  const ws = wb.addWorksheet('照片说明', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' } })
  ws.columns = CAPTION_COLUMNS.map((h) => ({ header: h, width: captionWidth(h) }))
  for (const p of photos) {
    const c = p.caption
    const group = p.groupId ? xmlText(ctx.photoGroups.get(p.groupId)?.title ?? '') : ''
    const note = p.file ? (p.file.placeholder ? '示意图（占位图，非原件）' : '') : '无图像文件'
    ws.addRow([p.photoNo, names.get(p.id) ?? '', p.title, c.event, c.time, c.place, c.people, c.background, c.photographer, p.refNo, p.description, group, p.file?.sha256 ?? '', note])
  }
  const gs = wb.addWorksheet('组说明')
  gs.columns = GROUP_COLUMNS.map((h) => ({ header: h, width: h === '总说明' ? 80 : 30 }))
  const groupIds = [...new Set(photos.map((p) => p.groupId).filter((g): g is string => !!g))]
  for (const id of groupIds) {
    const g = ctx.photoGroups.get(id)
    if (g) gs.addRow([xmlText(g.title), xmlText(g.description), photos.filter((p) => p.groupId === id).length])
  }
  for (const sheet of [ws, gs]) {
    sheet.getRow(1).font = { bold: true }
    sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { vertical: 'top', wrapText: true })))
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

export function readme(ctx: ExportContext, photos: PhotoRecord[], names: Map<string, string>, now = new Date()): string {
  const placeholders = photos.filter((p) => p.file?.placeholder).length
  const missing = photos.filter((p) => !p.file).length
  return [
    `照片档案包说明`,
    ``,
    `全宗：${ctx.settings.fondsCode} ${ctx.settings.fondsName}`,
    `生成时间：${now.toISOString()}`,
    `照片：${photos.length} 张，其中有图像文件 ${names.size} 张${missing ? `，无图像文件 ${missing} 张（仅著录）` : ''}。`,
    ``,
    `1. 图像文件以照片号命名，为档案库中保存的原件，逐字节未作改动（未重新编码，EXIF 保留）；SHA-256 见“照片说明.xlsx”。`,
    `2. “照片说明.xlsx”的“照片说明”表按 GB/T 11821、DA/T 50 列出每张照片的六要素（事由、时间、地点、人物、背景、摄影者）及照片号、参见号；“组说明”表列出各组题名与总说明。`,
    placeholders ? `3. 其中 ${placeholders} 张为生成的占位示意图（.svg），并非照片原件，已在“备注”栏注明。` : '',
    ``,
  ]
    .filter((l, i, a) => l || a[i - 1])
    .join('\r\n')
}

/** Streams the zip: stored (not re-compressed) originals, deflated sheets and text. */
export function zipPackage(entries: { name: string; data: Uint8Array; deflate: boolean }[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err)
      chunks.push(chunk)
      if (final) resolve(concat(chunks))
    })
    for (const e of entries) {
      const f = e.deflate ? new ZipDeflate(e.name, { level: 6 }) : new ZipPassThrough(e.name)
      zip.add(f)
      f.push(e.data, true)
    }
    zip.end()
  })
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
