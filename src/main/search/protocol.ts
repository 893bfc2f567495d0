// Messages between the search engine's front (the thread that owns the store) and the
// search worker. Every request carries an id; the worker answers each in order.
import type { Area, ThesaurusEntry } from '../../shared/domain'
import type { IndexDoc } from './doc'
import type { EngineResult } from './engine'
import type { IndexStats, SearchInput } from './search-index'

export type Request =
  /** Starts a rebuild: the index is emptied; `chars` sizes the bulk buffers. */
  | { id: number; type: 'begin'; chars: number }
  | { id: number; type: 'add'; docs: IndexDoc[] }
  /** Ends a rebuild: lays out the postings, resolves pinyin. */
  | { id: number; type: 'end' }
  | { id: number; type: 'update'; docs: IndexDoc[]; removed: string[] }
  | { id: number; type: 'query'; input: SearchInput; areas: Area[]; thesaurus: ThesaurusEntry[]; thesaurusOff: string[] }
  | { id: number; type: 'stats' }

export type Reply =
  | { id: number; ok: true; result?: EngineResult | IndexStats | { ms: number } }
  | { id: number; ok: false; error: string }
