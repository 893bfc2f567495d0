// What the service needs from a search engine. The engine reads records from the
// store and is told which ids changed after each commit, so it never rescans.
import type { ApiParsedInput, HighlightRange, SearchUnderstanding, SearchWarning } from '../../shared/api'
import type { ArchiveRecord } from '../../shared/domain'

export interface EngineHit {
  id: string
  score: number
  highlights: HighlightRange[]
  /** Words of the query this record lacks (a partial match). */
  missing?: string[]
}

export interface EngineResult {
  total: number
  hits: EngineHit[]
  countsByKind: Record<ArchiveRecord['kind'], number>
  warnings: SearchWarning[]
  suggestions: string[]
  understood: SearchUnderstanding
}

/** Warnings without repeats (the same words may be looked up more than once). */
export function uniqueWarnings(ws: readonly SearchWarning[]): SearchWarning[] {
  const seen = new Set<string>()
  return ws.filter((w) => {
    const k = JSON.stringify(w)
    return !seen.has(k) && !!seen.add(k)
  })
}

export function plainUnderstanding(total: number): SearchUnderstanding {
  return { chips: [], rewrites: [], ignored: [], missing: [], strictTotal: total }
}

/** A query as the engine takes it: offset optional (exports and counts start at the top). */
export type EngineQuery = Omit<ApiParsedInput<'search.query'>, 'offset'> & { offset?: number }

export interface SearchEngine {
  /** Where the index runs: 'worker' (off the serving thread), 'inline' (in it), or the 'fuse' baseline. */
  readonly kind?: 'worker' | 'inline' | 'fuse'
  /**
   * Makes the index ready: loaded from the saved index (<cacheDir>/search.idx) with the
   * journal's tail applied on top where that file is of this history and not ahead of
   * the store, else built from the whole store (and then saved, unless the store is read-only).
   */
  rebuild(): Promise<void>
  /** Where the last rebuild() got the index from. */
  readonly source?: 'cache' | 'rebuilt'
  /** Saves the index as of the store's current seq (nothing for a read-only store, or if nothing changed since the last save). Never rejects. */
  persist?(): Promise<void>
  /** These ids were created, edited or deleted (absent from the store = deleted). */
  update(ids: string[]): void
  query(input: EngineQuery): Promise<EngineResult>
  close(): Promise<void>
  /** The host is open and stays so: the index may warm up while idle (see the search worker). */
  warmUp?(): void
}
