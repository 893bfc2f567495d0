// One merge for packages and sync: another archive's leaves in, the kernel's changes out.
// Per item, the leaves of both sides are settled (leaves.ts): the first is what the archive
// shows, the rest stay as a conflict for the user. Then what the merged items would break is
// mended the same way on every archive, so both sides reach the same state:
// - references to items deleted here (a tag, a batch, a group, a link's end) are let go;
// - numbers that must be unique (照片号, 档号's 件号, batch numbers), tag paths and links
//   given out on both sides: the earlier item keeps it, the other is set aside and a number
//   conflict says so, with a number to give it instead.
// The kernel then checks every rule and commits the lot as one journal entry.
import { filingKey, photoNoSequence, renderPhotoNo, refCodeFor } from '../../../shared/archival'
import type { ExchangedColl, MergeCounts, PreviewItem } from '../../../shared/contract/exchange'
import type { ArchiveRecord, Conflict, ConflictLeaf, Filing, Link, RecordKind, Tag } from '../../../shared/domain'
import type { Change, VersionSpec } from '../../core/kernel/changes'
import { same } from '../../core/same'
import type { ArchiveReader } from '../../core/store/reader'
import { canonical, compare, localLeaves, settle, type Leaf } from './leaves'

export interface MergePlan {
  changes: Change[]
  counts: MergeCounts
  items: PreviewItem[]
}

type Value = Record<string, unknown>
interface Planned {
  leaf: Leaf
  value: Value | null
  spec: VersionSpec
}

const PREVIEW_MAX = 200

export function planMerge(store: ArchiveReader, incoming: Leaf[], now: string): MergePlan {
  const counts: MergeCounts = { added: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, files: 0 }
  const items: PreviewItem[] = []
  const byKey = new Map<string, Leaf[]>()
  for (const l of incoming) {
    const key = `${l.coll}/${l.id}`
    ;(byKey.get(key) ?? byKey.set(key, []).get(key)!).push(l)
  }
  const planned = new Map<string, Planned>()
  const conflicts = new Map<string, Conflict | null>()
  const note = (change: PreviewItem['change'], l: Leaf, value: Value | null) => {
    if (items.length < PREVIEW_MAX) items.push({ change, coll: l.coll as ExchangedColl, id: l.id, title: titleOf(l.coll, value), ...(l.coll === 'records' && value ? { recordKind: value.kind as RecordKind } : {}) })
  }

  for (const [key, theirs] of byKey) {
    const first = theirs[0]!
    const mine = localLeaves(store, first.coll, first.id)
    const shown = mine[0]
    // The common case, one version each side and the same one: nothing to settle.
    if (shown && mine.length === 1 && theirs.length === 1 && compare(shown.vv, first.vv) === 'equal' && (Object.keys(shown.vv).length || sameContent(shown.value, first.value)) && !store.conflicts.has(key)) {
      counts.unchanged++
      continue
    }
    const [win, ...lost] = settle([...mine, ...theirs])
    const itemChanged = !shown || (win!.value !== shown.value && canonical(win!.value) !== canonical(shown.value))
    const versionChanged = !shown || !same(win!.vv, shown.vv)
    if (first.coll === 'conflicts') {
      // A number clash the other archive found (or settled): taken like an item; checked against the records below.
      if (itemChanged || versionChanged) planned.set(key, { leaf: win!, value: win!.value, spec: { vv: win!.vv, keep: true, at: win!.at } })
      continue
    }
    // A 照片号 is issued by the archive whose user files the photo: one arriving without a number is left so.
    if (itemChanged || versionChanged) planned.set(key, { leaf: win!, value: win!.value, spec: { vv: win!.vv, keep: true, at: win!.at, hold: first.coll === 'records' } })
    const had = store.conflicts.get(key)
    // Labelled by the version itself, not by who carried it here, so every archive stores the same conflict.
    const leaves: ConflictLeaf[] = lost.map((l) => ({ vv: l.vv, value: l.value, from: lastReplica(l.vv), fromName: '', at: l.at }))
    const shownValue = win!.value ?? shown?.value ?? theirs.find((t) => t.value)?.value ?? null
    if (lost.length) {
      const next: Conflict = {
        id: key,
        kind: !win!.value || lost.some((l) => !l.value) ? 'delete' : 'edit',
        coll: first.coll,
        itemId: first.id,
        leaves,
        at: had?.at ?? now,
      }
      if (!had || !same(had, next)) {
        conflicts.set(key, next)
        counts.conflicts++
        note('conflict', first, shownValue)
        continue
      }
    } else if (had) conflicts.set(key, null)
    if (!itemChanged) counts.unchanged++
    else if (!shown?.value && win!.value) (counts.added++, note('added', first, win!.value))
    else if (!win!.value) (counts.deleted++, note('deleted', first, shown?.value ?? null))
    else (counts.updated++, note('updated', first, win!.value))
  }

  const extra = mend(store, planned, conflicts, now)
  const numberConflicts = new Map<string, Conflict>()
  for (const [key, c] of conflicts) if (c?.kind === 'number' && !same(store.conflicts.get(key), c)) numberConflicts.set(key, c)
  for (const [key, p] of planned) if (p.leaf.coll === 'conflicts' && p.value && !store.conflicts.has(p.leaf.id)) numberConflicts.set(key, p.value as unknown as Conflict)
  for (const c of numberConflicts.values()) {
    counts.conflicts++
    const p = planned.get(`records/${c.itemId}`)
    const value = p ? p.value : ((store.records.get(c.itemId) as Value | undefined) ?? null)
    if (items.length < PREVIEW_MAX) items.push({ change: 'conflict', coll: 'records', id: c.itemId, title: titleOf('records', value), ...(value ? { recordKind: value.kind as RecordKind } : {}) })
  }
  const changes: Change[] = []
  for (const p of planned.values()) {
    const { coll, id } = p.leaf
    if (p.value) changes.push({ op: 'restore', coll, id, value: p.value, version: p.spec })
    else changes.push({ op: 'delete', coll, id, version: p.spec })
  }
  changes.push(...extra)
  for (const [key, c] of conflicts) {
    if (c) changes.push({ op: 'restore', coll: 'conflicts', id: key, value: c })
    else if (store.conflicts.has(key)) changes.push({ op: 'delete', coll: 'conflicts', id: key })
  }
  return { changes, counts, items }
}

