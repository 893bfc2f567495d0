// The archive folder on disk and the document in memory.
// - open: parse + validate archive.json (never overwrite a file that fails), replay the
//   journal past the snapshot, take the write lock, keep a rotating backup.
// - commit: apply mutations in memory, append them to the journal (fsync), then resolve;
//   the snapshot archive.json is rewritten later through lowdb, coalesced.
import { mkdir, readFile, readdir, unlink, copyFile, link, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { ArchiveDocument, SCHEMA_VERSION, defaultSettings, type ArchiveRecord, type Link } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { DurableJsonFile } from './durable-file'
import { JournalWriter, headerOf, readEntry, scanJournal, type HeaderExtra, type JournalEntry, type JournalHeader, type Mutation } from './journal'
import { acquireLock, releaseLock } from './lock'
import { migrate } from './migrate'
import { StoreIndexes } from './indexes'
import type { ArchiveReader } from './reader'

export const ARCHIVE_FILE = 'archive.json'
export const JOURNAL_FILE = 'journal.jsonl'
const BACKUPS_KEPT = 10
/** Whole entries (with changes) kept in memory for undo; older ones are read from the journal. */
const RECENT_ENTRIES = 200

export interface OpenOptions {
  /** Read-only: no lock, no journal writes (CLI search/show/export). */
  readOnly?: boolean
  /**
   * Delay before the coalesced snapshot of archive.json (ms). The journal already makes
   * each edit durable, so a large archive (whose snapshot takes a second) waits longer.
   */
  snapshotDelayMs?: number
}

export interface CommitInfo {
  seq: number
  method: string
  ids: string[]
  /** What the commit changed (for derived views such as the search index's link mirror). */
  changes: readonly Mutation[]
}

export function emptyDocument(): ArchiveDocument {
  return { schemaVersion: SCHEMA_VERSION, seq: 0, settings: defaultSettings(), records: [], tags: [], links: [], photoGroups: [], savedSearches: [], counters: {} }
}

type Item = { id: string }
type Keyed = Exclude<Mutation['coll'], 'settings' | 'counters'>
const COLLECTIONS: Keyed[] = ['records', 'tags', 'links', 'photoGroups', 'savedSearches']

/**
 * Only the kernel (src/main/core/kernel) calls commit(); everything else sees the store
 * through ArchiveReader, which has no way to write.
 */
export class ArchiveStore implements ArchiveReader {
  /** Each collection as id → item (insertion order kept); arrays exist only in snapshots. */
  readonly records = new Map<string, ArchiveRecord>()
  readonly tags = new Map<string, ArchiveDocument['tags'][number]>()
  readonly links = new Map<string, ArchiveDocument['links'][number]>()
  readonly photoGroups = new Map<string, ArchiveDocument['photoGroups'][number]>()
  readonly savedSearches = new Map<string, ArchiveDocument['savedSearches'][number]>()
  readonly counters = new Map<string, number>()
  readonly indexes = new StoreIndexes()
  settings: ArchiveDocument['settings']
  seq: number
  headers: JournalHeader[] = []
  private recent = new Map<number, JournalEntry>()
  private low: Low<ArchiveDocument>
  private journal: JournalWriter
  private queue: { entry: Parameters<JournalWriter['append']>[0][number]; resolve: () => void; reject: (e: unknown) => void }[] = []
  private flushing: Promise<void> | null = null
  private snapshotTimer: NodeJS.Timeout | null = null
  private snapshotSeq: number
  private listeners = new Set<(c: CommitInfo) => void>()
  private closed = false
  private broken: string | null = null

  private constructor(
    readonly dir: string,
    doc: ArchiveDocument,
    private readonly opts: OpenOptions,
  ) {
    this.settings = doc.settings
    this.seq = doc.seq
    this.snapshotSeq = doc.seq
    this.low = new Low(new DurableJsonFile<ArchiveDocument>(join(dir, ARCHIVE_FILE), serialiseDocument), doc)
    this.journal = new JournalWriter(join(dir, JOURNAL_FILE))
    for (const c of COLLECTIONS) for (const item of doc[c]) (this[c] as Map<string, Item>).set(item.id, item)
    for (const [k, v] of Object.entries(doc.counters)) this.counters.set(k, v)
    for (const r of doc.records) this.indexes.record(r.id, null, r)
    for (const l of doc.links) this.indexes.link(l.id, null, l)
  }

  /** The links that touch a record, either way round. */
  linksOf(recordId: string): Link[] {
    const ids = this.indexes.linksByRecord.get(recordId)
    if (!ids) return []
    const out: Link[] = []
    for (const id of ids) {
      const l = this.links.get(id)
      if (l) out.push(l)
    }
    return out
  }

  /** Ids of records holding a key in one of the unique-number indexes. */
  holders(index: 'byPhotoNo' | 'byFiling' | 'byBatchNo', key: string): string[] {
    return [...(this.indexes[index].get(key) ?? [])]
  }

  /** The whole archive as one document (arrays share the items; cheap). */
  toDocument(): ArchiveDocument {
    return {
      schemaVersion: SCHEMA_VERSION,
      seq: this.seq,
      settings: this.settings,
      records: [...this.records.values()],
      tags: [...this.tags.values()],
      links: [...this.links.values()],
      photoGroups: [...this.photoGroups.values()],
      savedSearches: [...this.savedSearches.values()],
      counters: Object.fromEntries(this.counters),
    }
  }

  get readOnly(): boolean {
    return !!this.opts.readOnly
  }

  /** Opens (or creates) the archive in dir. */
  static async open(dir: string, opts: OpenOptions = {}): Promise<ArchiveStore> {
    await mkdir(dir, { recursive: true })
    const file = join(dir, ARCHIVE_FILE)
    if (!opts.readOnly) await acquireLock(dir)
    try {
      let raw: unknown
      let exists = true
      try {
        raw = JSON.parse(await readFile(file, 'utf8'))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') exists = false
        else if (e instanceof SyntaxError) throw damaged(file, `not valid JSON (${e.message})`, 'archive.damaged_json', { position: /position (\d+)/.exec(e.message)?.[1] ?? '?' })
        else throw new ApiError('io_error', 'io.failed', { file, detail: (e as Error).message })
      }
      let doc: ArchiveDocument
      if (!exists) {
        doc = emptyDocument()
      } else {
        const version = (raw as { schemaVersion?: unknown })?.schemaVersion
        if (typeof version === 'number' && version < SCHEMA_VERSION && !opts.readOnly) {
          await backup(dir, `pre-migrate-v${version}`)
          raw = migrate(raw)
        }
        const parsed = ArchiveDocument.safeParse(raw)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]
          throw damaged(file, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, 'archive.damaged_schema', { path: issue?.path.join('.') || '—' })
        }
        doc = parsed.data
      }
      const scan = await scanJournal(join(dir, JOURNAL_FILE), doc.seq)
      const store = new ArchiveStore(dir, doc, opts)
      store.headers = scan.headers
      for (const e of scan.replay) {
        store.apply(e.changes)
        store.remember(e)
      }
      if (scan.replay.length) store.seq = scan.replay[scan.replay.length - 1]!.seq
      if (!opts.readOnly) {
        await store.journal.open(scan.goodLength, scan.tornTail)
        if (!exists) {
          store.low.data = store.toDocument()
          await store.low.write()
        }
        else await backup(dir, 'open')
        if (scan.replay.length) store.scheduleSnapshot()
      }
      return store
    } catch (e) {
      if (!opts.readOnly) await releaseLock(dir)
      throw e
    }
  }

  onCommit(fn: (c: CommitInfo) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  /**
   * Applies mutations now (so the next call sees them) and resolves once the journal
   * line is on disk. If the disk refuses, the change is undone in memory and rejected.
   */
  async commit(method: string, who: string, summary: string, changes: Mutation[], extra: HeaderExtra = {}): Promise<CommitInfo> {
    if (this.readOnly) throw new ApiError('invalid_input', 'archive.read_only')
    if (this.closed) throw new ApiError('io_error', 'archive.closed')
    if (this.broken) throw new ApiError('io_error', 'archive.broken', { detail: this.broken })
    if (!changes.length) return { seq: this.seq, method, ids: [], changes }
    this.apply(changes)
    const seq = ++this.seq
    const header = headerOf(seq, new Date().toISOString(), who, method, summary, changes, extra)
    const entry = { ...header, changes }
    try {
      await new Promise<void>((resolve, reject) => {
        this.queue.push({ entry, resolve, reject })
        if (!this.flushing) this.flushing = this.flush()
      })
    } catch (e) {
      // Failed entries are rejected newest first, so undoing them one by one restores the state.
      this.apply(changes.map((c) => ({ ...c, before: c.after, after: c.before })).reverse())
      if (this.seq === seq) this.seq--
      throw new ApiError('io_error', 'archive.not_saved', { detail: (e as Error).message })
    }
    this.headers.push(header)
    this.remember(entry)
    this.scheduleSnapshot()
    const info = { seq, method, ids: header.ids, changes }
    for (const l of this.listeners) l(info)
    return info
  }

  private remember(e: JournalEntry): void {
    this.recent.set(e.seq, e)
    if (this.recent.size > RECENT_ENTRIES) this.recent.delete(this.recent.keys().next().value!)
  }

  /** One journal entry with its changes (for undo): from memory, else from journal.jsonl. */
  async entry(seq: number): Promise<JournalEntry | null> {
    return this.recent.get(seq) ?? (await readEntry(join(this.dir, JOURNAL_FILE), seq))
  }

  /** Group commit: every entry queued while the last fsync ran goes out in one write. */
  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue
      this.queue = []
      try {
        await this.journal.append(batch.map((b) => b.entry))
        for (const b of batch) b.resolve()
      } catch (e) {
        // A failed append may have left a partial line: no more writes until reopened
        // (opening truncates a torn tail, which was never acknowledged).
        this.broken = (e as Error).message
        for (const b of [...batch, ...this.queue].reverse()) b.reject(e)
        this.queue = []
      }
    }
    this.flushing = null
  }

  private apply(changes: Mutation[]): void {
    for (const c of changes) {
      if (c.coll === 'settings') {
        this.settings = c.after as ArchiveDocument['settings']
        continue
      }
      if (c.coll === 'counters') {
        if (typeof c.after === 'number') this.counters.set(c.id, c.after)
        else this.counters.delete(c.id)
        continue
      }
      if (c.coll === 'records') this.indexes.record(c.id, this.records.get(c.id) ?? null, (c.after as ArchiveRecord | null) ?? null)
      else if (c.coll === 'links') this.indexes.link(c.id, this.links.get(c.id) ?? null, (c.after as Link | null) ?? null)
      const map = this[c.coll] as Map<string, unknown>
      if (c.after) map.set(c.id, c.after)
      else map.delete(c.id)
    }
  }

  private scheduleSnapshot(): void {
    if (this.readOnly || this.snapshotTimer) return
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null
      void this.snapshot().catch(() => {
        /* the journal still holds every change; the next snapshot retries */
      })
    }, this.opts.snapshotDelayMs ?? (this.records.size > 20_000 ? 30_000 : 2000))
  }

  /** Rewrites archive.json from memory (coalesced by the adapter). */
  async snapshot(): Promise<void> {
    if (this.readOnly || this.snapshotSeq === this.seq) return
    const seq = this.seq
    this.low.data = this.toDocument()
    await this.low.write()
    this.snapshotSeq = Math.max(this.snapshotSeq, seq)
  }

  async close(): Promise<void> {
    if (this.closed) return
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer)
    this.snapshotTimer = null
    if (!this.readOnly) {
      await this.flushing
      await this.snapshot()
      await this.journal.close()
      await releaseLock(this.dir)
    }
    this.closed = true
  }
}

