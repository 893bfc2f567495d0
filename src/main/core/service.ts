// ArchiveService: what every area works with — the archive read-only, the kernel to change
// it, the search engine, who is working — and the one table of handlers that the
// composition root (src/main/app.ts) fills from the areas. The core knows no area and
// imports nothing from electron: the CLI, the browser host and the Electron main process
// all reach it through dispatch().
import type { ApiParsedInput, ApiResult, ApiResults, Method, RecordSummary, LinkView } from '../../shared/api'
import type { ArchiveRecord, Tag } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { SearchEngine } from '../search/engine'
import { currentUser } from './ids'
import { Kernel, type Applied } from './kernel/kernel'
import type { Change } from './kernel/changes'
import type { ArchiveStore } from './store/archive-store'
import type { HeaderExtra } from './store/journal'
import type { ArchiveReader } from './store/reader'
import { summarise } from './summaries'

export type Handlers = { [M in Method]: (input: ApiParsedInput<M>) => Promise<ApiResult<M>> }
/** The handlers of one area (its own file), merged into the one table by the composition root. */
export type AreaHandlers<K extends Method> = { [M in K]: (input: ApiParsedInput<M>) => Promise<ApiResult<M>> }

export interface ServiceOptions {
  user?: string
  search: (store: ArchiveReader) => SearchEngine
}

export class ArchiveService {
  readonly user: string
  readonly search: SearchEngine
  readonly kernel: Kernel
  /** The archive, read-only: every change goes through apply (the kernel). */
  readonly store: ArchiveReader
  /** Filled once by the composition root from every area's handlers. */
  handlers!: Handlers

  constructor(
    private readonly owned: ArchiveStore,
    opts: ServiceOptions,
  ) {
    this.user = opts.user ?? currentUser()
    this.store = owned
    this.search = opts.search(owned)
    this.kernel = new Kernel(owned, { user: this.user, onCommitted: (ids) => ids.length && this.search.update(ids) })
  }

  /** The search index, loaded or built in the background (see ready). */
  indexing: Promise<void> = Promise.resolve()

  /**
   * Starts the search index and returns at once: the library answers from the store while
   * the index loads; a query waits for it (the engines keep their requests in order).
   */
  async ready(): Promise<void> {
    this.indexing = this.search.rebuild()
    // A failed build is the engine's to report (it falls back in-thread); never unhandled here.
    this.indexing.catch(() => {})
  }

  /** Writes archive.json now (the journal already holds every change; benchmarks time this). */
  snapshot(): Promise<void> {
    return this.owned.snapshot()
  }

  async close(): Promise<void> {
    await this.search.persist?.()
    await this.search.close()
    await this.owned.close()
  }

  /** Commits changes through the kernel (stamps, derivations, rules, journal, search). */
  apply(method: string, summary: string, changes: Change[], extra?: HeaderExtra): Promise<Applied> {
    return this.kernel.apply(method, summary, changes, extra)
  }

  record(id: string): ArchiveRecord {
    const r = this.store.records.get(id)
    if (!r) throw new ApiError('not_found', 'record.not_found', { id }, { field: 'id' })
    return r
  }

  tag(id: string): Tag {
    const t = this.store.tags.get(id)
    if (!t) throw new ApiError('not_found', 'tag.not_found', { id })
    return t
  }

  summary(r: ArchiveRecord): RecordSummary {
    return summarise(this.store, r)
  }

  linksOf(id: string): LinkView[] {
    const out: LinkView[] = []
    for (const l of this.store.linksOf(id)) {
      const otherId = l.from === id ? l.to : l.from
      const other = this.store.records.get(otherId)
      if (other) out.push({ link: l, other: this.summary(other), direction: l.from === id ? 'out' : 'in' })
    }
    return out.sort((a, b) => a.link.createdAt.localeCompare(b.link.createdAt))
  }

  info(): ApiResults['archive.info'] {
    const counts = { batch: 0, report: 0, achievement: 0, photo: 0, tags: this.store.tags.size, links: this.store.links.size }
    for (const r of this.store.records.values()) counts[r.kind]++
    return {
      path: this.store.dir,
      schemaVersion: 1,
      user: this.user,
      empty: this.store.records.size === 0,
      counts,
      settings: this.store.settings,
      seq: this.store.seq,
    }
  }
}
