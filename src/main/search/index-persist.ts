// The search index saved to disk, as the engines use it: a derived cache
// (<archive>/cache/search.idx) loaded at open instead of rebuilding from every record, the
// journal's tail applied on top. Format: index-format.ts; writing: index-save.ts; reading:
// index-load.ts. Here every failure is an answer: a cache must never stop the search.
import type { IndexStateData } from './index-state'
import { loadIndexFile, readIndexMeta } from './index-load'
import { saveIndexFile } from './index-save'
import type { SavedIndexMeta } from './index-format'
import type { SearchIndex } from './search-index'

export { INDEX_FILE, INDEX_FORMAT, IndexRefused, MAX_INDEX_FILE, indexFilePath, type SavedIndexMeta } from './index-format'
export { loadIndexFile, readIndexMeta } from './index-load'
export { saveIndexFile } from './index-save'

/** The saved index's meta, or null (none there, unreadable or refused). */
export function peekIndex(file: string): SavedIndexMeta | null {
  try {
    return readIndexMeta(file)
  } catch {
    return null
  }
}

/** Loads a saved index; on any failure, why (for diagnostics) and no index. */
export function tryLoadIndex(file: string, expect: { epoch: string; maxSeq: number }): { index: SearchIndex; seq: number; ms: number } | { index: null; reason: string } {
  try {
    const { index, meta, ms } = loadIndexFile(file, expect)
    return { index, seq: meta.seq, ms }
  } catch (e) {
    return { index: null, reason: (e as Error).message }
  }
}

/** Saves the index; on failure (disk full, folder gone), why. */
export function trySaveIndex(index: IndexStateData, file: string, meta: { epoch: string; seq: number }): { bytes: number; ms: number } | { error: string } {
  try {
    return saveIndexFile(index, file, meta)
  } catch (e) {
    return { error: (e as Error).message }
  }
}
