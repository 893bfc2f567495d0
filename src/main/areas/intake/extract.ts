// Text out of a report's original: .docx (mammoth), .pdf (pdfjs-dist text layer), .txt/.md.
// Runs in the parse worker (offthread.ts), under the limits in ./limits.
import { extname } from 'node:path'
import { zipSync } from 'fflate'
import type { ParseLimits } from './limits'
import { FileRefusal } from './refusal'
import { checkZip, isXmlPart, unzipParts } from './zipcheck'

export const REPORT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
}

export interface Extracted {
  text: string
  pages: number
  mime: string
}

export async function extractText(name: string, data: Uint8Array, lim: Readonly<ParseLimits>): Promise<Extracted> {
  const ext = extname(name).toLowerCase()
  const mime = REPORT_TYPES[ext]
  if (!mime) throw new FileRefusal('file.unsupported_type', { ext: ext || '—' })
  if (data.length === 0) throw new FileRefusal('file.empty')
  const keep = (text: string, pages: number): Extracted => ({ text: tidy(text).slice(0, lim.textChars), pages, mime })
  if (ext === '.docx') return keep(await docxText(data, lim), 0)
  if (ext === '.pdf') {
    const { text, pages } = await pdfText(data, lim)
    return keep(text, pages)
  }
  // Only what the body can keep is decoded (UTF-8 takes at most 4 bytes a character).
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, lim.textChars * 4 + 3)).replace(/^\uFEFF/, '')
  return keep(text, 0)
}

function tidy(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
}

async function docxText(data: Uint8Array, lim: Readonly<ParseLimits>): Promise<string> {
  const bad = new FileRefusal('file.bad_docx')
  checkZip(data, { partBytes: lim.docxPartBytes, totalBytes: lim.zipTotalBytes, ratio: lim.zipRatio }, bad)
  // mammoth is handed a copy holding only the XML parts, each inflated into its declared
  // size, so its own unzip never meets more than the check let through; raw text reads no images.
  const parts = unzipParts(data, isXmlPart, bad)
  const mammoth = (await import('mammoth')).default
  const res = await mammoth.extractRawText({ buffer: Buffer.from(zipSync(parts, { level: 0 })) }).catch(() => {
    throw bad
  })
  return res.value
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
