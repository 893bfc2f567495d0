// The search engine in the calling thread: the store feed and the index side by side.
// Used where a worker is not available or not wanted (see create.ts), and as the
// worker engine's fallback if its worker dies. Loads and saves the saved index in-thread.
import type { ArchiveReader } from '../core/store/reader'
import type { EngineQuery, EngineResult, SearchEngine } from './engine'
import { StoreFeed } from './feed'
import { IndexCache, type IndexSource } from './index-cache'
import { peekIndex, trySaveIndex, tryLoadIndex } from './index-persist'
import { SearchIndex } from './search-index'

export class InlineEngine implements SearchEngine {
  readonly kind = 'inline' as const
  index = new SearchIndex()
  source: IndexSource = 'rebuilt'
  /** Time of the last rebuild or load (ms), for diagnostics and the bench. */
  lastBuildMs = 0
  /** The last save: its size and time, or why it failed. */
  lastSave: { bytes: number; ms: number } | { error: string } | null = null
  private feed: StoreFeed
  private cache: IndexCache | null
  /** Seq of the saved index that matches this one, while no update came since. */
  private savedSeq = -1
  private dirty = true
  private saveTimer: NodeJS.Timeout | null = null
  /** The rebuild under way: queries and saves wait for it. */
  private building: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: ArchiveReader,
    /** Why this engine runs in-thread (shown by diagnostics and tests). */
    readonly reason = 'requested',
    /** false: queries are read word for word, as before query understanding (the relevance bench's "before"). */
    private readonly understanding = true,
  ) {
    this.feed = new StoreFeed(store)
    this.cache = IndexCache.of(store)
  }

  rebuild(): Promise<void> {
    this.building = this.build()
    return this.building
  }

  private async build(): Promise<void> {
    const t0 = performance.now()
    const seq = this.cache?.committed ?? 0
    if (await this.fromCache()) return
    this.index = new SearchIndex()
    this.index.addMany(this.feed.allDocs())
    this.source = 'rebuilt'
    this.lastBuildMs = performance.now() - t0
    this.dirty = true
    // Saved a moment later, so the caller gets its index first.
    if (this.cache?.writable) {
      if (this.saveTimer) clearTimeout(this.saveTimer)
      this.saveTimer = setTimeout(() => {
        this.saveTimer = null
        this.save(seq)
      }, 0)
      this.saveTimer.unref()
    }
  }

  /** Takes the saved index and the journal's tail, if both can be had. */
  private async fromCache(): Promise<boolean> {
    const c = this.cache
    if (!c) return false
    const meta = peekIndex(c.file)
    const touched = await c.tail(meta)
    if (touched === null) return false
    const r = tryLoadIndex(c.file, { epoch: c.epoch, maxSeq: this.store.seq })
    if (!r.index) return false
    this.index = r.index
    this.source = 'cache'
    this.lastBuildMs = r.ms
    this.savedSeq = r.seq
    this.dirty = false
    this.update(touched)
    return true
  }

  update(ids: string[]): void {
    const { docs, removed } = this.feed.changes(ids)
    if (docs.length || removed.length) this.dirty = true
    this.index.update(docs, removed)
  }

  async persist(): Promise<void> {
    const c = this.cache
    if (!c?.writable) return
    await this.building.catch(() => {})
    await c.settle()
    if (this.saveTimer) clearTimeout(this.saveTimer), (this.saveTimer = null)
    if (!this.dirty && this.savedSeq === c.committed) return
    this.save(c.committed)
  }

  private save(seq: number): void {
    const c = this.cache
    if (!c) return
    const wasDirty = this.dirty
    this.dirty = false
    this.lastSave = trySaveIndex(this.index, c.file, { epoch: c.epoch, seq })
    if ('error' in this.lastSave) this.dirty = wasDirty
    else this.savedSeq = seq
  }

  async query(input: EngineQuery): Promise<EngineResult> {
    await this.building.catch(() => {})
    const { areas, thesaurus, thesaurusOff } = this.store.settings
    // The engine ranks the first offset + limit; the handler drops the first offset.
    return this.index.search({ ...input, limit: (input.offset ?? 0) + input.limit }, { areas, thesaurus, thesaurusOff, understanding: this.understanding })
  }

  async close(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer), (this.saveTimer = null)
    this.cache?.close()
  }
}