/** The replica whose change is the latest in a version (the largest clock; ties by id). */
export function lastReplica(vv: Record<string, number>): string {
  let best = ''
  for (const [k, n] of Object.entries(vv)) if (!best || n > vv[best]! || (n === vv[best] && k > best)) best = k
  return best
}

/** A name for the preview and the conflict list. */
export function titleOf(coll: Leaf['coll'], v: Value | null): string {
  if (!v) return ''
  if (coll === 'tags') return String(v.path ?? '')
  if (coll === 'links') return `${String(v.from ?? '')} → ${String(v.to ?? '')}`
  if (coll === 'savedSearches') return String(v.name ?? '')
  return String(v.title ?? '')
}

/**
 * Mends what the planned items would break, in place, the same way on every archive.
 * Returns changes to items of this archive that were not planned (a local record giving
 * up a number it shares with an older one from the other side).
 */
function mend(store: ArchiveReader, planned: Map<string, Planned>, conflicts: Map<string, Conflict | null>, now: string): Change[] {
  const extra: Change[] = []
  /** Local records changed by the mending (not planned): their patches, seen by get(). */
  const patched = new Map<string, Value>()
  const patch = (id: string, p: Value, version?: VersionSpec) => {
    extra.push({ op: 'update', coll: 'records', id, patch: p, ...(version ? { version } : {}) })
    patched.set(id, { ...patched.get(id), ...p })
  }
  const get = <T extends Value>(coll: Leaf['coll'], id: string): T | null => {
    const p = planned.get(`${coll}/${id}`)
    if (p) return p.value as T | null
    const v = ((store[coll] as ReadonlyMap<string, unknown>).get(id) as T | undefined) ?? null
    return v && coll === 'records' && patched.has(id) ? ({ ...v, ...patched.get(id) } as T) : v
  }
  /** A planned item changed here after the merge: it becomes this archive's change (its clock on top). */
  const alter = (p: Planned, value: Value | null, hold = false) => {
    p.value = value
    p.spec = { vv: p.spec.vv, keep: false, hold: hold || !!p.spec.hold }
  }

  // Tags with one path: the tag with the smaller id stays; records carry it instead.
  const tagByPath = new Map<string, string>()
  const retag = new Map<string, string>()
  const liveTags = new Map<string, Tag>()
  for (const t of store.tags.values()) if (!planned.has(`tags/${t.id}`)) liveTags.set(t.id, t)
  for (const p of planned.values()) if (p.leaf.coll === 'tags' && p.value) liveTags.set(p.leaf.id, p.value as unknown as Tag)
  for (const t of [...liveTags.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const keeper = tagByPath.get(t.path)
    if (!keeper) tagByPath.set(t.path, t.id)
    else retag.set(t.id, keeper)
  }
  for (const [gone, keeper] of retag) {
    const key = `tags/${gone}`
    const p = planned.get(key)
    if (p) alter(p, null)
    else planned.set(key, { leaf: leafOf('tags', gone, store), value: null, spec: { vv: store.versions.get(key)?.vv ?? {}, keep: false } })
    void keeper
  }

  // References to what is gone: tags (or merged into another), batches, groups.
  const recordsTouched = new Set<string>()
  if (retag.size) for (const r of store.records.values()) if (r.tags.some((t) => retag.has(t))) recordsTouched.add(r.id)
  for (const [key, p] of planned) if (p.leaf.coll === 'records' && p.value) recordsTouched.add(key.slice('records/'.length))
  for (const id of recordsTouched) {
    const r = get<ArchiveRecord & Value>('records', id)
    if (!r) continue
    const fixed: Value = { ...r }
    const tags = [...new Set(r.tags.map((t) => retag.get(t) ?? t))].filter((t) => liveTags.has(t) && !retag.has(t))
    if (!same(tags, r.tags)) fixed.tags = tags
    if (r.kind !== 'batch' && r.batchId && get<Value>('records', r.batchId)?.kind !== 'batch') fixed.batchId = null
    if (r.kind === 'photo' && r.groupId && !get('photoGroups', r.groupId)) fixed.groupId = null
    if (same(fixed, r)) continue
    const p = planned.get(`records/${id}`)
    if (p) alter(p, fixed)
    else patch(id, diff(r, fixed))
  }

  // Links: both ends must exist; one link per (from, to, type).
  const linkKey = (l: Link) => `${l.from}\u0000${l.to}\u0000${l.type}`
  const linksByKey = new Map<string, string>()
  for (const l of store.links.values()) if (!planned.has(`links/${l.id}`)) linksByKey.set(linkKey(l), l.id)
  for (const [key, p] of [...planned].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (p.leaf.coll !== 'links' || !p.value) continue
    const l = p.value as unknown as Link
    if (!get('records', l.from) || !get('records', l.to)) {
      alter(p, null)
      continue
    }
    const other = linksByKey.get(linkKey(l))
    if (!other) linksByKey.set(linkKey(l), l.id)
    else if (other < l.id) alter(p, null)
    else {
      linksByKey.set(linkKey(l), l.id)
      const q = planned.get(`links/${other}`)
      if (q) alter(q, null)
      else planned.set(`links/${other}`, { leaf: leafOf('links', other, store), value: null, spec: { vv: store.versions.get(`links/${other}`)?.vv ?? {}, keep: false } })
    }
    void key
  }

  // Unique numbers: the older record keeps it.
  const settings = store.settings
  type Slot = { field: 'photoNo' | 'filing' | 'number'; key: string; display: string; raw: unknown }
  const slotOf = (r: ArchiveRecord): Slot | null => {
    if (r.kind === 'photo' && r.photoNo) return { field: 'photoNo', key: `p:${r.photoNo}`, display: r.photoNo, raw: r.photoNo }
    if (r.kind === 'report' && r.filing) return { field: 'filing', key: `f:${filingKey(r.filing)}`, display: refCodeFor(settings, r.filing), raw: r.filing }
    if (r.kind === 'batch') return { field: 'number', key: `b:${r.number}`, display: String(r.number), raw: r.number }
    return null
  }
  const holdersOf = (s: Slot): string[] => {
    const [kind, k] = [s.key.slice(0, 1), s.key.slice(2)]
    return store.holders(kind === 'p' ? 'byPhotoNo' : kind === 'f' ? 'byFiling' : 'byBatchNo', k)
  }
  const plannedRecords = [...planned.values()].filter((p) => p.leaf.coll === 'records' && p.value).map((p) => p.value as unknown as ArchiveRecord)
  const bySlot = new Map<string, ArchiveRecord[]>()
  for (const r of plannedRecords) {
    const s = slotOf(r)
    if (s) (bySlot.get(s.key) ?? bySlot.set(s.key, []).get(s.key)!).push(r)
  }
  let batchMax = 0
  for (const r of store.records.values()) if (r.kind === 'batch') batchMax = Math.max(batchMax, r.number)
  for (const r of plannedRecords) if (r.kind === 'batch') batchMax = Math.max(batchMax, r.number)
  for (const [k, list] of [...bySlot].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const slot = slotOf(list[0]!)!
    const all = new Map<string, ArchiveRecord>()
    for (const id of holdersOf(slot)) {
      const r = get<ArchiveRecord & Value>('records', id)
      if (r && slotOf(r)?.key === k) all.set(id, r)
    }
    for (const r of list) {
      const cur = get<ArchiveRecord & Value>('records', r.id)
      if (cur && slotOf(cur)?.key === k) all.set(r.id, cur)
    }
    if (all.size < 2) continue
    const [keeper, ...others] = [...all.values()].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
    for (const o of others) {
      const aside: Value = slot.field === 'photoNo' ? { photoNo: '' } : slot.field === 'filing' ? { filing: null } : { number: ++batchMax }
      const p = planned.get(`records/${o.id}`)
      if (p) alter(p, { ...p.value!, ...aside }, slot.field === 'photoNo')
      else patch(o.id, aside, slot.field === 'photoNo' ? { vv: store.versions.get(`records/${o.id}`)?.vv ?? {}, keep: false, hold: true } : undefined)
      const id = `records/${o.id}#${slot.field}`
      const given = slot.field === 'number' ? { given: String(aside.number) } : {}
      const next: Conflict = { id, kind: 'number', coll: 'records', itemId: o.id, leaves: [], number: { field: slot.field, value: slot.display, holderId: keeper!.id, ...given }, at: now }
      // Already known (found here before, or arriving from the archive that found it): kept as it is.
      const known = planned.get(`conflicts/${id}`)?.value ?? store.conflicts.get(id) ?? null
      if (!known || !sameConflict(known as unknown as Conflict, next)) conflicts.set(id, next)
    }
  }
  // A number conflict whose record is no longer set aside (numbered since, by a user on either
  // side) is closed; one whose record is not here is left as it is.
  const open = new Map<string, Conflict>()
  for (const c of store.conflicts.values()) if (c.kind === 'number') open.set(c.id, c)
  for (const p of planned.values()) {
    if (p.leaf.coll !== 'conflicts') continue
    if (p.value) open.set(p.leaf.id, p.value as unknown as Conflict)
    else open.delete(p.leaf.id)
  }
  for (const [id, c] of conflicts) if (c?.kind === 'number') open.set(id, c)
  for (const [id, c] of open) {
    const r = get<ArchiveRecord & Value>('records', c.itemId)
    if (!r || stillSetAside(r, c)) continue
    const p = planned.get(`conflicts/${id}`)
    if (p) alter(p, null)
    else if (conflicts.get(id)) conflicts.delete(id)
    else if (store.conflicts.has(id)) conflicts.set(id, null)
  }
  return extra
}

/** The same item but for who saved it when (same() walks the objects; no strings built). */
function sameContent(a: Value | null, b: Value | null): boolean {
  if (!a || !b) return a === b
  const strip = (v: Value) => ({ ...v, updatedAt: undefined, updatedBy: undefined })
  return same(strip(a), strip(b))
}

function stillSetAside(r: ArchiveRecord, c: Conflict): boolean {
  const n = c.number
  if (!n) return false
  if (n.field === 'photoNo') return r.kind === 'photo' && r.photoNo === ''
  if (n.field === 'filing') return r.kind === 'report' && r.filing === null
  return r.kind === 'batch' && String(r.number) === (n.given ?? '')
}

function sameConflict(a: Conflict, b: Conflict): boolean {
  return same({ ...a, at: '' }, { ...b, at: '' })
}

function leafOf(coll: Leaf['coll'], id: string, store: ArchiveReader): Leaf {
  return localLeaves(store, coll, id)[0] ?? { coll, id, vv: {}, value: null, at: '', from: store.replicaId, fromName: '' }
}

function diff(a: Value, b: Value): Value {
  const out: Value = {}
  for (const k of Object.keys(b)) if (!same(a[k], b[k])) out[k] = b[k]
  return out
}

/** The next free 照片号 of the record's sequence: what a number conflict suggests. */
export function suggestPhotoNo(store: ArchiveReader, r: Extract<ArchiveRecord, { kind: 'photo' }>): string {
  const format = store.settings.photoNoFormat
  const year = Number(r.date.slice(0, 4)) || new Date().getFullYear()
  let n = (store.counters.get(photoNoSequence(format, year)) ?? 0) + 1
  while (store.holders('byPhotoNo', renderPhotoNo(format, year, n)).length) n++
  return renderPhotoNo(format, year, n)
}

/** The next free 件号 in the filing's year, retention and organisation. */
export function suggestItemNo(store: ArchiveReader, f: Filing): number {
  let n = 1
  while (store.holders('byFiling', filingKey({ ...f, itemNo: n })).length) n++
  return n
}
