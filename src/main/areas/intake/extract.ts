// Text out of a report's original: .docx (mammoth), .pdf (pdfjs-dist text layer), .txt/.md.
// Runs in the parse worker (offthread.ts), under the limits in ./limits.
import { extname } from 'node:path'
import { zipSync } from 'fflate'
import type { ParseLimits } from './limits'
import { FileRefusal } from './refusal'
import { checkZip, isXmlPart, unzipParts } from './zipcheck'
import { REPORT_TYPES } from '../../../shared/intake-routing'

export { REPORT_TYPES }

export interface Extracted {
  text: string
  /** null where the format keeps no page count (text files; a .docx whose app.xml has none). */
  pages: number | null
  mime: string
  /** The document's own title property (.docx core.xml dc:title), as written. */
  title?: string
  /** The document's own keywords property (.docx core.xml cp:keywords), as written. */
  keywords?: string
}

export async function extractText(name: string, data: Uint8Array, lim: Readonly<ParseLimits>): Promise<Extracted> {
  const ext = extname(name).toLowerCase()
  const mime = REPORT_TYPES[ext]
  if (!mime) throw new FileRefusal('file.unsupported_type', { ext: ext || '—' })
  if (data.length === 0) throw new FileRefusal('file.empty')
  const keep = (text: string, pages: number | null, title?: string, keywords?: string): Extracted => ({
    text: tidy(text).slice(0, lim.textChars), pages, mime, ...(title ? { title } : {}), ...(keywords ? { keywords } : {}),
  })
  if (ext === '.docx') {
    const d = await docxText(data, lim)
    return keep(d.text, d.pages, d.title, d.keywords)
  }
  if (ext === '.pdf') {
    const { text, pages } = await pdfText(data, lim)
    return keep(text, pages)
  }
  // Only what the body can keep is decoded (UTF-8 takes at most 4 bytes a character).
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, lim.textChars * 4 + 3)).replace(/^\uFEFF/, '')
  return keep(text, null)
}

function tidy(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
}

/** One element's text out of a small properties part, entities decoded; '' when absent. */
export function xmlElementText(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]{0,2000})</${tag}>`).exec(xml)
  if (!m) return ''
  return m[1]!.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
    if (e[0] !== '#') return named[e.toLowerCase()]!
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ''
  }).trim()
}

async function docxText(data: Uint8Array, lim: Readonly<ParseLimits>): Promise<{ text: string; pages: number | null; title: string; keywords: string }> {
  const bad = new FileRefusal('file.bad_docx')
  checkZip(data, { partBytes: lim.docxPartBytes, totalBytes: lim.zipTotalBytes, ratio: lim.zipRatio }, bad)
  // mammoth is handed a copy holding only the XML parts, each inflated into its declared
  // size, so its own unzip never meets more than the check let through; raw text reads no images.
  const parts = unzipParts(data, isXmlPart, bad)
  const mammoth = (await import('mammoth')).default
  const res = await mammoth.extractRawText({ buffer: Buffer.from(zipSync(parts, { level: 0 })) }).catch(() => {
    throw bad
  })
  // The properties Word and LibreOffice keep: the title and keywords the author set, and the
  // page count of the last layout (a .docx has no pages of its own, so without it the count is unknown).
  const props = (name: string) => (parts[name] ? new TextDecoder().decode(parts[name]) : '')
  const pages = Number(xmlElementText(props('docProps/app.xml'), 'Pages'))
  const core = props('docProps/core.xml')
  return {
    text: res.value, pages: Number.isInteger(pages) && pages > 0 ? pages : null,
    title: xmlElementText(core, 'dc:title'), keywords: xmlElementText(core, 'cp:keywords'),
  }
}

function badPdf(): never {
  throw new FileRefusal('file.bad_pdf')
}

async function pdfText(data: Uint8Array, lim: Readonly<ParseLimits>): Promise<{ text: string; pages: number }> {
  const deadline = Date.now() + lim.timeoutMs
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  let doc
  try {
    // A copy: pdf.js may take over the buffer it is given.
    doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise
  } catch {
    badPdf()
  }
  try {
    // The page count is read from the page tree, before any page is parsed.
    if (doc.numPages > lim.pdfPages) throw new FileRefusal('file.too_many_pages', { limit: lim.pdfPages })
    const out: string[] = []
    let chars = 0
    for (let i = 1; i <= doc.numPages && chars < lim.textChars; i++) {
      // Between pages, so the limit holds in-thread too; the worker's timer ends a page that never returns.
      if (Date.now() > deadline) throw new FileRefusal('file.timeout', { seconds: Math.round(lim.timeoutMs / 1000) })
      const page = await doc.getPage(i).catch(badPdf)
      const tc = await page.getTextContent().catch(badPdf)
      const text = tc.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('')
      chars += text.length
      out.push(text)
      page.cleanup()
    }
    return { text: out.join('\n\n'), pages: doc.numPages }
  } finally {
    await doc.destroy()
  }
}
