// Client side of an import: sorts dropped/picked files into photos (with their caption
// sidecars), documents and the rest by the one routing rule (shared/intake-routing.ts), then
// sends them in modest batches (base64 in JSON: one path for the browser host and Electron
// alike), keeping count, current file and time left, and stopping between batches when
// cancelled. A file of no known type is refused here, with its reason, and never sent.
import type { PhotoImportResult, ReportImportResult } from '@shared/contract/intake'
import type { ErrorData } from '@shared/errors'
import { extOf, routeFiles } from '@shared/intake-routing'

export interface Picked {
  /** Relative path when it came from a folder (webkitRelativePath), else the name. */
  path: string
  file: Blob & { name: string }
}

export interface Sorted {
  photos: { item: Picked; caption?: Picked }[]
  reports: Picked[]
  /** Neither photos nor documents: listed as failed, not sent. */
  unsupported: Picked[]
}

export function sortFiles(items: Picked[]): Sorted {
  return routeFiles(items, (i) => i.path)
}

/** Groups items into batches of at most maxFiles and about maxBytes (one big file goes alone). */
export function batches<T>(items: T[], size: (t: T) => number, maxBytes = 24 * 1024 * 1024, maxFiles = 20): T[][] {
  const out: T[][] = []
  let cur: T[] = []
  let bytes = 0
  for (const it of items) {
    const s = size(it)
    if (cur.length && (cur.length >= maxFiles || bytes + s > maxBytes)) {
      out.push(cur)
      cur = []
      bytes = 0
    }
    cur.push(it)
    bytes += s
  }
  if (cur.length) out.push(cur)
  return out
}

export async function toBase64(blob: Blob): Promise<string> {
  const buf = new Uint8Array(await blob.arrayBuffer())
  let s = ''
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000))
  return btoa(s)
}

export interface Progress {
  done: number
  total: number
  current: string
  etaMs: number
}

export interface RunResult {
  photos: PhotoImportResult
  reports: ReportImportResult
  /** Files refused before sending (no known type). */
  refused: { name: string; error: ErrorData }[]
}

export interface Sender {
  photos(files: { name: string; data: string; caption?: string }[]): Promise<PhotoImportResult>
  reports(files: { name: string; data: string }[]): Promise<ReportImportResult>
}

/** Sends everything, batch by batch; `cancelled()` is checked between batches. */
export async function runImport(sorted: Sorted, send: Sender, onProgress: (p: Progress) => void, cancelled: () => boolean): Promise<RunResult> {
  const res: RunResult = {
    photos: { imported: [], duplicates: [], failed: [], cancelled: false },
    reports: { imported: [], duplicates: [], failed: [] },
    refused: sorted.unsupported.map((u) => ({ name: u.file.name, error: { reason: 'file.unknown_kind', params: { ext: extOf(u.path) || '—' } } })),
  }
  const total = sorted.photos.length + sorted.reports.length
  const t0 = Date.now()
  let done = 0
  const tick = (current: string) => onProgress({ done, total, current, etaMs: done ? ((Date.now() - t0) / done) * (total - done) : 0 })
  for (const b of batches(sorted.photos, (p) => p.item.file.size)) {
    if (cancelled()) return { ...res, photos: { ...res.photos, cancelled: true } }
    tick(b[0]!.item.file.name)
    const files = await Promise.all(b.map(async (p) => ({ name: p.item.file.name, data: await toBase64(p.item.file), caption: p.caption ? await p.caption.file.text() : undefined })))
    const r = await send.photos(files)
    res.photos.imported.push(...r.imported)
    res.photos.duplicates.push(...r.duplicates)
    res.photos.failed.push(...r.failed)
    done += b.length
    tick(b.at(-1)!.item.file.name)
  }
  for (const b of batches(sorted.reports, (p) => p.file.size, 24 * 1024 * 1024, 10)) {
    if (cancelled()) return { ...res, photos: { ...res.photos, cancelled: true } }
    tick(b[0]!.file.name)
    const r = await send.reports(await Promise.all(b.map(async (p) => ({ name: p.file.name, data: await toBase64(p.file) }))))
    res.reports.imported.push(...r.imported)
    res.reports.duplicates.push(...r.duplicates)
    res.reports.failed.push(...r.failed)
    done += b.length
    tick(b.at(-1)!.file.name)
  }
  return res
}

/** Files from a drop, folders included (webkitGetAsEntry walks them). */
export async function filesFromDrop(dt: DataTransfer): Promise<Picked[]> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e)
  if (!entries.length) return [...dt.files].map((f) => ({ path: f.name, file: f }))
  const out: Picked[] = []
  const walk = async (e: FileSystemEntry, prefix: string): Promise<void> => {
    if (e.isFile) {
      const f = await new Promise<File>((res, rej) => (e as FileSystemFileEntry).file(res, rej))
      out.push({ path: prefix + f.name, file: f })
    } else if (e.isDirectory) {
      const reader = (e as FileSystemDirectoryEntry).createReader()
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej))
        if (!batch.length) break
        for (const c of batch.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))) if (!c.name.startsWith('.')) await walk(c, `${prefix}${e.name}/`)
      }
    }
  }
  for (const e of entries) await walk(e, '')
  return out
}
