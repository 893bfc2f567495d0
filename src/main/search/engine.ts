// What the service needs from a search engine. The engine reads records from the
// store and is told which ids changed after each commit, so it never rescans.
import type { ApiParsedInput, HighlightRange } from '../../shared/api'
import type { ArchiveRecord } from '../../shared/domain'

export interface EngineHit {
  id: string
  score: number
  highlights: HighlightRange[]
}

export interface EngineResult {
  total: number
  hits: EngineHit[]
  countsByKind: Record<ArchiveRecord['kind'], number>
  warnings: string[]
  suggestions: string[]
}

export interface SearchEngine {
  /** Where the index runs: 'worker' (off the serving thread), 'inline' (in it), or the 'fuse' baseline. */
  readonly kind?: 'worker' | 'inline' | 'fuse'
  /** Builds the index from the whole store. */
  rebuild(): Promise<void>
  /** These ids were created, edited or deleted (absent from the store = deleted). */
  update(ids: string[]): void
  query(input: ApiParsedInput<'search.query'>): Promise<EngineResult>
  close(): Promise<void>
}
