// Messages between the search engine's front (the thread that owns the store) and the
// search worker. Every request carries an id; the worker answers each in order.
import type { Area, ThesaurusEntry } from '../../shared/domain'
import type { IndexDoc } from './doc'
import type { EngineResult } from './engine'
import type { SavedIndexMeta } from './index-persist'
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
  /** What the saved index at `file` is (SavedIndexMeta), or null if there is none or it is refused. */
  | { id: number; type: 'peek'; file: string }
  /** Replaces the index with the saved one if it passes every check (LoadReply). */
  | { id: number; type: 'load'; file: string; epoch: string; maxSeq: number }
  /**
   * The host is open and stays so: warm the index up while idle, now and after every later
   * load or build (a one-shot CLI call never sends it: its warm-up only competed with its open).
   */
  | { id: number; type: 'warm' }
  /** Writes the index to `file` (SaveReply); a failure is an answer, not a worker failure. */
  | { id: number; type: 'save'; file: string; epoch: string; seq: number }

export type LoadReply = { loaded: true; seq: number; ms: number } | { loaded: false; reason: string }
export type SaveReply = { bytes: number; ms: number } | { error: string }

export type Reply =
  | { id: number; ok: true; result?: EngineResult | IndexStats | { ms: number } | SavedIndexMeta | null | LoadReply | SaveReply }
  | { id: number; ok: false; error: string }
