// The sizes a .docx/.xlsx declares, checked before anything is inflated: fflate's unzipSync
// hands each central-directory entry to `filter` first, and a filter that says no inflates
// nothing. Parts are later inflated into buffers of exactly the declared size, so a zip that
// under-declares gets truncated XML (a parse error), never more memory.
import { unzipSync, type UnzipFileInfo } from 'fflate'
import { bytesText } from './limits'
import { FileRefusal } from './refusal'

export interface ZipCaps {
  /** One XML part (.xml, .rels): what the parsers read. */
  partBytes: number
  /** All XML parts together. */
  totalBytes: number
  ratio: number
}

const RATIO_FROM = 1024 * 1024

export const isXmlPart = (name: string): boolean => /\.(xml|rels)$/i.test(name)

/** The central directory; `bad` is thrown when the bytes are not a zip at all. */
export function zipEntries(data: Uint8Array, bad: FileRefusal): UnzipFileInfo[] {
  const out: UnzipFileInfo[] = []
  try {
    unzipSync(data, { filter: (f) => (out.push(f), false) })
  } catch {
    throw bad
  }
  return out
}

/**
 * Refuses a zip whose XML parts would unpack past the caps; a bomb is named before a size.
 * Only XML parts are ever inflated (text lives there): images and embedded files are stored
 * with the original untouched, so their sizes refuse nothing.
 */
export function checkZip(data: Uint8Array, caps: ZipCaps, bad: FileRefusal): UnzipFileInfo[] {
  const entries = zipEntries(data, bad)
  const xml = entries.filter((e) => isXmlPart(e.name))
  if (xml.some((e) => e.originalSize > RATIO_FROM && e.originalSize / Math.max(1, e.size) > caps.ratio)) throw new FileRefusal('file.zip_bomb')
  let total = 0
  for (const e of xml) {
    total += e.originalSize
    if (e.originalSize > caps.partBytes) throw new FileRefusal('file.unpacked_too_large', { limit: bytesText(caps.partBytes) })
  }
  if (total > caps.totalBytes) throw new FileRefusal('file.unpacked_too_large', { limit: bytesText(caps.totalBytes) })
  return entries
}

/** Inflates the named parts only (each into its declared size). */
export function unzipParts(data: Uint8Array, want: (name: string) => boolean, bad: FileRefusal): Record<string, Uint8Array> {
  try {
    return unzipSync(data, { filter: (f) => want(f.name) })
  } catch {
    throw bad
  }
}
