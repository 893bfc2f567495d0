// The records area: list, read, create, edit, delete and file records; the batch list.
// Each change is a Change for the kernel, which stamps, derives and checks it.
import { refCodeFor } from '../../../shared/archival'
import type { ApiResults } from '../../../shared/api'
import type { recordsMethods } from '../../../shared/contract/records'
import { ApiError } from '../../../shared/errors'
import type { ArchiveRecord } from '../../../shared/domain'
import { ListCache } from '../../core/list'
import { nextItemNo } from '../../core/numbering'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import { archiveVocabulary, suggestKeywords } from '../../language/keywords'
import { nameCache } from './names'

type Methods = keyof typeof recordsMethods

export function recordsHandlers(svc: ArchiveService): AreaHandlers<Methods> {
  const lists = new ListCache(svc.store)
  const names = nameCache(svc.store)
  return {
    'records.list': async (q) => {
      const ids = lists.ids(q)
      const items = ids.slice(q.offset, q.offset + q.limit).map((id) => svc.summary(svc.record(id)))
      return { total: ids.length, items }
    },
    'records.get': async ({ id }) => {
      const record = svc.record(id)
      return { record, summary: svc.summary(record), links: svc.linksOf(id), tags: record.tags.map((t) => svc.tag(t)) }
    },
    'records.create': async ({ record: draft }) => {
      const res = await svc.apply('records.create', `新建 ${draft.title}`, [{ op: 'create', coll: 'records', value: draft, at: 'record' }])
      return res.get<ArchiveRecord>('records', res.ids[0]!)!
    },
    'records.update': async ({ id, patch, expectedUpdatedAt }) => {
      const before = svc.record(id)
      if (expectedUpdatedAt && expectedUpdatedAt !== before.updatedAt)
        throw new ApiError('conflict', 'record.changed_elsewhere', {}, { details: { updatedAt: before.updatedAt } })
      if (!Object.keys(patch).length) return before // nothing to change, nothing to journal
      const title = typeof patch.title === 'string' ? patch.title : before.title
      const res = await svc.apply('records.update', `修改 ${title}`, [{ op: 'update', coll: 'records', id, patch, at: 'patch' }])
      return res.get<ArchiveRecord>('records', id)!
    },
    'records.delete': async ({ id }) => {
      const before = svc.record(id)
      // The kernel removes its links and lets records of a deleted batch go.
      const res = await svc.apply('records.delete', `删除 ${before.title}`, [{ op: 'delete', coll: 'records', id }])
      return { id, linksRemoved: res.mutations.filter((m) => m.coll === 'links').length }
    },
    'records.file': async ({ id, year, retention, orgCode }) => {
      const before = svc.record(id)
      if (before.kind !== 'report') throw new ApiError('invalid_input', 'record.not_a_report', { kind: before.kind })
      if (before.filing) throw new ApiError('conflict', 'report.already_filed', { refCode: refCodeFor(svc.store.settings, before.filing) })
      const y = year ?? (before.date ? Number(before.date.slice(0, 4)) : NaN)
      if (!Number.isInteger(y)) throw new ApiError('invalid_input', 'report.no_year', {}, { field: 'year' })
      const cls = { year: y, retention: retention ?? before.retention, orgCode: orgCode ?? svc.store.settings.defaultOrgCode }
      const filing = { ...cls, itemNo: nextItemNo(svc.store.records.values(), cls) }
      // Linked photos get the new 档号 as their 参见号 from the kernel.
      const res = await svc.apply('records.file', `归档 ${before.title}`, [{ op: 'update', coll: 'records', id, patch: { filing, retention: cls.retention } }])
      return res.get<ArchiveRecord>('records', id)!
    },
    'batches.list': async () => {
      const batches = [...svc.store.records.values()].filter((r) => r.kind === 'batch')
      const stats = new Map(batches.map((b) => [b.id, { counts: { report: 0, achievement: 0, photo: 0 }, byArea: {} as Record<string, number> }]))
      for (const r of svc.store.records.values()) {
        if (r.kind === 'batch' || !r.batchId) continue
        const s = stats.get(r.batchId)
        if (!s) continue
        s.counts[r.kind]++
        if (r.kind === 'achievement' && r.area) s.byArea[r.area] = (s.byArea[r.area] ?? 0) + 1
      }
      return batches.sort((a, b) => a.number - b.number).map((batch) => ({ batch, ...stats.get(batch.id)! })) as ApiResults['batches.list']
    },
    // In this thread: jieba loads once per process (~0.35 s, on the first call, not at
    // startup) and then takes milliseconds, ~40 ms at the 200,000-character cap.
    'records.suggestKeywords': async ({ text, limit, exclude }) => ({
      words: suggestKeywords(text, { limit, exclude, vocabulary: archiveVocabulary(svc.store) }),
    }),
    'records.names': async ({ field, limit }) => ({ names: names(field).slice(0, limit) }),
  }
}
