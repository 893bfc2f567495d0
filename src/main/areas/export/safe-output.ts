// What keeps an export harmless wherever it is opened: CSV cells that a spreadsheet would
// run as formulas, text that would make a docx/xlsx part ill-formed XML, and file names
// that a file system, an unzip tool or Windows would read as something else.

/** Spreadsheets (Excel, WPS, LibreOffice) evaluate a cell typed with one of these first. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A CSV cell as text, never a formula: the usual leading apostrophe, which Excel and WPS
 * honour. Papa.unparse's own escapeFormulae is not used: its pattern (^…\.*$) misses a
 * cell with a line break in it, so "=cmd|…\n" would pass.
 */
export function csvCell(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s
}

/**
 * Characters XML 1.0 does not allow anywhere (C0 controls other than tab, LF and CR;
 * U+FFFE and U+FFFF; halves of surrogate pairs standing alone). One of them in a
 * document.xml or a sheet makes Word and Excel refuse the whole file.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function xmlText(s: string): string {
  return s.replace(XML_ILLEGAL, '')
}

/** xmlText over every string in plain data (objects, arrays, maps); bytes and the rest as they are. */
export function xmlSafe<T>(v: T): T {
  if (typeof v === 'string') return xmlText(v) as T
  if (Array.isArray(v)) return v.map(xmlSafe) as T
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, xmlSafe(x)])) as T
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, xmlSafe(x)])) as T
  return v
}

/** Names Windows keeps for devices, whatever extension follows (CON.jpg opens the console). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i
/** Invisible direction marks: they make "x‮gpj.exe" read as "xexe.jpg". */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g
const UNSAFE_CHAR = /[\\/:*?"<>|\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * A name safe in every file system and as a zip entry: no path separators or reserved
 * characters, no control or direction characters, never "." or "..", no leading dots
 * (hidden on Unix), no trailing dots or spaces (Windows drops them), no device name.
 * `fallback` (itself safe) stands in when nothing is left.
 */
export function safeFileName(s: string, fallback = 'export'): string {
  let n = s.replace(BIDI, '').replace(UNSAFE_CHAR, '_').replace(/\s+/g, ' ')
  n = [...n].slice(0, 120).join('') // by code point: a pair is never cut in half
  n = n.replace(/^[\s.]+|[\s.]+$/g, '')
  if (!n) return fallback
  return WINDOWS_RESERVED.test(n.split('.')[0]!.trimEnd()) ? `_${n}` : n
}

/** Extensions of the image types an archive holds, by MIME type. */
export const IMAGE_EXT: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/tiff': '.tif',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'image/heif': '.heic',
  'image/svg+xml': '.svg',
}
/** For bytes that are none of the known types: opened as data, never run. */
export const UNKNOWN_EXT = '.bin'
/** Bytes enough to recognise every type below (an SVG may open with a declaration and a comment). */
export const SNIFF_BYTES = 1024

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to))

/** The image type the first bytes of a file show, as an extension; null if none of ours. */
export function sniffImageExt(head: Uint8Array): string | null {
  const b = head
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return '.jpg'
  if (b[0] === 0x89 && ascii(b, 1, 4) === 'PNG') return '.png'
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return '.tif'
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return '.webp'
  if (ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 12))) return '.heic'
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, SNIFF_BYTES)).replace(/^\uFEFF/, '')
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(text)) return '.svg'
  return null
}

/**
 * The extension an exported original gets: what its bytes showed (`sniffed`, from
 * sniffImageExt), else the MIME type the archive recorded (intake decoded the image to
 * find it), else .bin. Never the name the user's file had: a PNG called evil.hta must not
 * leave the archive as an .hta.
 */
export function verifiedExt(mime: string, sniffed: string | null): string {
  return sniffed ?? IMAGE_EXT[mime] ?? UNKNOWN_EXT
}
