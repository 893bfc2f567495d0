// Test support: the demo archive plus filed reports in two 年度/保管期限 classes, and
// readers that open an export's bytes the way office software would.
import { unzipSync, strFromU8 } from 'fflate'
import type { ApiInput } from '../../../shared/api'
import { dispatch, openArchive, type ArchiveService } from '../../app'
import { tmpDir } from '../../test-support/tmp'

export async function demoArchive(): Promise<ArchiveService> {
  const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
  await dispatch(svc, 'archive.loadDemo', {})
  await dispatch(svc, 'records.file', { id: 'rep_seed_article' })
  const reports = [
    { id: 'rep_brief_1', title: '援疆工作简报第1期', docNumber: '晋援疆简〔2024〕1号', responsible: '山西援疆前方指挥部', date: '2024-03-05', pages: 4, retention: 'Y' },
    { id: 'rep_brief_2', title: '关于阜康市干熄焦项目的情况说明', titleSupplied: true, responsible: '办公室', date: '2024-09-12', pages: 2, retention: 'Y', classification: '秘密', remarks: '复印件' },
    { id: 'rep_notice', title: '关于做好2024年度归档工作的通知', docNumber: '晋援疆办〔2024〕7号', responsible: '办公室', date: '2024-11', pages: 1, retention: 'D10' },
  ] as const
  for (const r of reports) {
    await dispatch(svc, 'records.create', { record: { kind: 'report', batchId: 'bat_shanxi5', ...r } as ApiInput<'records.create'>['record'] })
    await dispatch(svc, 'records.file', { id: r.id })
  }
  // Unfiled: has no place in a catalogue.
  await dispatch(svc, 'records.create', { record: { id: 'rep_draft', kind: 'report', title: '未归档的草稿', date: '2024-01-01' } })
  return svc
}

export const bytesOf = (f: { base64: string }) => new Uint8Array(Buffer.from(f.base64, 'base64'))

/** The parts of an OOXML (or any zip) file, text parts decoded. */
export function unzipText(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = /\.(xml|rels|txt|md|json)$/.test(name) ? strFromU8(data) : `<${data.length} bytes>`
  return out
}
