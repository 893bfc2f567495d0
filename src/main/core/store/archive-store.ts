// The archive folder on disk and the document in memory.
// - open: parse + validate archive.json (never overwrite a file that fails), replay the
//   journal past the snapshot (every replayed line checked first), take the write lock,
//   keep backups.
// - commit: apply mutations in memory, append them to the journal (fsync), then resolve;
//   the snapshot archive.json is rewritten later through lowdb, coalesced.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { SCHEMA_VERSION, type ArchiveDocument, type ArchiveRecord, type Conflict, type ItemVersion, type Link } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { DurableJsonFile } from './durable-file'
import { JournalWriter, KEYED, headerOf, journalError, readEntries, readEntry, replayConflict, scanJournal, type HeaderExtra, type JournalEntry, type JournalHeader, type Mutation } from './journal'
import { acquireLock, type HeldLock } from './lock'
import { LazyIndexes } from './indexes'
import { ARCHIVE_FILE, CACHE_DIR, JOURNAL_FILE } from './names'
import { affectedRecords } from './affected'
import { randomUUID } from 'node:crypto'
import { backup } from './backups'
import type { ArchiveReader } from './reader'
import { emptyDocument, readDocument, serialiseDocument } from './document'
import { replicaOf } from './replica'
import { OpenCacheKeeper, pruneTexts, readOpenCache } from './open-cache'

export { ARCHIVE_FILE, JOURNAL_FILE } from './names'
export { emptyDocument, readDocument, serialiseDocument, writeDocument } from './document'
export { BACKUPS_DIR, backup, backupReason, backupTime, backupsToKeep, headSeq } from './backups'
/** At most one backup per reason in this time (a bulk edit repeated in a loop costs one). */
const BACKUP_THROTTLE_MS = 60_000
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
  /**
   * Read-only opens only: replay the journal up to (not including) this line, to look at the
   * archive as it was before a damaged line.
   */
  stopBeforeLine?: number
  /** Minimum time between two backups with the same reason (backupBefore); tests set 0. */
  backupThrottleMs?: number
  /** Read archive.json even when the open cache is current (tests; the bench's comparison). */
  ignoreCache?: boolean
}

export interface CommitInfo {
  seq: number
  method: string
  ids: string[]
  /** What the commit changed (for derived views such as the search index's link mirror). */
  changes: readonly Mutation[]
}

