// What a committed change touched, as the hosts tell the windows (changeEventOf), and the
// questions a view asks of it before refetching (touches, touchesIds). One place for both
// ends, so the event's shape and its reading cannot drift apart.
import { CHANGE_COLLS, type ChangeColl, type ChangeEvent } from './api'
import type { RecordKind } from './domain'

/** Past this many ids an event says "incomplete" instead of carrying a bulk import's 100,000 ids. */
export const CHANGE_IDS_MAX = 500

/** The part of a store commit an event is made from (CommitInfo, structurally). */
export interface CommitLike {
  seq: number
  method: string
  changes: readonly { coll: string; id: string; before: unknown; after: unknown }[]
}

const KNOWN = new Set<string>(CHANGE_COLLS)

function kindOf(v: unknown): string | null {
  return v && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string' ? (v as { kind: string }).kind : null
}

function ends(v: unknown, into: Set<string>): void {
  if (!v || typeof v !== 'object') return
  const { from, to } = v as { from?: unknown; to?: unknown }
  if (typeof from === 'string') into.add(from)
  if (typeof to === 'string') into.add(to)
}

export function changeEventOf(c: CommitLike): ChangeEvent {
  const colls = new Set<ChangeColl>()
  const ids = new Set<string>()
  const refs = new Set<string>()
  const kinds = new Set<string>()
  for (const m of c.changes) {
    if (KNOWN.has(m.coll)) colls.add(m.coll as ChangeColl)
    // A version is stamped on every change: it names no item a view shows.
    if (m.coll !== 'versions') ids.add(m.id)
    if (m.coll === 'records') {
      const k = kindOf(m.after) ?? kindOf(m.before)
      if (k) kinds.add(k)
    }
    if (m.coll === 'links') {
      ends(m.before, refs)
      ends(m.after, refs)
    }
  }
  const complete = ids.size <= CHANGE_IDS_MAX && refs.size <= CHANGE_IDS_MAX
  return {
    type: 'change',
    seq: c.seq,
    method: c.method,
    ids: [...ids].slice(0, CHANGE_IDS_MAX),
    colls: CHANGE_COLLS.filter((x) => colls.has(x)),
    refs: [...refs].slice(0, CHANGE_IDS_MAX),
    kinds: [...kinds] as RecordKind[],
    complete,
  }
}

/** Did the change touch any of these collections? No event (first load) counts as yes. */
export function touches(e: ChangeEvent | null | undefined, ...colls: readonly ChangeColl[]): boolean {
  if (!e) return true
  // An event from an older host says nothing of its collections: assume the worst.
  if (!Array.isArray(e.colls)) return true
  return colls.some((c) => e.colls.includes(c))
}

/** Did the change touch records of one of these kinds? (An event that does not say: yes.) */
export function touchesKinds(e: ChangeEvent | null | undefined, ...kinds: readonly RecordKind[]): boolean {
  if (!touches(e, 'records')) return false
  if (!e || !Array.isArray(e.kinds)) return true
  return kinds.some((k) => e.kinds.includes(k))
}

/**
 * Could the change concern one of these items: it changed, a link at it changed, or the event
 * was cut short and cannot say? An item's id is unique across collections.
 */
export function touchesIds(e: ChangeEvent | null | undefined, ids: Iterable<string>): boolean {
  if (!e || !Array.isArray(e.colls) || !e.complete) return true
  const changed = new Set([...e.ids, ...e.refs])
  for (const id of ids) if (changed.has(id)) return true
  return false
}
