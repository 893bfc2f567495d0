// What a handler hands the kernel: intents, not finished items. The kernel fills in what
// is the archive's to fill (ids, who and when, 照片号, 参见号, cascades), checks the rules
// and commits. Every change to the archive, from every area and host, is one of these.
import type { Settings, VersionVector } from '../../../shared/domain'

export type Coll = 'records' | 'tags' | 'links' | 'photoGroups' | 'savedSearches' | 'conflicts'

/**
 * The version an exchanged change starts from. keep: the item arrives exactly as another
 * archive has it, under that archive's version (a merge taking the other side); otherwise
 * this replica's clock is added on top of vv (a conflict settled: above every version it
 * settles). Without it, a change is a local edit on top of the item's own version.
 */
export interface VersionSpec {
  vv: VersionVector
  keep: boolean
  at?: string
  /** With keep: the replica the version was made on. */
  from?: string
  /** A 照片号 withheld for the user to settle (a number both archives gave out): issue none now. */
  hold?: boolean
}

interface Where {
  /**
   * Where this change came from in the caller's input (record, records.3), so that a
   * refusal names the field as the caller knows it.
   */
  at?: string
}

export type Change =
  /** A new item; without an id the kernel issues one. Stamped with who and when. */
  | ({ op: 'create'; coll: Coll; value: Record<string, unknown> } & Where)
  /** Fields of an existing item (or one created earlier in the same call). */
  | ({ op: 'update'; coll: Coll; id: string; patch: Record<string, unknown>; version?: VersionSpec } & Where)
  | ({ op: 'delete'; coll: Coll; id: string; version?: VersionSpec } & Where)
  /**
   * An item exactly as given, stamps and all (undo restoring an earlier state, a whole
   * exported archive): still checked by every rule, nothing of it re-stamped.
   */
  | ({ op: 'restore'; coll: Coll; id: string; value: unknown; version?: VersionSpec } & Where)
  | ({ op: 'settings'; patch: Partial<Settings>; replace?: boolean } & Where)
  /** A sequence counter set back as it was (only undo of a whole entry does this). */
  | { op: 'counter'; key: string; value: number | null }