type Item = { id: string }

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
  /** Exchange bookkeeping: each item's version (tombstones included) and the open conflicts. */
  readonly versions = new Map<string, ItemVersion>()
  readonly conflicts = new Map<string, Conflict>()
  /** This copy of the archive as a replica (see replica.ts); '' when opened read-only. */
  replicaId = ''
  /** See ArchiveReader.cacheEpoch: new whenever the content was read from archive.json itself. */
  cacheEpoch: string = randomUUID()
  /** Where the content came from at open: the open cache, or archive.json itself (diagnostics, bench). */
  openedFrom: 'cache' | 'archive' = 'archive'
  /** The library's first order from the open cache, valid while seq is still its seq (core/list.ts). */
  initialOrder: { seq: number; ids: string[] } | null = null
  private clock = -1
  /** Who holds a 照片号, 档号 or batch number, and a record's links (indexes.ts). */
  private readonly lookups: LazyIndexes
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
  private lock: HeldLock | null = null
  private lastBackup = new Map<string, number>()
  private openCache: OpenCacheKeeper
  private openBackup: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly dir: string,
    doc: ArchiveDocument,
    private readonly opts: OpenOptions,
  ) {
    this.settings = doc.settings
    this.seq = doc.seq
    this.snapshotSeq = doc.seq
    this.openCache = new OpenCacheKeeper(dir, null)
    this.low = new Low(new DurableJsonFile<ArchiveDocument>(join(dir, ARCHIVE_FILE), serialiseDocument), doc)
    this.journal = new JournalWriter(join(dir, JOURNAL_FILE))
    for (const c of KEYED) for (const item of doc[c]) (this[c] as Map<string, Item>).set(item.id, item)
    for (const [k, v] of Object.entries(doc.counters)) this.counters.set(k, v)
    this.lookups = new LazyIndexes(this.records, this.links)
  }

  /** The links that touch a record, either way round. */
  linksOf(recordId: string): Link[] {
    const ids = this.lookups.get().linksByRecord.get(recordId)
    if (!ids) return []
    const out: Link[] = []
    for (const id of ids) {
      const l = this.links.get(id)
      if (l) out.push(l)
    }
    return out
  }

  get cacheDir(): string {
    return join(this.dir, CACHE_DIR)
  }

  async touchedSince(seq: number): Promise<string[] | null> {
    if (seq > this.seq || seq < 0) return null
    if (seq === this.seq) return []
    const seqs: number[] = []
    for (let s = seq + 1; s <= this.seq; s++) seqs.push(s)
    const entries = await this.entries(seqs)
    // A gap (a journal cut short, entries from before it was started) means the tail is unknown.
    if (entries.size !== seqs.length) return null
    return affectedRecords(this, [...entries.values()].flatMap((e) => e.changes))
  }

  /** Ids of records holding a key in one of the unique-number indexes. */
  holders(index: 'byPhotoNo' | 'byFiling' | 'byBatchNo', key: string): string[] {
    return [...(this.lookups.get()[index].get(key) ?? [])]
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
      versions: [...this.versions.values()],
      conflicts: [...this.conflicts.values()],
    }
  }

  /**
   * The next tick of this replica's clock: above every number it ever gave an item, so
   * that a later change of this replica always shows as later (see ItemVersion).
   */
  nextClock(): number {
    if (this.clock < 0) {
      this.clock = 0
      for (const v of this.versions.values()) this.clock = Math.max(this.clock, v.vv[this.replicaId] ?? 0)
    }
    return ++this.clock
  }

  get readOnly(): boolean {
    return !!this.opts.readOnly
  }

  /** Opens (or creates) the archive in dir. Nothing is written unless it opens whole. */
  static async open(dir: string, opts: OpenOptions = {}): Promise<ArchiveStore> {
    // Appending after lines it did not read would put the journal out of order.
    if (opts.stopBeforeLine !== undefined && !opts.readOnly) throw new ApiError('internal', 'internal.unexpected', { detail: 'stopBeforeLine is for read-only opens' })
    await mkdir(dir, { recursive: true })
    const file = join(dir, ARCHIVE_FILE)
    const journalFile = join(dir, JOURNAL_FILE)
    const lock = opts.readOnly ? null : await acquireLock(dir)
    try {
      // The open cache first (no long texts to parse); archive.json when it is not current.
      // A look at the archive before a damaged line must not see a cache made after it.
      const cached = opts.stopBeforeLine === undefined && !opts.ignoreCache ? await readOpenCache(dir) : null
      const read = cached ? null : await readDocument(file)
      const doc = cached?.doc ?? read?.doc ?? emptyDocument()
      const scan = await scanJournal(journalFile, doc.seq, { stopBeforeLine: opts.stopBeforeLine })
      // A cache ahead of archive.json needs the journal to hold its seq (else: read it all again).
      if (cached && doc.seq > cached.archiveSeq && !scan.headers.some((h) => h.seq === doc.seq)) {
        await lock?.release()
        return await ArchiveStore.open(dir, { ...opts, ignoreCache: true })
      }
      const store = new ArchiveStore(dir, doc, opts)
      if (cached) {
        store.openedFrom = 'cache'
        if (cached.order) store.initialOrder = { seq: doc.seq, ids: cached.order }
        store.cacheEpoch = cached.epoch
        store.snapshotSeq = cached.archiveSeq
        store.openCache = new OpenCacheKeeper(dir, cached.texts)
      }
      store.headers = scan.headers
      for (const [i, e] of scan.replay.entries()) {
        const conflict = replayConflict(e, (coll, id) => store[coll].has(id))
        if (conflict) throw journalError(journalFile, scan.replayLines[i]!, conflict)
        store.apply(e.changes)
        store.remember(e)
      }
      if (scan.replay.length) store.seq = scan.replay[scan.replay.length - 1]!.seq
      // Only now, with the snapshot and every replayed line known good, is anything written.
      if (!opts.readOnly) {
        store.lock = lock
        store.replicaId = await replicaOf(dir)
        if (read?.migratedFrom !== undefined) await backup(dir, `pre-migrate-v${read.migratedFrom}`)
        await store.journal.open(scan.goodLength, scan.tornTail)
        if (!read && !cached) {
          store.low.data = store.toDocument()
          await store.low.write()
        } else {
          // Best effort, in the background: a full disk must not keep the archive from opening
          // (the journal, not the backup, makes edits durable), nor a large copy slow it.
          // A migration's backup above is required.
          store.openBackup = backup(dir, 'open').catch(() => null)
        }
        // Only generations no record of this process reads are removed.
        await pruneTexts(dir, store.openCache.textsName)
        if (store.seq > store.snapshotSeq) store.scheduleSnapshot()
        else if (!cached) store.queueCacheWrite()
      }
      // After the first screen, not on the way to it (a change first builds whatever is left).
      store.lookups.idle(() => store.closed)
      return store
    } catch (e) {
      await lock?.release()
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

  /**
   * A backup taken before a bulk change (the kernel calls this for the methods that rewrite
   * or add many items at once). archive.json lags the journal by up to a snapshot delay, so
   * it is brought up to date first: the backup is the archive as it was just before the
   * change, not minutes earlier. Best effort: if the disk refuses, the change still goes
   * through, and the journal still holds everything since the last good backup.
   */
  async backupBefore(reason: string, always = false): Promise<string | null> {
    if (this.readOnly || this.closed || this.broken) return null
    const now = Date.now()
    if (!always && now - (this.lastBackup.get(reason) ?? -Infinity) < (this.opts.backupThrottleMs ?? BACKUP_THROTTLE_MS)) return null
    this.lastBackup.set(reason, now)
    try {
      await this.snapshot()
      return await backup(this.dir, reason)
    } catch {
      return null /* see above */
    }
  }

  private remember(e: JournalEntry): void {
    this.recent.set(e.seq, e)
    if (this.recent.size > RECENT_ENTRIES) this.recent.delete(this.recent.keys().next().value!)
  }

  /** One journal entry with its changes (for undo): from memory, else from journal.jsonl. */
  async entry(seq: number): Promise<JournalEntry | null> {
    return this.recent.get(seq) ?? (await readEntry(join(this.dir, JOURNAL_FILE), seq))
  }

  /** Several entries with their changes: from memory, the rest in one read of journal.jsonl. */
  async entries(seqs: number[]): Promise<Map<number, JournalEntry>> {
    const out = new Map<number, JournalEntry>()
    const missing = new Set<number>()
    for (const seq of seqs) {
      const hit = this.recent.get(seq)
      if (hit) out.set(seq, hit)
      else missing.add(seq)
    }
    for (const [seq, e] of await readEntries(join(this.dir, JOURNAL_FILE), missing)) out.set(seq, e)
    return out
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
      if (c.coll === 'records') this.lookups.current()?.record(c.id, this.records.get(c.id) ?? null, (c.after as ArchiveRecord | null) ?? null)
      else if (c.coll === 'links') this.lookups.current()?.link(c.id, this.links.get(c.id) ?? null, (c.after as Link | null) ?? null)
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
    // archive.json changed, so the open cache must follow it (or the next open reads it all).
    await this.queueCacheWrite()
  }

  /** The open cache (open-cache.ts) for the archive as it is now. */
  private queueCacheWrite(): Promise<void> {
    return this.openCache.write(
      async () => {
        if (this.readOnly) return null
        // Only durable entries: a cache must never hold a change the journal could lose.
        while (this.flushing) await this.flushing
        return { doc: this.toDocument(), epoch: this.cacheEpoch }
      },
      (r) => this.records.get(r.id) === r,
    )
  }

  async close(): Promise<void> {
    if (this.closed) return
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer)
    this.snapshotTimer = null
    if (!this.readOnly) {
      await this.flushing
      await this.snapshot()
      await this.openBackup
    }
    // The cache is written while the lock is still held (a next writer prunes texts files).
    await this.openCache.close()
    if (!this.readOnly) {
      await this.journal.close()
      await this.lock?.release()
      this.lock = null
    }
    this.closed = true
  }
}
