// Taking another archive's leaves: their files first (verified, content-addressed, so a
// file written for a merge that is then refused is harmless), then one kernel change with
// a backup before it and the source named in the journal.
import type { MergeCounts } from '../../../shared/contract/exchange'
import type { ArchiveService } from '../../core/service'
import type { HeaderExtra } from '../../core/store/journal'
import { putFile } from '../../media/files'
import type { Leaf } from './leaves'
import { planMerge } from './merge'
import type { ReadPackage } from './package'

export const MERGE_METHOD = 'exchange.merge'

export async function mergeLeaves(svc: ArchiveService, leaves: Leaf[], from: NonNullable<HeaderExtra['from']>): Promise<{ seq: number; counts: MergeCounts; backup: string | null }> {
  const plan = planMerge(svc.store, leaves, new Date().toISOString())
  if (!plan.changes.length) return { seq: svc.store.seq, counts: plan.counts, backup: null }
  const c = plan.counts
  const summary = `从「${from.name}」合并：新增 ${c.added}，更新 ${c.updated}，删除 ${c.deleted}，冲突 ${c.conflicts}`
  const applied = await svc.apply(MERGE_METHOD, summary, plan.changes, { from })
  return { seq: applied.seq, counts: plan.counts, backup: applied.backup ?? null }
}

export async function applyPackage(svc: ArchiveService, pkg: ReadPackage, source: string) {
  let files = 0
  for (const [, data] of pkg.files) {
    await putFile(svc.store.dir, data, '', '')
    files++
  }
  const res = await mergeLeaves(svc, pkg.leaves, { archive: pkg.meta.archiveId, name: pkg.meta.name, via: 'package', source })
  return { ...res, counts: { ...res.counts, files } }
}
