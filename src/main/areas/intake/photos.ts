// Photo import: each file is hashed, checked against the archive (same hash = duplicate),
// decoded once for its thumbnails (which also proves it is an image), its EXIF read, the
// original copied byte for byte into files/, and its record committed in chunks so a long
// import is durable as it goes. A file that fails changes nothing; the rest go on.
import { availableParallelism } from 'node:os'
import { readFile, stat } from 'node:fs/promises'
// Loaded on first use, not at start (libvips is large; most runs never touch an image).
const sharpLib = () => import('sharp').then((m) => m.default)
import type { FileRef, PhotoRecord } from '../../../shared/domain'
import type { ArchiveService } from '../../core/service'
import { ApiError, type ErrorData, type Params, type Reason } from '../../../shared/errors'
import { newId } from '../../core/ids'
import { putFileFromPath, sha256, stageFile } from '../../media/files'
import { writeThumbs } from '../../media/thumbs'
import { exifFields, readExif, type PhotoExif } from '../../media/exif'
import { parseCaption, titleFrom } from './caption'
import { limits } from './limits'

export interface PhotoSource {
  name: string
  /** A path on this machine (CLI, Electron main), or the bytes (uploads). */
  path?: string
  data?: Buffer
  /** Caption text next to the photo (sidecar .txt, or typed/pasted). */
  caption?: string
}

export interface ImportProgress {
  done: number
  total: number
  current: string
  imported: number
  duplicates: number
  failed: number
  elapsedMs: number
  /** Estimated time left, from the pace so far. */
  etaMs: number
}

export interface PhotoImportOptions {
  /** Records per commit (default 50). */
  batchSize?: number
  groupId?: string | null
  batchId?: string | null
  signal?: AbortSignal
  onProgress?: (p: ImportProgress) => void
  concurrency?: number
}

export interface PhotoImportReport {
  imported: { id: string; name: string }[]
  duplicates: { name: string; existingId: string }[]
  failed: { name: string; error: ErrorData }[]
  cancelled: boolean
}

const FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff', webp: 'image/webp', heif: 'image/heic' }
/** Files above this are streamed into the store rather than read whole. */
const STREAM_ABOVE = 256 * 1024 * 1024

/** One file's failure, as a reason: it is reported beside the file's name and the rest go on. */
class FileFailure extends Error {
  constructor(
    readonly reason: Reason,
    readonly params: Params = {},
  ) {
    super(reason)
  }
}

function safeName(n: string): string {
  return n.slice(0, 500) || 'photo'
}

function reasonOf(e: unknown): ErrorData {
  if (e instanceof FileFailure) return { reason: e.reason, params: e.params }
  if (e instanceof ApiError) return { reason: e.reason, params: e.params, ...(e.rule ? { rule: e.rule } : {}) }
  const m = e instanceof Error ? e.message : String(e)
  if (/premature end|truncated|corrupt|VipsJpeg|Invalid SOS|bad seek|unexpected end/i.test(m)) return { reason: 'file.damaged_image' }
  if (/unsupported image format|Input buffer contains unsupported|Input file contains unsupported/i.test(m)) return { reason: 'file.not_an_image' }
  // sharp's refusal of a header over limitInputPixels, before any pixel is decoded.
  if (/exceeds pixel limit/i.test(m)) return { reason: 'file.image_too_large', params: { limit: Math.round(limits().imagePixels / 1e6) } }
  if (/ENOENT/.test(m)) return { reason: 'file.not_found' }
  if (/EACCES|EPERM/.test(m)) return { reason: 'file.permission' }
  return { reason: 'file.failed', params: { detail: m.split('\n')[0]! } }
}

export function photoIndex(svc: ArchiveService): Map<string, string> {
  const bySha = new Map<string, string>()
  for (const r of svc.store.records.values()) if (r.kind === 'photo' && r.file && !r.file.placeholder) bySha.set(r.file.sha256, r.id)
  return bySha
}

