// Edits at scale, each committed as one journal entry so that one undo reverses it whole.
import type { ApiParsedInput } from '../../shared/api'
import type { Link } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import type { ArchiveService } from '../core/service'
import type { Mutation } from '../core/store/journal'

export async function bulkUpdate(svc: ArchiveService, { ids, patch }: ApiParsedInput<'records.bulkUpdate'>) {
  if (patch.batchId === undefined && patch.area === undefined) throw new ApiError('invalid_input', 'Nothing to change: give batchId or area.')
  if (patch.batchId) {
    const b = svc.record(patch.batchId)
    if (b.kind !== 'batch') throw new ApiError('invalid_input', `batchId ${patch.batchId} is not a batch.`, { field: 'batchId' })
  }
  const now = new Date().toISOString()
  const changes: Mutation[] = []
  for (const id of new Set(ids)) {
    const r = svc.record(id)
    if (r.kind === 'batch') continue // a batch has no batch or area of its own
    const next = { ...r, ...(patch.batchId !== undefined ? { batchId: patch.batchId } : {}), ...(patch.area !== undefined ? { area: patch.area } : {}) }
    if (next.batchId === r.batchId && next.area === r.area) continue
    changes.push({ coll: 'records', id, before: r, after: { ...next, updatedAt: now, updatedBy: svc.user } })
  }
  const what = [patch.batchId !== undefined ? '批次' : '', patch.area !== undefined ? '领域' : ''].filter(Boolean).join('、')
  await svc.commit('records.bulkUpdate', `批量修改${what} × ${changes.length}`, changes)
  return { changed: changes.length }
}

export async function bulkDelete(svc: ArchiveService, { ids }: ApiParsedInput<'records.bulkDelete'>) {
  const set = new Set(ids)
  const records = [...set].map((id) => svc.record(id))
  const changes: Mutation[] = []
  // Links first so that at no point does a link point at a missing record.
  for (const l of svc.store.links.values()) if (set.has(l.from) || set.has(l.to)) changes.push({ coll: 'links', id: l.id, before: l, after: null })
  const linksRemoved = changes.length
  const now = new Date().toISOString()
  const deletedBatches = new Set(records.filter((r) => r.kind === 'batch').map((r) => r.id))
  if (deletedBatches.size)
    for (const r of svc.store.records.values())
      if (r.kind !== 'batch' && r.batchId && deletedBatches.has(r.batchId) && !set.has(r.id))
        changes.push({ coll: 'records', id: r.id, before: r, after: { ...r, batchId: null, updatedAt: now, updatedBy: svc.user } })
  for (const r of records) changes.push({ coll: 'records', id: r.id, before: r, after: null })
  await svc.commit('records.bulkDelete', `批量删除 ${records.length} 条`, changes)
  return { deleted: records.length, linksRemoved }
}

export async function bulkLink(svc: ArchiveService, { ids, target, type, direction, note }: ApiParsedInput<'links.bulkCreate'>) {
  const t = svc.record(target)
  const now = new Date().toISOString()
  const changes: Mutation[] = []
  let skipped = 0
  // Existing links of this type, either way round (one pass, not one per selected record).
  const linked = new Set<string>()
  for (const l of svc.store.links.values()) if (l.type === type) linked.add(`${l.from}\u0000${l.to}`).add(`${l.to}\u0000${l.from}`)
  for (const id of new Set(ids)) {
    svc.record(id)
    if (id === target) {
      skipped++
      continue
    }
    const [from, to] = direction === 'out' ? [id, target] : [target, id]
    if (linked.has(`${from}\u0000${to}`)) {
      skipped++
      continue
    }
    const link: Link = { id: newId('link'), from, to, type, note: note ?? '', createdAt: now, createdBy: svc.user }
    changes.push({ coll: 'links', id: link.id, before: null, after: link })
  }
  await svc.commit('links.bulkCreate', `批量关联 ${changes.length} 条 → ${t.title}`, changes)
  return { created: changes.length, skipped }
}
