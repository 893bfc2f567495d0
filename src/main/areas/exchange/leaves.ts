// Versions of an item as exchange sees them. A leaf is one version of one item (value null:
// deleted in that version). An archive holds one leaf per item (the one it shows) plus,
// while a conflict is open, the leaves that lost. Two archives agree once they hold the
// same leaves; merging is taking the union and keeping the leaves nothing supersedes,
// which gives the same answer whichever side merges and however often.
import type { ExchangedColl } from '../../../shared/contract/exchange'
import type { VersionVector } from '../../../shared/domain'
import { same } from '../../core/same'
import type { ArchiveReader } from '../../core/store/reader'

/** What travels: the exchanged items, and number conflicts (see the kernel's travels()). */
export type LeafColl = ExchangedColl | 'conflicts'
export const TRAVELLING: readonly LeafColl[] = ['records', 'tags', 'links', 'photoGroups', 'savedSearches', 'conflicts']

export interface Leaf {
  coll: LeafColl
  id: string
  vv: VersionVector
  value: Record<string, unknown> | null
  at: string
  /** The replica the leaf was last changed on, and that archive's name (for the conflict view). */
  from: string
  fromName: string
}

export type Order = 'equal' | 'before' | 'after' | 'concurrent'

/** How version a stands to version b. */
export function compare(a: VersionVector, b: VersionVector): Order {
  let less = false
  let more = false
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? 0
    const y = b[k] ?? 0
    if (x < y) less = true
    else if (x > y) more = true
  }
  return less && more ? 'concurrent' : less ? 'before' : more ? 'after' : 'equal'
}

/** Both versions seen: the larger clock of each replica (keys sorted, so both sides write the same JSON). */
export function join(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = {}
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) out[k] = Math.max(a[k] ?? 0, b[k] ?? 0)
  return out
}

const depth = (vv: VersionVector) => Object.values(vv).reduce((s, n) => s + n, 0)

/** JSON with sorted keys: the same item written by another app version compares equal. */
export function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, sortedKeys)
}
function sortedKeys(_k: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  let sorted = true
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) sorted = false
  if (sorted) return v
  const out: Record<string, unknown> = {}
  for (const k of keys.sort()) out[k] = o[k]
  return out
}

/** Who changed it and when are not what the item says (nor when a conflict was found): leaves equal but for them agree. */
const STAMPS = new Set(['updatedAt', 'updatedBy'])
const CONFLICT_STAMPS = new Set(['at'])
/** The same item but for its stamps, without building strings (the merge's common case). */
export function sameContent(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  if (!a || !b) return a === b
  const bare = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([k]) => !STAMPS.has(k)))
  return same(bare(a), bare(b))
}

const contents = new WeakMap<object, string>()
export function content(value: Record<string, unknown> | null): string {
  if (!value) return 'null'
  const known = contents.get(value)
  if (known !== undefined) return known
  const skip = typeof value.kind === 'string' && 'itemId' in value ? CONFLICT_STAMPS : STAMPS
  const out = canonical(Object.fromEntries(Object.entries(value).filter(([k]) => !skip.has(k))))
  contents.set(value, out)
  return out
}

function stampOf(l: Leaf): string {
  return typeof l.value?.updatedAt === 'string' ? l.value.updatedAt : l.at
}

/**
 * The leaves nothing supersedes, the one to show first. The order is the same on every
 * archive: a live version before a deletion (a deletion never removes what the other side
 * changed), then the version with more changes behind it, then by content, so two archives
 * that merged the same leaves show the same one.
 */
export function settle(leaves: Leaf[]): Leaf[] {
  const order = leaves[0]?.coll === 'conflicts' ? rankClosedFirst : rank
  let cur = [...leaves]
  for (;;) {
    // Superseded (or the same version seen twice with the same content): dropped.
    const kept: Leaf[] = []
    for (const l of cur) {
      const beaten = cur.some((o) => o !== l && compare(l.vv, o.vv) === 'before')
      const dup = kept.some((k) => compare(k.vv, l.vv) === 'equal' && content(k.value) === content(l.value))
      if (!beaten && !dup) kept.push(l)
    }
    // Made apart but the same (both sides renumbered alike, say): one leaf that has seen both.
    const merged: Leaf[] = []
    for (const l of kept) {
      const twin = merged.findIndex((m) => content(m.value) === content(l.value))
      if (twin < 0) merged.push(l)
      else {
        const m = merged[twin]!
        const later = stampOf(l) > stampOf(m) || (stampOf(l) === stampOf(m) && canonical(l.value) > canonical(m.value)) ? l : m
        merged[twin] = { ...later, vv: join(m.vv, l.vv) }
      }
    }
    if (merged.length === cur.length) return merged.sort(order)
    cur = merged
  }
}

/** A number conflict settled on one side stays settled, even if the other side found it again meanwhile. */
function rankClosedFirst(a: Leaf, b: Leaf): number {
  if (!a.value !== !b.value) return a.value ? 1 : -1
  return rank(a, b)
}

function rank(a: Leaf, b: Leaf): number {
  if (!a.value !== !b.value) return a.value ? -1 : 1
  const d = depth(b.vv) - depth(a.vv)
  if (d) return d
  const ca = canonical(a.value)
  const cb = canonical(b.value)
  return ca === cb ? 0 : ca > cb ? -1 : 1
}

/** This archive's leaves of an item: the version it shows (or its tombstone) and a conflict's others. */
export function localLeaves(store: ArchiveReader, coll: LeafColl, id: string): Leaf[] {
  const key = `${coll}/${id}`
  const v = store.versions.get(key)
  const item = (store[coll] as ReadonlyMap<string, Record<string, unknown>>).get(id) ?? null
  const out: Leaf[] = []
  if (item || v) out.push({ coll, id, vv: v?.vv ?? {}, value: item, at: v?.at ?? '', from: v ? v.by : '', fromName: '' })
  const c = store.conflicts.get(key)
  if (c && c.kind !== 'number') for (const l of c.leaves) out.push({ coll, id, vv: l.vv, value: l.value, at: l.at, from: l.from, fromName: l.fromName })
  return out
}
