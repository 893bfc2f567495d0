// The search engine in the calling thread: the store feed and the index side by side.
// Used where a worker is not available or not wanted (see create.ts), and as the
// worker engine's fallback if its worker dies.
import type { ArchiveReader } from '../core/store/reader'
import type { IndexDoc } from './doc'
import type { EngineQuery, EngineResult, SearchEngine } from './engine'
import { StoreFeed } from './feed'
import { SearchIndex } from './search-index'

export class InlineEngine implements SearchEngine {
  readonly kind = 'inline' as const
  readonly index = new SearchIndex()
  private feed: StoreFeed

  constructor(
    private readonly store: ArchiveReader,
    /** Why this engine runs in-thread (shown by diagnostics and tests). */
    readonly reason = 'requested',
    /** false: queries are read word for word, as before query understanding (the relevance bench's "before"). */
    private readonly understanding = true,
  ) {
    this.feed = new StoreFeed(store)
  }

  async rebuild(): Promise<void> {
    this.index.clear()
    this.index.addMany(this.feed.allDocs())
  }

  update(ids: string[]): void {
    const docs: IndexDoc[] = []
    const removed: string[] = []
    for (const id of new Set(ids)) {
      const d = this.feed.doc(id)
      if (d) docs.push(d)
      else removed.push(id)
    }
    this.index.update(docs, removed)
  }

  async query(input: EngineQuery): Promise<EngineResult> {
    const { areas, thesaurus, thesaurusOff } = this.store.settings
    // The engine ranks the first offset + limit; the handler drops the first offset.
    return this.index.search({ ...input, limit: (input.offset ?? 0) + input.limit }, { areas, thesaurus, thesaurusOff, understanding: this.understanding })
  }

  async close(): Promise<void> {
    this.feed.close()
  }
}
