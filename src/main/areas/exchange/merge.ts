// One merge for packages and sync: another archive's leaves in, the kernel's changes out.
// Per item, the leaves of both sides are settled (leaves.ts): the first is what the archive
// shows, the rest stay as a conflict for the user. Then what the merged items would break is
// found by the archive's own rules (Kernel.violations) and mended by rule, the same way on
// every archive, so both sides reach the same state:
// - references to items deleted here (a tag, a batch, a group, a link's end) are let go;
// - numbers that must be unique (照片号, 档号's 件号, batch numbers): the older record keeps
//   it, the other is set aside and a number conflict says so, with a number to give it instead;
// - a tag path or a link made on both sides: one is kept.
// The kernel then checks every rule again and commits the lot as one journal entry.
import type { ExchangedColl, MergeCounts, PreviewItem } from '../../../shared/contract/exchange'
import type { ArchiveRecord, Conflict, ConflictLeaf, RecordKind } from '../../../shared/domain'
import type { Change, VersionSpec } from '../../core/kernel/changes'
import type { Violation } from '../../core/rules'
import { ApiError } from '../../../shared/errors'
import { same } from '../../core/same'
import type { ArchiveReader } from '../../core/store/reader'
import { canonical, compare, localLeaves, sameContent, settle, type Leaf } from './leaves'

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

/** What a merge reads: the archive, and the kernel that names what a change would break. */
export interface MergeHost {
  store: ArchiveReader
  kernel: { violations(changes: Change[]): Violation[] }
}

