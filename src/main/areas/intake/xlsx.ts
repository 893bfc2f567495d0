// The first sheet of an .xlsx as text cells, read by scanning its XML rather than building
// a workbook model: exceljs took ~3 GB and two minutes for 2 million rows, and a scanner
// can stop at the row cap. Each cell becomes the text a person sees in it: shared and
// inline strings with their rich-text runs joined, a formula's cached result, a date-styled
// number as an ISO date (as precise as its format), TRUE/FALSE, an error's code.
import { strFromU8 } from 'fflate'
import { FileRefusal } from './refusal'
import { checkZip, unzipParts } from './zipcheck'
import type { ParseLimits } from './limits'

/** Element names may carry a namespace prefix (x:row); "c" and "t" must not match "col" or "tab". */
const el = (name: string) => `<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])`
const ROW = new RegExp(`${el('row')}([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?row>)`, 'g')
const CELL = new RegExp(`${el('c')}([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?c>)`, 'g')
const SI = new RegExp(`${el('si')}[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?si>)`, 'g')
const T = new RegExp(`${el('t')}[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?t>)`, 'g')
const RPH = new RegExp(`${el('rPh')}[\\s\\S]*?</(?:[\\w.-]+:)?rPh>`, 'g')
const V = new RegExp(`${el('v')}[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?v>`)
const IS = new RegExp(`${el('is')}[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?is>`)

const attrRes = new Map<string, RegExp>()
function attr(tag: string, name: string): string | undefined {
  let re = attrRes.get(name)
  if (!re) attrRes.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)))
  const m = re.exec(tag)
  return m ? (m[1] ?? m[2]) : undefined
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
/** XML entities, then OOXML's _xHHHH_ escapes of control characters. */
export function xmlText(s: string): string {
  return s
    .replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g, (m, hex?: string, dec?: string, name?: string) =>
      name ? ENTITIES[name]! : safeChar(hex ? parseInt(hex, 16) : Number(dec), m),
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
const safeChar = (code: number, m: string) => (code <= 0x10ffff ? String.fromCodePoint(code) : m)

/** A string item's text: every run joined, phonetic guides (rPh) left out. */
function runsText(xml: string): string {
  let out = ''
  for (const m of xml.replace(RPH, '').matchAll(T)) out += m[1] ?? ''
  return xmlText(out)
}

/** Built-in number formats (a style names the id, the file holds no code) that show a date; 27–58 as Chinese Excel writes them. */
const BUILTIN_DATES: Record<number, string> = {
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}
type DateShape = 'day' | 'month' | 'year'

/** How precise a date a format shows, or null if it shows no date (times alone are not dates). */
export function dateShape(format: string): DateShape | null {
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase()
  if (!/[yd]/.test(bare)) return null
  if (/d/.test(bare)) return 'day'
  return /m/.test(bare) ? 'month' : 'year'
}

/** Style index (a cell's s) → the date shape its number format shows. */
function dateStyles(xml: string | null): (DateShape | null)[] {
  if (!xml) return []
  const custom = new Map<number, string>()
  for (const m of xml.matchAll(new RegExp(`${el('numFmt')}[^>]*>`, 'g'))) custom.set(Number(attr(m[0], 'numFmtId')), xmlText(attr(m[0], 'formatCode') ?? ''))
  const xfs = new RegExp(`${el('cellXfs')}[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?cellXfs>`).exec(xml)?.[1] ?? ''
  return [...xfs.matchAll(new RegExp(`${el('xf')}[^>]*>`, 'g'))].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0)
    const format = custom.get(id) ?? BUILTIN_DATES[id]
    return format ? dateShape(format) : null
  })
}

/** A date serial as the archive writes dates (the 1900 system counts a 29 February 1900 that never was). */
export function serialDate(serial: number, date1904: boolean, shape: DateShape): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null
  const day = Math.floor(serial)
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  const iso = new Date(epoch + day * 86_400_000).toISOString()
  return iso.slice(0, shape === 'day' ? 10 : shape === 'month' ? 7 : 4)
}

/** A1 → 1, AB7 → 28. */
function columnOf(ref: string): number {
  let n = 0
  for (const ch of ref.toUpperCase()) {
    const c = ch.charCodeAt(0)
    if (c < 65 || c > 90) break
    n = n * 26 + (c - 64)
  }
  return n
}