/** The problem in words for each locale; the parser's own (English) text stays in details, for developers. */
function damaged(file: string, problem: string, reason: 'archive.damaged_json' | 'archive.damaged_schema', params: Record<string, string>): ApiError {
  return new ApiError('archive_damaged', reason, { file, ...params }, { details: { file, problem } })
}

/** Copies archive.json into backups/, keeping the newest BACKUPS_KEPT copies. */
export async function backup(dir: string, reason: string): Promise<string | null> {
  const src = join(dir, ARCHIVE_FILE)
  try {
    await stat(src)
  } catch {
    return null
  }
  const bdir = join(dir, 'backups')
  await mkdir(bdir, { recursive: true })
  const name = `archive-${new Date().toISOString().replace(/[:.]/g, '-')}-${reason}.json`
  // archive.json is only ever replaced by rename, never written in place, so a hard link
  // is a complete, instant copy of this version; media without links (FAT) get a copy.
  await link(src, join(bdir, name)).catch(() => copyFile(src, join(bdir, name)))
  const all = (await readdir(bdir)).filter((f) => f.startsWith('archive-') && f.endsWith('.json')).sort()
  for (const old of all.slice(0, Math.max(0, all.length - BACKUPS_KEPT))) await unlink(join(bdir, old)).catch(() => {})
  return name
}

const CHUNK = 1000

/**
 * archive.json as chunks of about a thousand items. Items are never mutated in place (a
 * change replaces the object), so the arrays taken at the start are a consistent view
 * even while new commits arrive between chunks.
 */
export function* serialiseDocument(doc: ArchiveDocument): Generator<string> {
  const { records, tags, links, photoGroups, savedSearches, ...head } = doc // head: version, seq, settings, counters
  yield JSON.stringify(head).slice(0, -1)
  const lists: [string, unknown[]][] = [['records', records], ['tags', tags], ['links', links], ['photoGroups', photoGroups], ['savedSearches', savedSearches]]
  for (const [key, list] of lists) {
    yield `,"${key}":[`
    for (let i = 0; i < list.length; i += CHUNK) yield (i ? ',' : '') + list.slice(i, i + CHUNK).map((x) => JSON.stringify(x)).join(',')
    yield ']'
  }
  yield '}'
}

/** Used by tests and the demo writer: an archive.json written in one go. */
export async function writeDocument(dir: string, doc: ArchiveDocument): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, ARCHIVE_FILE), JSON.stringify(doc))
}
