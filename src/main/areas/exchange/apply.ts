// Taking another archive's leaves: their files first (verified, content-addressed, so a
// file written for a merge that is then refused is harmless), then one kernel change with
// a backup before it and the source named in the journal.
import type { MergeCounts } from '../../../shared/contract/exchange'
import type { ArchiveService } from '../../core/service'
import type { HeaderExtra } from '../../core/store/journal'
import { stat } from 'node:fs/promises'
import { filePath, putFile } from '../../media/files'
import type { Leaf } from './leaves'
import { planMerge } from './merge'
import type { ReadPackage } from './package'

export const MERGE_METHOD = 'exchange.merge'

export async function mergeLeaves(svc: ArchiveService, leaves: Leaf[], from: NonNullable<HeaderExtra['from']>): Promise<{ seq: number; counts: MergeCounts; backup: string | null }> {
  const plan = planMerge(svc, leaves, new Date().toISOString())
  if (!plan.changes.length) return { seq: svc.store.seq, counts: plan.counts, backup: null }
  const c = plan.counts
  const summary = `从「${from.name}」合并：新增 ${c.added}，更新 ${c.updated}，删除 ${c.deleted}，冲突 ${c.conflicts}`
  const applied = await svc.apply(MERGE_METHOD, summary, plan.changes, { from })
  return { seq: applied.seq, counts: plan.counts, backup: applied.backup ?? null }
}

/** Files of a package this archive does not hold yet (the rest are skipped: content-addressed). */
export async function newFiles(dir: string, files: ReadonlyMap<string, Uint8Array>): Promise<string[]> {
  const out: string[] = []
  for (const [sha, data] of files) {
    const have = await stat(filePath(dir, sha)).then(
      (s) => s.size === data.length,
      () => false,
    )
    if (!have) out.push(sha)
  }
  return out
}

export async function applyPackage(svc: ArchiveService, pkg: ReadPackage, source: string) {
  const fresh = await newFiles(svc.store.dir, pkg.files)
  for (const sha of fresh) await putFile(svc.store.dir, pkg.files.get(sha)!, '', '')
  const files = fresh.length
  const res = await mergeLeaves(svc, pkg.leaves, { archive: pkg.meta.archiveId, name: pkg.meta.name, via: 'package', source })
  return { ...res, counts: { ...res.counts, files } }
}