/** Relationship targets by id and by type, resolved against the part that owns them. */
function rels(xml: string | undefined, base: string): { byId: Map<string, string>; byType: (suffix: string) => string | undefined } {
  const byId = new Map<string, string>()
  const types: [string, string][] = []
  for (const m of (xml ?? '').matchAll(new RegExp(`${el('Relationship')}[^>]*>`, 'g'))) {
    const target = attr(m[0], 'Target')
    if (!target || attr(m[0], 'TargetMode') === 'External') continue
    const path = resolvePart(base, xmlText(target))
    byId.set(attr(m[0], 'Id') ?? '', path)
    types.push([attr(m[0], 'Type') ?? '', path])
  }
  return { byId, byType: (suffix) => types.find(([t]) => t.endsWith(suffix))?.[1] }
}

function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/')
  const out: string[] = []
  for (const p of parts) {
    if (p === '..') out.pop()
    else if (p && p !== '.') out.push(p)
  }
  return out.join('/')
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1)

export function readXlsx(name: string, data: Uint8Array, lim: Readonly<ParseLimits>): string[][] {
  const bad = new FileRefusal('catalogue.bad_xlsx', { name })
  const entries = checkZip(data, { partBytes: lim.xlsxPartBytes, totalBytes: lim.zipTotalBytes, ratio: lim.zipRatio }, bad)
  const names = new Set(entries.map((e) => e.name))
  const text = (parts: Record<string, Uint8Array>, name: string | undefined) => (name && parts[name] ? strFromU8(parts[name]!) : undefined)

  // The package's relationships lead to the workbook, the workbook's to its first sheet.
  const root = unzipParts(data, (n) => n === '_rels/.rels', bad)
  const wbPath = rels(text(root, '_rels/.rels'), '').byType('/officeDocument') ?? 'xl/workbook.xml'
  const wbRelsPath = `${dirOf(wbPath)}_rels/${wbPath.slice(dirOf(wbPath).length)}.rels`
  const meta = unzipParts(data, (n) => n === wbPath || n === wbRelsPath, bad)
  const workbook = text(meta, wbPath)
  if (!workbook) throw bad
  const wbRels = rels(text(meta, wbRelsPath), dirOf(wbPath))
  const firstSheet = new RegExp(`${el('sheet')}[^>]*>`).exec(workbook)?.[0]
  const rid = firstSheet && /(?:^|\s)[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(firstSheet)?.[1]
  const sheetPath = rid ? wbRels.byId.get(rid) : undefined
  if (!sheetPath || !names.has(sheetPath)) throw bad
  const sstPath = wbRels.byType('/sharedStrings')
  const stylesPath = wbRels.byType('/styles')
  const date1904 = /date1904\s*=\s*["'](?:1|true)["']/.test(new RegExp(`${el('workbookPr')}[^>]*>`).exec(workbook)?.[0] ?? '')

  const parts = unzipParts(data, (n) => n === sheetPath || n === sstPath || n === stylesPath, bad)
  const shared: string[] = []
  for (const m of (text(parts, sstPath) ?? '').matchAll(SI)) shared.push(runsText(m[1] ?? ''))
  const styles = dateStyles(text(parts, stylesPath) ?? null)
  const sheet = text(parts, sheetPath)!

  const rows: string[][] = []
  for (const r of sheet.matchAll(ROW)) {
    if (!r[2]) continue
    const cells: string[] = []
    let col = 0
    for (const c of r[2].matchAll(CELL)) {
      const ref = attr(c[1]!, 'r')
      col = (ref && columnOf(ref)) || col + 1
      const value = cellValue(c[1]!, c[2] ?? '', shared, styles, date1904).trim()
      if (!value) continue
      if (col > lim.tableColumns) throw new FileRefusal('file.too_many_columns', { limit: lim.tableColumns })
      while (cells.length < col - 1) cells.push('')
      cells[col - 1] = value
    }
    if (!cells.length) continue
    rows.push(cells)
    if (rows.length - 1 > lim.tableRows) throw new FileRefusal('file.too_many_rows', { limit: lim.tableRows })
  }
  return rows
}

function cellValue(tag: string, body: string, shared: string[], styles: (DateShape | null)[], date1904: boolean): string {
  const type = attr(tag, 't') ?? 'n'
  if (type === 'inlineStr') return runsText(IS.exec(body)?.[1] ?? '')
  // A formula's <v> is the result Excel last computed; the formula itself is not what the cell shows.
  const v = V.exec(body)?.[1]
  if (v === undefined) return ''
  switch (type) {
    case 's':
      return shared[Number(v)] ?? ''
    case 'b':
      return v.trim() === '1' ? 'TRUE' : 'FALSE'
    case 'str':
    case 'e':
      return xmlText(v)
    case 'd':
      return xmlText(v).slice(0, 10)
  }
  const n = Number(v)
  const shape = styles[Number(attr(tag, 's') ?? 0)]
  if (shape) return serialDate(n, date1904, shape) ?? xmlText(v)
  return Number.isFinite(n) && v.trim() !== '' ? String(n) : xmlText(v)
}
