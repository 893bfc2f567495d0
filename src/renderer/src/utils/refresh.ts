// Which data each part of the window shows depends on which collections: one table, so a
// change event refetches only what it could have changed. The journal and the undo/redo
// state change with every commit and are not listed: they reload on every event.
import type { ArchiveEvent, ChangeColl } from '@shared/api'
import { touches, touchesKinds } from '@shared/changes'
import type { RecordKind } from '@shared/domain'

export const REFRESH_ON = {
  /** archive.info: counts per kind, tags and links; the settings. */
  info: ['records', 'tags', 'links', 'settings'],
  /** batches.list: the batches and how many records each holds. */
  batches: ['records'],
  /** tags.list: the tags and how many records carry each. */
  tags: ['tags', 'records'],
  savedSearches: ['savedSearches'],
  /** exchange.info: open conflicts; the archive's name (settings). Packs and syncs reload it themselves. */
  exchange: ['conflicts', 'settings'],
  /** The library's rows (their tags are named from the tag list). */
  library: ['records'],
  /** Search hits: record text, tag names, links (拍摄于/参见), the thesaurus (settings). */
  search: ['records', 'tags', 'links', 'settings'],
  /** batches.compare and the to-do lists (unbacked, orphans): records and their links. */
  dashboard: ['records', 'links'],
  todo: ['records', 'links'],
  /** archive.verify checks the rules over everything a person edits. */
  verify: ['records', 'tags', 'links', 'photoGroups', 'settings', 'counters'],
  /** batches.detail: a batch's records, their tags and links. */
  batch: ['records', 'tags', 'links'],
  conflicts: ['conflicts'],
  /** The photo grid's tiles, and the groups beside it (titles and counts). */
  photos: ['records'],
  photoGroups: ['photoGroups', 'records'],
} as const satisfies Record<string, readonly ChangeColl[]>

export type RefreshKey = keyof typeof REFRESH_ON

/** Where only some kinds of record matter: a change to other records leaves these alone. */
export const ONLY_KINDS: Partial<Record<RefreshKey, readonly RecordKind[]>> = {
  photos: ['photo'],
  photoGroups: ['photo'],
}

/** Could this event have changed what `what` shows? (No event yet: yes.) */
export function affects(e: ArchiveEvent | null | undefined, what: RefreshKey): boolean {
  const colls: readonly ChangeColl[] = REFRESH_ON[what]
  const kinds = ONLY_KINDS[what]
  if (!kinds) return touches(e, ...colls)
  return touches(e, ...colls.filter((c) => c !== 'records')) || (colls.includes('records') && touchesKinds(e, ...kinds))
}
