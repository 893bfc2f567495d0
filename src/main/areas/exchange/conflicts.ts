// Open conflicts as the user sees them, and settling one. A settled conflict is one change
// whose version is above every version it settles (the kernel adds this replica's clock on
// top of their join), so the settlement travels back and the other archive takes it as a
// plain update instead of a new conflict.
import type { ConflictView, Resolution } from '../../../shared/contract/exchange'
import type { ArchiveRecord, Conflict, VersionVector } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Change } from '../../core/kernel/changes'
import type { ArchiveService } from '../../core/service'
import { same } from '../../core/same'
import { join } from './leaves'
import { nextPhotoNo } from '../../core/kernel/derive'
import { Draft } from '../../core/kernel/draft'
import { nextItemNo } from '../../core/numbering'
import { titleOf } from './merge'

type Value = Record<string, unknown>
const STAMPS = new Set(['updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'id'])

function currentOf(svc: ArchiveService, c: Conflict): Value | null {
  return ((svc.store[c.coll] as ReadonlyMap<string, unknown>).get(c.itemId) as Value | undefined) ?? null
}

export function differing(a: Value | null, b: Value | null): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])
  return [...keys].filter((k) => !STAMPS.has(k) && !same(a?.[k], b?.[k]))
}

export function conflictViews(svc: ArchiveService): ConflictView[] {
  const out: ConflictView[] = []
  for (const c of svc.store.conflicts.values()) {
    const current = currentOf(svc, c)
    const shown = current ?? c.leaves.find((l) => l.value)?.value ?? null
    const view: ConflictView = {
      id: c.id,
      kind: c.kind,
      coll: c.coll,
      itemId: c.itemId,
      title: titleOf(c.coll, shown, (id) => svc.store.records.get(id)?.title ?? id),
      ...(c.coll === 'records' && shown ? { recordKind: shown.kind as ArchiveRecord['kind'] } : {}),
      current,
      others: c.leaves.map((l) => ({ value: l.value, from: l.from, fromName: l.fromName, at: l.at })),
      fields: differing(current, c.leaves[0]?.value ?? null),
      at: c.at,
    }
    if (c.kind === 'number' && c.number && current) {
      const r = current as unknown as ArchiveRecord
      const holder = svc.store.records.get(c.number.holderId)
      // What issuing would give: the sequence's next 照片号, the class's next 件号.
      const suggestion =
        c.number.field === 'photoNo' && r.kind === 'photo'
          ? nextPhotoNo(new Draft(svc.store), r, new Date().toISOString()).photoNo
          : c.number.field === 'filing' && r.kind === 'report'
            ? String(nextItemNo(svc.store.records.values(), holder?.kind === 'report' && holder.filing ? holder.filing : { year: new Date().getFullYear(), retention: r.retention, orgCode: svc.store.settings.defaultOrgCode }))
            : r.kind === 'batch'
              ? String(r.number)
              : ''
      view.number = { field: c.number.field, value: c.number.value, holderId: c.number.holderId, holderTitle: holder?.title ?? '', suggestion }
    }
    out.push(view)
  }
  return out.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1))
}

export async function resolveConflict(svc: ArchiveService, id: string, res: Resolution): Promise<{ seq: number; remaining: number }> {
  const c = svc.store.conflicts.get(id)
  if (!c) throw new ApiError('not_found', 'conflict.not_found', { id }, { field: 'id' })
  const current = currentOf(svc, c)
  const key = `${c.coll}/${c.itemId}`
  const changes: Change[] = [{ op: 'delete', coll: 'conflicts', id }]
  const title = titleOf(c.coll, current ?? c.leaves[0]?.value ?? null, (rid) => svc.store.records.get(rid)?.title ?? rid)

  if (c.kind === 'number') {
    if (res.take !== 'number' || !c.number || !current) throw new ApiError('invalid_input', 'conflict.wrong_resolution', {}, { field: 'resolution' })
    changes.push({ op: 'update', coll: 'records', id: c.itemId, patch: numberPatch(svc, c, current as unknown as ArchiveRecord, res.value ?? '') })
  } else {
    if (res.take === 'number') throw new ApiError('invalid_input', 'conflict.wrong_resolution', {}, { field: 'resolution' })
    // Above every version settled: the item's own and each other version's.
    let vv: VersionVector = svc.store.versions.get(key)?.vv ?? {}
    for (const l of c.leaves) vv = join(vv, l.vv)
    const version = { vv, keep: false }
    const pick = (index: number) => {
      const l = c.leaves[index]
      if (!l) throw new ApiError('invalid_input', 'conflict.no_such_version', { index }, { field: 'resolution.index' })
      return l.value
    }
    let next: Value | null = current
    if (res.take === 'other') next = pick(res.index ?? 0)
    else if (res.take === 'fields') {
      const other = pick(res.index ?? 0)
      const diff = differing(current, other)
      for (const f of res.fields) if (!diff.includes(f)) throw new ApiError('invalid_input', 'conflict.unknown_field', { field: f }, { field: 'resolution.fields' })
      if (!current || !other) throw new ApiError('invalid_input', 'conflict.wrong_resolution', {}, { field: 'resolution' })
      next = { ...current }
      for (const f of res.fields) next[f] = other[f]
    }
    if (next) changes.push({ op: 'restore', coll: c.coll, id: c.itemId, value: next, version })
    else changes.push({ op: 'delete', coll: c.coll, id: c.itemId, version: { ...version } })
    // Nothing to delete here (deleted on both sides in the end): the tombstone still takes the new version.
    if (!next && !current) changes[changes.length - 1] = { op: 'delete', coll: c.coll, id: c.itemId, version: { ...version, keep: false } }
  }
  const summary = `处理冲突：${title}`
  const applied = await svc.apply('exchange.resolve', summary, changes)
  return { seq: applied.seq, remaining: svc.store.conflicts.size }
}

function numberPatch(svc: ArchiveService, c: Conflict, r: ArchiveRecord, value: string): Value {
  const field = c.number!.field
  if (field === 'photoNo') return { photoNo: value === '' ? null : value }
  if (field === 'filing') {
    if (r.kind !== 'report') throw new ApiError('invalid_input', 'conflict.wrong_resolution', {}, { field: 'resolution' })
    const holder = svc.store.records.get(c.number!.holderId)
    const base = holder?.kind === 'report' && holder.filing ? holder.filing : null
    const n = value === '' && base ? nextItemNo(svc.store.records.values(), base) : Number(value)
    if (!base || !Number.isInteger(n) || n < 1 || n > 9999) throw new ApiError('invalid_input', 'conflict.number_unreadable', { value }, { field: 'resolution.value' })
    // A 件号 already held is refused by the kernel's rule, like any edit.
    return { filing: { ...base, itemNo: n } }
  }
  const n = Number(value === '' ? (r.kind === 'batch' ? r.number : NaN) : value)
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new ApiError('invalid_input', 'conflict.number_unreadable', { value }, { field: 'resolution.value' })
  return { number: n }
}
