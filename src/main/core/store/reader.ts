// The archive as every area sees it: read-only. Maps are ReadonlyMap and there is no
// commit here, so the compiler keeps any area from writing around the kernel.
import type { ArchiveDocument, ArchiveRecord, Conflict, ItemVersion, Link, PhotoGroup, SavedSearch, Settings, Tag } from '../../../shared/domain'
import type { CommitInfo } from './archive-store'
import type { JournalEntry, JournalHeader } from './journal'

export interface ArchiveReader {
  readonly dir: string
  readonly readOnly: boolean
  readonly records: ReadonlyMap<string, ArchiveRecord>
  readonly tags: ReadonlyMap<string, Tag>
  readonly links: ReadonlyMap<string, Link>
  readonly photoGroups: ReadonlyMap<string, PhotoGroup>
  readonly savedSearches: ReadonlyMap<string, SavedSearch>
  readonly counters: ReadonlyMap<string, number>
  readonly versions: ReadonlyMap<string, ItemVersion>
  readonly conflicts: ReadonlyMap<string, Conflict>
  readonly replicaId: string
  readonly settings: Settings
  readonly seq: number
  readonly headers: readonly JournalHeader[]
  linksOf(recordId: string): Link[]
  holders(index: 'byPhotoNo' | 'byFiling' | 'byBatchNo', key: string): string[]
  entry(seq: number): Promise<JournalEntry | null>
  entries(seqs: number[]): Promise<Map<number, JournalEntry>>
  onCommit(fn: (c: CommitInfo) => void): () => void
  /** The library's first order (last changed first) from the open cache, valid while seq is its seq. */
  readonly initialOrder?: { seq: number; ids: string[] } | null
  /** Folder for derived caches, deletable at any time: <dir>/cache. */
  readonly cacheDir: string
  /** Identity of the history this content continues: a cache saved under another epoch is stale. */
  readonly cacheEpoch: string
  /** Record ids whose search documents may differ since `seq` (the journal's tail), or null if unknown. */
  touchedSince(seq: number): Promise<string[] | null>
  toDocument(): ArchiveDocument
}
