// Text out of a report's original: .docx (mammoth), .pdf (pdfjs-dist text layer), .txt/.md.
import { extname } from 'node:path'

export const REPORT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
}

export class ExtractFailure extends Error {}

export async function extractText(name: string, data: Buffer): Promise<{ text: string; pages: number; mime: string }> {
  const ext = extname(name).toLowerCase()
  const mime = REPORT_TYPES[ext]
  if (!mime) throw new ExtractFailure(`unsupported file type ${ext || '(none)'} (.docx, .pdf, .txt, .md)`)
  if (data.length === 0) throw new ExtractFailure('empty file (0 bytes)')
  if (ext === '.docx') {
    const mammoth = (await import('mammoth')).default
    const res = await mammoth.extractRawText({ buffer: data }).catch((e: Error) => {
      throw new ExtractFailure(`not a readable Word document (${e.message.split('\n')[0]})`)
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
  } catch (e) {
    throw new ExtractFailure(`not a readable PDF (${(e as Error).message})`)
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