export function planMerge(host: MergeHost, incoming: Leaf[], now: string): MergePlan {
  const store = host.store
  const counts: MergeCounts = { added: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, files: 0 }
  const items: PreviewItem[] = []
  const byKey = new Map<string, Leaf[]>()
  for (const l of incoming) {
    const key = `${l.coll}/${l.id}`
    ;(byKey.get(key) ?? byKey.set(key, []).get(key)!).push(l)
  }
  const planned = new Map<string, Planned>()
  const conflicts = new Map<string, Conflict | null>()
  /** A record's title, here or arriving (for a link's two ends). */
  const recordTitle = (id: string) => String((store.records.get(id)?.title ?? byKey.get(`records/${id}`)?.find((l) => l.value)?.value?.title) || id)
  const note = (change: PreviewItem['change'], l: Leaf, value: Value | null) => {
    if (items.length < PREVIEW_MAX) items.push({ change, coll: l.coll as ExchangedColl, id: l.id, title: titleOf(l.coll, value, recordTitle), ...(l.coll === 'records' && value ? { recordKind: value.kind as RecordKind } : {}) })
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
      if (itemChanged || versionChanged) planned.set(key, { leaf: win!, value: win!.value, spec: { vv: win!.vv, keep: true, at: win!.at, from: win!.from } })
      continue
    }
    // A 照片号 is issued by the archive whose user files the photo: one arriving without a number is left so.
    if (itemChanged || versionChanged) planned.set(key, { leaf: win!, value: win!.value, spec: { vv: win!.vv, keep: true, at: win!.at, from: win!.from, hold: first.coll === 'records' } })
    const had = store.conflicts.get(key)
    // Labelled by the replica that made the version (not by who carried it here): every archive stores the same conflict.
    const leaves: ConflictLeaf[] = lost.map((l) => ({ vv: l.vv, value: l.value, from: l.from, fromName: '', at: l.at }))
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

  const extra = mend(host, planned, conflicts, now)
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

/** A name for the preview and the conflict list. */
export function titleOf(coll: Leaf['coll'], v: Value | null, record: (id: string) => string = (id) => id): string {
  if (!v) return ''
  if (coll === 'tags') return String(v.path ?? '')
  if (coll === 'links') return `${record(String(v.from ?? ''))} → ${record(String(v.to ?? ''))}`
  if (coll === 'savedSearches') return String(v.name ?? '')
  return String(v.title ?? '')
}

/**
 * Mends what the planned items would break, by the archive's own rules (the kernel names
 * every violation; nothing here re-implements a check), the same way on every archive: the
 * older holder keeps a number, the smaller id keeps a tag path or a link. Returns changes to
 * items of this archive that were not planned (a local record giving up a number it shares
 * with an older one from the other side).
 */
function mend(host: MergeHost, planned: Map<string, Planned>, conflicts: Map<string, Conflict | null>, now: string): Change[] {
  const store = host.store
  /** Local records changed by the mending (not planned): their patches, and the version to start from. */
  const patched = new Map<string, { patch: Value; version?: VersionSpec }>()
  const patch = (id: string, p: Value, version?: VersionSpec) => {
    const had = patched.get(id)
    patched.set(id, { patch: { ...had?.patch, ...p }, version: version ?? had?.version })
  }
  const get = <T extends Value>(coll: Leaf['coll'], id: string): T | null => {
    const p = planned.get(`${coll}/${id}`)
    if (p) return p.value as T | null
    const v = ((store[coll] as ReadonlyMap<string, unknown>).get(id) as T | undefined) ?? null
    return v && coll === 'records' && patched.has(id) ? ({ ...v, ...patched.get(id)!.patch } as T) : v
  }
  /** A planned item changed here after the merge: it becomes this archive's change (its clock on top). */
  const alter = (p: Planned, value: Value | null, hold = false) => {
    p.value = value
    p.spec = { vv: p.spec.vv, keep: false, hold: hold || !!p.spec.hold }
  }
  /** Changes a record, planned or this archive's own. */
  const setRecord = (id: string, fields: Value, hold = false) => {
    const p = planned.get(`records/${id}`)
    if (p?.value) alter(p, { ...p.value, ...fields }, hold)
    else patch(id, fields, hold ? { vv: store.versions.get(`records/${id}`)?.vv ?? {}, keep: false, hold: true } : undefined)
  }
  /** Deletes a tag or link, planned or this archive's own (a tombstone above its version). */
  const remove = (coll: 'tags' | 'links', id: string) => {
    const key = `${coll}/${id}`
    const p = planned.get(key)
    if (p) alter(p, null)
    else planned.set(key, { leaf: leafOf(coll, id, store), value: null, spec: { vv: store.versions.get(key)?.vv ?? {}, keep: false } })
  }
  const records = () => {
    const out = new Map<string, ArchiveRecord>()
    for (const r of store.records.values()) out.set(r.id, r)
    for (const p of planned.values()) if (p.leaf.coll === 'records') p.value ? out.set(p.leaf.id, p.value as unknown as ArchiveRecord) : out.delete(p.leaf.id)
    return [...out.keys()].map((id) => get<ArchiveRecord & Value>('records', id)!).filter(Boolean)
  }
  const older = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  let batchMax = Math.max(0, ...records().map((r) => (r.kind === 'batch' ? r.number : 0)))

  const changesNow = (): Change[] => [
    ...[...planned.values()].filter((p) => p.leaf.coll !== 'conflicts').map((p): Change => (p.value ? { op: 'restore', coll: p.leaf.coll, id: p.leaf.id, value: p.value, version: p.spec } : { op: 'delete', coll: p.leaf.coll, id: p.leaf.id, version: p.spec })),
    ...[...patched].map(([id, x]): Change => ({ op: 'update', coll: 'records', id, patch: x.patch, ...(x.version ? { version: x.version } : {}) })),
  ]

  const NUMBER: Record<string, 'photoNo' | 'filing' | 'number'> = { photo_no_unique: 'photoNo', ref_code_unique: 'filing', batch_number_unique: 'number' }
  for (let round = 0; round < 8; round++) {
    const found = host.kernel.violations(changesNow())
    if (!found.length) break
    for (const v of found) {
      const field = NUMBER[v.rule]
      if (field) {
        // One number, several records: the oldest keeps it; the others wait for the user.
        const holders = v.ids.map((id) => get<ArchiveRecord & Value>('records', id)).filter((r): r is ArchiveRecord & Value => !!r).sort(older)
        const [keeper, ...others] = holders
        const display = field === 'photoNo' ? String(v.params.photoNo ?? '') : field === 'filing' ? String(v.params.refCode ?? '') : String(v.params.number ?? '')
        for (const o of others) {
          const aside: Value = field === 'photoNo' ? { photoNo: '' } : field === 'filing' ? { filing: null } : { number: ++batchMax }
          setRecord(o.id, aside, field === 'photoNo')
          const id = `records/${o.id}#${field}`
          const next: Conflict = { id, kind: 'number', coll: 'records', itemId: o.id, leaves: [], number: { field, value: display, holderId: keeper!.id, ...(field === 'number' ? { given: String(aside.number) } : {}) }, at: now }
          // Already known (found here before, or arriving from the archive that found it): kept as it is.
          const known = planned.get(`conflicts/${id}`)?.value ?? store.conflicts.get(id) ?? null
          if (!known || !sameConflict(known as unknown as Conflict, next)) conflicts.set(id, next)
        }
      } else if (v.rule === 'tag_path_unique') {
        // One tag per path: the smaller id stays, and the records carrying the others carry it.
        const [keeper, ...gone] = [...v.ids].sort()
        for (const t of gone) remove('tags', t)
        for (const r of records()) if (r.tags.some((t) => gone.includes(t))) setRecord(r.id, { tags: [...new Set(r.tags.map((t) => (gone.includes(t) ? keeper! : t)))] })
      } else if (v.rule === 'link_unique') {
        for (const id of [...v.ids].sort().slice(1)) remove('links', id)
      } else if (v.rule === 'link_ends_exist') {
        // A link to a record deleted on one side goes with the record.
        remove('links', v.ids[0]!)
      } else if (v.rule === 'tag_exists') {
        const r = get<ArchiveRecord & Value>('records', v.ids[0]!)
        if (r) setRecord(r.id, { tags: r.tags.filter((t) => get('tags', t)) })
      } else if (v.rule === 'batch_ref') setRecord(v.ids[0]!, { batchId: null })
      else if (v.rule === 'group_ref') setRecord(v.ids[0]!, { groupId: null })
      // Anything else is an item no archive should hold (its dates out of order, a link to
      // itself): the merge is refused, naming it, and nothing changes.
      else throw new ApiError(v.code, v.reason, v.params, { rule: v.rule, ...(v.field ? { field: v.field } : {}), details: { ids: v.ids.slice(0, 50) } })
    }
  }
  const extra = [...patched].map(([id, x]): Change => ({ op: 'update', coll: 'records', id, patch: x.patch, ...(x.version ? { version: x.version } : {}) }))

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
