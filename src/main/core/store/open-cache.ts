// The open cache: the archive as the store last held it, without its long texts, so that a
// large archive opens without parsing every report body (at 100,000 records the bodies are
// three quarters of archive.json). archive.json stays the source of truth: the cache is
// used only while archive.json is exactly the file it was written beside (size, mtime, seq)
// and the journal holds every entry up to the cache's seq; otherwise the archive is read
// from archive.json as always and the cache is written anew. Deleting cache/ is always safe.
//
// cache/open.json: one header line (what it was made from, a crc32 of the rest), then the
// document with long texts taken out and a table of where each lies in cache/texts-*.bin.
// The texts file is append-only: records in memory read from it (texts.ts), so a new
// generation is started (never a rewrite) once most of it is superseded.
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readSync, rmSync } from 'node:fs'
import { mkdir, open, readFile, readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from '../crc32'
import { SCHEMA_VERSION, type ArchiveDocument, type ArchiveRecord } from '../../../shared/domain'
import { compareRows } from '../list'
import { headSeq } from './backups'
import { serialiseDocument } from './document'
import { writeAtomic } from './durable-file'
import { ARCHIVE_FILE, CACHE_DIR } from './names'
import { TextsFile, lazyRef, longFields, makeLazy, type TextRef } from './texts'

/** Bump when the layout below changes: an old cache is then simply not used. */
const FORMAT = 3
export const OPEN_CACHE_FILE = 'open.json'
const TEXTS_NAME = /^texts-[0-9a-f]{16}\.bin$/
/** Bytes written per call while appending texts (the event loop turns between calls). */
const WRITE_CHUNK = 8 << 20

/** Which archive.json a cache belongs to. */
interface Fingerprint {
  size: number
  mtimeMs: number
  seq: number
}

interface Header {
  format: number
  schemaVersion: number
  epoch: string
  /** The store's seq when written: the journal holds every entry up to it. */
  seq: number
  archive: Fingerprint
  texts: string
  /** Bytes of the texts file still referenced (the rest is superseded). */
  textsLive: number
  bytes: number
  /** crc32 of the document after the header line (a tenth of sha1's time at 100 MB). */
  crc: number
}

/** One long text: record index, field, offset, byte length, crc32. */
type TextRow = [number, string, number, number, number]

/** The texts generation a store appends to. */
export interface TextsGeneration {
  file: TextsFile
  name: string
  live: number
}

export interface CachedOpen {
  doc: ArchiveDocument
  /** Record ids in the library's first order (last changed first), as of doc.seq. */
  order: string[] | null
  epoch: string
  /** The seq of archive.json itself (the cache may be ahead of it, up to doc.seq). */
  archiveSeq: number
  texts: TextsGeneration
}

async function fingerprint(dir: string): Promise<Fingerprint | null> {
  const file = join(dir, ARCHIVE_FILE)
  const st = await stat(file).catch(() => null)
  const seq = st ? await headSeq(file) : null
  return st && seq !== null ? { size: st.size, mtimeMs: st.mtimeMs, seq } : null
}

/**
 * The epoch the open cache names, from its first line only (no check of the rest): lets the
 * search index start loading while the store opens. The store decides; a wrong guess only
 * costs the early load.
 */
export function openCacheEpoch(dir: string): string | null {
  try {
    const fd = openSync(join(dir, CACHE_DIR, OPEN_CACHE_FILE), 'r')
    try {
      const buf = Buffer.alloc(4096)
      const n = readSync(fd, buf, 0, buf.length, 0)
      const nl = buf.subarray(0, n).indexOf(10)
      const h = nl > 0 ? (JSON.parse(buf.toString('utf8', 0, nl)) as Partial<Header>) : null
      return typeof h?.epoch === 'string' ? h.epoch : null
    } finally {
      closeSync(fd)
    }
  } catch {
    return null
  }
}

/** The cached archive if it is the current one's, else null (then archive.json is read). */
export async function readOpenCache(dir: string): Promise<CachedOpen | null> {
  try {
    const cacheDir = join(dir, CACHE_DIR)
    const buf = await readFile(join(cacheDir, OPEN_CACHE_FILE)).catch(() => null)
    if (!buf) return null
    const nl = buf.indexOf(10)
    if (nl < 0) return null
    const h = JSON.parse(buf.toString('utf8', 0, nl)) as Header
    if (h.format !== FORMAT || h.schemaVersion !== SCHEMA_VERSION || !TEXTS_NAME.test(h.texts)) return null
    const fp = await fingerprint(dir)
    if (!fp || fp.size !== h.archive.size || fp.mtimeMs !== h.archive.mtimeMs || fp.seq !== h.archive.seq) return null
    const body = buf.subarray(nl + 1)
    if (body.length !== h.bytes || crc32(body) !== h.crc) return null
    const parsed = JSON.parse(body.toString('utf8')) as ArchiveDocument & { texts: TextRow[]; order?: unknown }
    const textsPath = join(cacheDir, h.texts)
    const textsSize = (await stat(textsPath)).size
    const file = new TextsFile(textsPath)
    file.open()
    // A text that fails its check: this cache is not used again (the next open reads archive.json).
    file.onDamage = () => rmSync(join(cacheDir, OPEN_CACHE_FILE), { force: true })
    const refs = new Map<number, Record<string, TextRef>>()
    for (const [i, field, off, len, crc] of parsed.texts) {
      if (off + len > textsSize || !parsed.records[i]) {
        file.close()
        return null
      }
      let r = refs.get(i)
      if (!r) refs.set(i, (r = {}))
      r[field] = { file, off, len, crc }
    }
    for (const [i, r] of refs) makeLazy(parsed.records[i]!, r)
    const { texts: _texts, order: givenOrder, ...doc } = parsed
    const order = Array.isArray(givenOrder) && givenOrder.length === doc.records.length ? (givenOrder as string[]) : null
    return { doc, order, epoch: h.epoch, archiveSeq: h.archive.seq, texts: { file, name: h.texts, live: h.textsLive } }
  } catch {
    // Whatever is wrong with a cache, archive.json is read instead.
    return null
  }
}

export interface WrittenCache {
  texts: TextsGeneration
  /** Records whose long texts are now on disk: the store may make them read on demand. */
  lazy: [ArchiveRecord, Record<string, TextRef>][]
}

/**
 * Writes the cache for this document (the store at doc.seq, every entry of it durable)
 * beside the archive.json now on disk. Texts already in `prev` are not written again.
 */
export async function writeOpenCache(dir: string, doc: ArchiveDocument, epoch: string, prev: TextsGeneration | null): Promise<WrittenCache | null> {
  const fp = await fingerprint(dir)
  if (!fp) return null
  const cacheDir = join(dir, CACHE_DIR)
  await mkdir(cacheDir, { recursive: true })
  // A new generation once most of the old one is superseded (it is never rewritten in place).
  const prevSize = prev ? ((await stat(prev.file.path).catch(() => null))?.size ?? -1) : -1
  const reuse = prev && prevSize >= 0 && prevSize <= 2 * prev.live + (64 << 10)
  const name = reuse ? prev.name : `texts-${randomBytes(8).toString('hex')}.bin`
  const file = reuse ? prev.file : new TextsFile(join(cacheDir, name))
  const fh = await open(file.path, 'a')
  const rows: TextRow[] = []
  const lazy: WrittenCache['lazy'] = []
  const records: Record<string, unknown>[] = []
  let live = 0
  try {
    let pos = (await fh.stat()).size
    let pending: Buffer[] = []
    let pendingBytes = 0
    const flush = async () => {
      if (pending.length) await fh.write(Buffer.concat(pending))
      pending = []
      pendingBytes = 0
    }
    for (const [i, rec] of doc.records.entries()) {
      const long = longFields(rec)
      if (!long.length) {
        records.push(rec)
        continue
      }
      const hot: Record<string, unknown> = {}
      const all: Record<string, TextRef> = {}
      let fresh = false
      for (const k of Object.keys(rec)) if (!long.includes(k)) hot[k] = (rec as Record<string, unknown>)[k]
      for (const field of long) {
        let ref = lazyRef(rec, field)
        if (!ref || ref.file !== file) {
          const bytes = Buffer.from((rec as unknown as Record<string, string>)[field]!, 'utf8')
          ref = { file, off: pos, len: bytes.length, crc: crc32(bytes) }
          fresh = true
          pending.push(bytes)
          pos += bytes.length
          pendingBytes += bytes.length
          if (pendingBytes >= WRITE_CHUNK) await flush()
        }
        all[field] = ref
        rows.push([i, field, ref.off, ref.len, ref.crc])
        live += ref.len
      }
      if (fresh) lazy.push([rec, all])
      records.push(hot)
    }
    await flush()
    // The texts must be on disk before a cache that points into them.
    await fh.sync()
  } finally {
    await fh.close()
  }
  // The library's first page asks for this order at once: sorting 100,000 rows then costs 0.4 s.
  const order = [...doc.records].sort(compareRows('updatedAt', true)).map((r) => r.id)
  const chunks = [...serialiseDocument({ ...doc, records, texts: rows, order } as unknown as ArchiveDocument)].map((c) => Buffer.from(c, 'utf8'))
  let crc = 0
  let bytes = 0
  for (const c of chunks) {
    crc = crc32(c, crc)
    bytes += c.length
  }
  const header: Header = { format: FORMAT, schemaVersion: SCHEMA_VERSION, epoch, seq: doc.seq, archive: fp, texts: name, textsLive: live, bytes, crc }
  await writeAtomic(join(cacheDir, OPEN_CACHE_FILE), [Buffer.from(JSON.stringify(header) + '\n', 'utf8'), ...chunks])
  return { texts: { file, name, live }, lazy }
}

/**
 * One store's side of the open cache: the texts generation it appends to, every texts file
 * its records read from, and its cache writes, one at a time. Best effort: a failed write
 * only means the next open reads archive.json. Texts just written are dropped from memory:
 * a record still current reads them on demand from then on.
 */
export class OpenCacheKeeper {
  private files = new Set<TextsFile>()
  private writing: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly dir: string,
    private texts: TextsGeneration | null,
  ) {
    if (texts) this.files.add(texts.file)
  }

  /** The texts file in use (pruning keeps it). */
  get textsName(): string | null {
    return this.texts?.name ?? null
  }

  /** Queues a write of what `take` gives when its turn comes (null: nothing to write). */
  write(take: () => Promise<{ doc: ArchiveDocument; epoch: string } | null>, current: (r: ArchiveRecord) => boolean): Promise<void> {
    const run = async () => {
      const got = this.closed ? null : await take()
      if (!got) return
      const written = await writeOpenCache(this.dir, got.doc, got.epoch, this.texts)
      if (!written) return
      this.texts = written.texts
      this.files.add(written.texts.file)
      for (const [rec, refs] of written.lazy) if (current(rec)) makeLazy(rec, refs)
    }
    this.writing = this.writing.then(run).catch(() => {})
    return this.writing
  }

  /** Waits for the writes queued so far, then lets no other start. */
  async close(): Promise<void> {
    await this.writing
    this.closed = true
    for (const f of this.files) f.close()
  }
}

/** Removes texts generations other than the current one (at a writer's open, before any is in use). */
export async function pruneTexts(dir: string, keep: string | null): Promise<void> {
  const cacheDir = join(dir, CACHE_DIR)
  const names = await readdir(cacheDir).catch(() => [] as string[])
  for (const n of names) if (TEXTS_NAME.test(n) && n !== keep) await unlink(join(cacheDir, n)).catch(() => {})
}
