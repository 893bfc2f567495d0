// Edits at scale, each committed as one journal entry so that one undo reverses it whole.
// The kernel does the rest: a deleted record's links go with it, a deleted batch's records
// let go of it, and batch references are checked (rule batch_ref).
import type { ApiParsedInput } from '../../../shared/api'
import { ApiError } from '../../../shared/errors'
import type { Change } from '../../core/kernel/changes'
import type { ArchiveService } from '../../core/service'

export async function bulkUpdate(svc: ArchiveService, { ids, patch }: ApiParsedInput<'records.bulkUpdate'>) {
  if (patch.batchId === undefined && patch.area === undefined) throw new ApiError('invalid_input', 'bulk.nothing')
  if (patch.batchId && svc.record(patch.batchId).kind !== 'batch')
    throw new ApiError('invalid_input', 'record.not_a_batch', { id: patch.batchId }, { field: 'batchId' })
  const changes: Change[] = []
  for (const id of new Set(ids)) {
    const r = svc.record(id)
    if (r.kind === 'batch') continue // a batch has no batch or area of its own
    const p: Record<string, unknown> = {}
    if (patch.batchId !== undefined && patch.batchId !== r.batchId) p.batchId = patch.batchId
    if (patch.area !== undefined && patch.area !== r.area) p.area = patch.area
    if (Object.keys(p).length) changes.push({ op: 'update', coll: 'records', id, patch: p })
  }
  const what = [patch.batchId !== undefined ? '批次' : '', patch.area !== undefined ? '领域' : ''].filter(Boolean).join('、')
  await svc.apply('records.bulkUpdate', `批量修改${what} × ${changes.length}`, changes)
  return { changed: changes.length }
}

export async function bulkDelete(svc: ArchiveService, { ids }: ApiParsedInput<'records.bulkDelete'>) {
  const records = [...new Set(ids)].map((id) => svc.record(id))
  const res = await svc.apply(
    'records.bulkDelete',
    `批量删除 ${records.length} 条`,
    records.map((r) => ({ op: 'delete', coll: 'records', id: r.id })),
  )
  return { deleted: records.length, linksRemoved: res.mutations.filter((m) => m.coll === 'links').length }
}
