// Text out of a report's original: .docx (mammoth), .pdf (pdfjs-dist text layer), .txt/.md.
import { extname } from 'node:path'
import type { Params, Reason } from '../../../shared/errors'

export const REPORT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
}

/** Why a file gave no text, as a reason key (the file's name is reported beside it). */
export class ExtractFailure extends Error {
  constructor(
    readonly reason: Reason,
    readonly params: Params = {},
  ) {
    super(reason)
  }
}

export async function extractText(name: string, data: Buffer): Promise<{ text: string; pages: number; mime: string }> {
  const ext = extname(name).toLowerCase()
  const mime = REPORT_TYPES[ext]
  if (!mime) throw new ExtractFailure('file.unsupported_type', { ext: ext || '—' })
  if (data.length === 0) throw new ExtractFailure('file.empty')
  if (ext === '.docx') {
    const mammoth = (await import('mammoth')).default
    const res = await mammoth.extractRawText({ buffer: data }).catch(() => {
      throw new ExtractFailure('file.bad_docx')
    })
    return { text: tidy(res.value), pages: 0, mime }
  }
  if (ext === '.pdf') return { ...(await pdfText(data)), mime }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data).replace(/^\uFEFF/, '')
  return { text: tidy(text), pages: 0, mime }
}

function tidy(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
}

async function pdfText(data: Buffer): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  let doc
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise
  } catch {
    throw new ExtractFailure('file.bad_pdf')
  }
  try {
    const out: string[] = []
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i)
      const tc = await page.getTextContent()
      out.push(tc.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''))
    }
    return { text: tidy(out.join('\n\n')), pages: doc.numPages }
  } finally {
    await doc.destroy()
  }
}
