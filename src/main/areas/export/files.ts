// File-backed parts of the exports: reading originals, the JSON export's manifest (every
// file with its sha256, re-hashed from disk), and images scaled for the summary docx.
import { createHash } from 'node:crypto'
import { open, readFile } from 'node:fs/promises'
import type { ArchiveDocument, ArchiveRecord, FileRef } from '../../../shared/domain'
import { filePath } from '../../media/files'
import { SNIFF_BYTES, sniffImageExt, verifiedExt } from './safe-output'
import type { DocxImage } from './summary-docx'

export function readOriginal(archiveDir: string, f: FileRef): Promise<Uint8Array> {
  return readFile(filePath(archiveDir, f.sha256))
}

/** The first bytes of a stored file; null when it cannot be read. */
async function readHead(archiveDir: string, sha256: string): Promise<Uint8Array | null> {
  try {
    const fh = await open(filePath(archiveDir, sha256), 'r')
    try {
      const buf = new Uint8Array(SNIFF_BYTES)
      const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0)
      return buf.subarray(0, bytesRead)
    } finally {
      await fh.close()
    }
  } catch {
    return null
  }
}

/**
 * What each stored file's bytes showed (sniffImageExt), by sha256. Stored files are named
 * by their hash, so this never changes: each is read once per process, and previewing the
 * same package again reads nothing.
 */
const sniffed = new Map<string, string | null>()
const SNIFF_CACHE_MAX = 100_000

/** The extension of each file's verified type (safe-output.ts verifiedExt), by sha256. */
export async function verifiedExts(archiveDir: string, files: Iterable<FileRef>): Promise<Map<string, string>> {
  const list = [...new Map([...files].map((f) => [f.sha256, f])).values()]
  const todo = list.filter((f) => !sniffed.has(f.sha256))
  // A few reads at a time: enough to keep the disk busy, few enough to leave descriptors free.
  let next = 0
  const worker = async () => {
    for (let f = todo[next++]; f; f = todo[next++]) {
      const head = await readHead(archiveDir, f.sha256)
      // A missing file says nothing about its bytes: only what was read is remembered.
      if (!head) continue
      if (sniffed.size >= SNIFF_CACHE_MAX) sniffed.clear()
      sniffed.set(f.sha256, sniffImageExt(head))
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, todo.length) }, worker))
  return new Map(list.map((f) => [f.sha256, verifiedExt(f.mime, sniffed.get(f.sha256) ?? null)]))
}

export interface ManifestEntry {
  path: string
  sha256: string
  size: number
  name: string
  mime: string
  placeholder: boolean
  records: string[]
  /** The bytes on disk hash to sha256 (false: missing or damaged). */
  ok: boolean
}
export interface Manifest {
  format: 'aid-archive/manifest/v1'
  generatedAt: string
  files: ManifestEntry[]
}

export function fileRefs(r: ArchiveRecord): FileRef[] {
  return r.kind === 'photo' ? (r.file ? [r.file] : []) : r.kind === 'report' ? r.attachments : []
}

export async function buildManifest(archiveDir: string, records: Iterable<ArchiveRecord>, now = new Date()): Promise<Manifest> {
  const byHash = new Map<string, ManifestEntry>()
  for (const r of records)
    for (const f of fileRefs(r)) {
      const e = byHash.get(f.sha256)
      if (e) e.records.push(r.id)
      else byHash.set(f.sha256, { path: `files/${f.sha256.slice(0, 2)}/${f.sha256}`, sha256: f.sha256, size: f.size, name: f.name, mime: f.mime, placeholder: f.placeholder, records: [r.id], ok: false })
    }
  for (const e of byHash.values()) {
    const data = await readFile(filePath(archiveDir, e.sha256)).catch(() => null)
    e.ok = !!data && createHash('sha256').update(data).digest('hex') === e.sha256
  }
  return { format: 'aid-archive/manifest/v1', generatedAt: now.toISOString(), files: [...byHash.values()].sort((a, b) => a.path.localeCompare(b.path)) }
}

/** The archive document with its manifest; import ignores the extra key, so it round-trips. */
export function withManifest(doc: ArchiveDocument, manifest: Manifest): ArchiveDocument & { manifest: Manifest } {
  return { ...doc, manifest }
}

/**
 * A photo scaled for a printed page (≤ 1200 px, JPEG; SVG placeholders rasterised to PNG).
 * The archived original is never touched. sharp is loaded lazily: hosts without it still
 * export the summary, with captions and no images.
 */
export async function docxImage(archiveDir: string, f: FileRef): Promise<DocxImage | null> {
  try {
    const { default: sharp } = await import('sharp')
    const input = await readOriginal(archiveDir, f)
    const svg = f.mime === 'image/svg+xml'
    const img = sharp(input, { failOn: 'none' }).rotate().resize({ width: 1200, height: 1200, fit: 'inside', withoutEnlargement: true })
    const { data, info } = svg ? await img.png().toBuffer({ resolveWithObject: true }) : await img.jpeg({ quality: 80 }).toBuffer({ resolveWithObject: true })
    return { type: svg ? 'png' : 'jpg', data: new Uint8Array(data), width: info.width, height: info.height }
  } catch {
    return null
  }
}