export async function importPhotos(svc: ArchiveService, sources: PhotoSource[], opts: PhotoImportOptions = {}): Promise<PhotoImportReport> {
  const batchSize = opts.batchSize ?? 50
  const dir = svc.store.dir
  const report: PhotoImportReport = { imported: [], duplicates: [], failed: [], cancelled: false }
  const known = photoIndex(svc)
  const t0 = performance.now()
  let done = 0
  let pending: { index: number; record: PhotoRecord }[] = []
  let committing: Promise<void> = Promise.resolve()
  if (opts.groupId && !svc.store.photoGroups.has(opts.groupId)) throw new ApiError('not_found', 'group.not_found', { id: opts.groupId })

  // Indices still being processed: a chunk commits only the photos before the first of
  // them, so records (and 照片号) land in the order the files were given.
  const inflight = new Set<number>()
  const flush = (final = false) => {
    const limit = final || !inflight.size ? Infinity : Math.min(...inflight)
    pending.sort((a, b) => a.index - b.index)
    const cut = pending.findIndex((p) => p.index > limit)
    const chunk = cut < 0 ? pending : pending.slice(0, cut)
    pending = cut < 0 ? [] : pending.slice(cut)
    if (!chunk.length) return committing
    committing = committing.then(async () => {
      try {
        // In a group, the kernel numbers the photos in the order given (照片号).
        await svc.apply('intake.photos', `导入照片 ${chunk.length} 张`, chunk.map(({ record }) => ({ op: 'create', coll: 'records', value: record })))
        for (const { record } of chunk) report.imported.push({ id: record.id, name: record.file!.name })
      } catch (e) {
        // A chunk that cannot be committed (disk full…) fails as a whole; later chunks still try.
        for (const { record } of chunk) {
          known.delete(record.file!.sha256)
          report.failed.push({ name: record.file!.name, error: reasonOf(e) })
        }
      }
    })
    return committing
  }

  const one = async (src: PhotoSource, index: number): Promise<void> => {
    let data = src.data
    let size = data?.length ?? 0
    if (!data) {
      const s = await stat(src.path!)
      if (!s.isFile()) throw new FileFailure('file.not_a_file')
      size = s.size
      if (size > 0 && size <= STREAM_ABOVE) data = await readFile(src.path!)
    }
    if (size === 0) throw new FileFailure('file.empty')
    const input = data ?? src.path!
    // Hash before anything is written: a duplicate costs no decode and no copy. Claimed
    // before the first await, so of the same bytes twice in one import the earlier file
    // (in the order given) is the one imported.
    const hash = data ? sha256(data) : null
    const dupOf = hash ? known.get(hash) : undefined
    if (dupOf) return void report.duplicates.push({ name: src.name, existingId: dupOf })
    const id = newId('photo')
    if (hash) known.set(hash, id)
    let meta
    try {
      // limitInputPixels: an image whose header declares more pixels is refused here, so it
      // never reaches a decoder that would allocate them (thumbnails decode the whole image).
      meta = await (await sharpLib())(input, { limitInputPixels: limits().imagePixels }).metadata()
    } catch (e) {
      if (hash) known.delete(hash)
      throw e
    }
    const mime = FORMATS[meta.format ?? '']
    if (!mime) {
      if (hash) known.delete(hash)
      throw new FileFailure('file.not_an_image')
    }
    let file
    try {
      // The copy (with its fsync) runs beside the decode; it joins the store only if the decode succeeds.
      const staging = data && hash ? stageFile(dir, data, hash) : null
      const decoded = Promise.all([readExif(input), writeThumbsFor(dir, hash, input)])
      const [stage, [exif]] = await Promise.allSettled([staging, decoded]).then(async ([st, dec]) => {
        if (dec.status === 'rejected') {
          if (st.status === 'fulfilled') await st.value?.drop()
          // The header read as an image, so a failed decode means a damaged file. libvips'
          // message is not reliable under concurrent decodes ("Unknown error"), so say it here.
          throw new FileFailure('file.damaged_image')
        }
        if (st.status === 'rejected') throw st.reason
        return [st.value, dec.value] as const
      })
      if (stage && data && hash) {
        await stage.keep()
        file = { sha256: hash, name: safeName(src.name), mime, size: data.length, placeholder: false }
      } else file = await putFileFromPath(dir, src.path!, safeName(src.name), mime)
      if (!hash) {
        const again = known.get(file.sha256)
        if (again) return void report.duplicates.push({ name: src.name, existingId: again })
        known.set(file.sha256, id)
        await writeThumbs(dir, file.sha256, src.path!)
      }
      // The size comes from the image itself: many cameras and tools write no size into EXIF.
      const size = meta.width && meta.height ? { width: meta.width, height: meta.height } : {}
      pending.push({ index, record: build(src, id, file, { ...exif, ...size }) })
    } catch (e) {
      if (hash) known.delete(hash)
      throw e
    }
    inflight.delete(index)
    if (pending.length >= batchSize) await flush()
  }

  const build = (src: PhotoSource, id: string, file: FileRef, exif: PhotoExif | null): PhotoRecord => {
    const parsed = src.caption ? parseCaption(src.caption) : { caption: {}, date: '' }
    const fromExif = exifFields(exif)
    const now = new Date().toISOString()
    const record: PhotoRecord = {
      id, kind: 'photo', title: titleFrom(parsed.caption.event, src.name), tags: [], sample: false, notes: '',
      createdAt: now, updatedAt: now, createdBy: svc.user, updatedBy: svc.user,
      batchId: opts.batchId ?? null, area: '', places: parsed.caption.place ? [parsed.caption.place] : [], people: [],
      date: parsed.date || fromExif.date,
      caption: { event: '', place: '', people: '', background: '', photographer: '', ...parsed.caption, time: parsed.caption.time || fromExif.time },
      photoNo: '', refNo: '', groupId: opts.groupId ?? null, description: src.caption?.trim() ?? '', file,
      exif: exif && Object.keys(exif).length ? { ...exif } : null,
    }
    return record
  }

  const queue = sources.map((s, i) => [s, i] as const)
  const workers = Math.max(1, opts.concurrency ?? Math.min(availableParallelism(), 4))
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (opts.signal?.aborted) {
        report.cancelled = true
        return
      }
      const [src, index] = next
      inflight.add(index)
      try {
        await one(src, index)
      } catch (e) {
        report.failed.push({ name: src.name, error: reasonOf(e) })
      } finally {
        inflight.delete(index)
      }
      done++
      const elapsedMs = performance.now() - t0
      opts.onProgress?.({
        done, total: sources.length, current: src.name, imported: report.imported.length + pending.length,
        duplicates: report.duplicates.length, failed: report.failed.length, elapsedMs,
        etaMs: Math.round((elapsedMs / done) * (sources.length - done)),
      })
    }
  }
  await Promise.all(Array.from({ length: workers }, worker))
  await flush(true)
  return report
}

async function writeThumbsFor(dir: string, hash: string | null, input: Buffer | string): Promise<void> {
  // Streamed originals get their thumbnails once their hash is known (after the copy).
  if (hash) await writeThumbs(dir, hash, input)
  else await (await sharpLib())(input, { failOn: 'truncated', limitInputPixels: limits().imagePixels }).stats()
}
