// Report import: the original is kept as an attachment (content-addressed, untouched),
// its text becomes the searchable body, and 题名/日期/文号/责任者 are filled with what the
// text suggests (returned too, so the UI can ask the user to confirm).
import type { ReportImportResult } from '../../../shared/contract/intake'
import type { ReportRecord } from '../../../shared/domain'
import type { ArchiveService } from '../../core/service'
import type { Mutation } from '../../core/store/journal'
import { newId } from '../../core/ids'
import { putFile, sha256 } from '../../media/files'
import { ExtractFailure, extractText } from './extract'
import { guessReportType, suggestReport } from './suggest'

export interface ReportSource {
  name: string
  data: Buffer
}

const BODY_MAX = 2_000_000

export async function importReports(svc: ArchiveService, sources: ReportSource[], opts: { batchId?: string | null } = {}): Promise<ReportImportResult> {
  const res: ReportImportResult = { imported: [], duplicates: [], failed: [] }
  const known = new Map<string, string>()
  for (const r of svc.store.records.values()) if (r.kind === 'report') for (const a of r.attachments) known.set(a.sha256, r.id)
  const changes: Mutation[] = []
  for (const src of sources) {
    try {
      const hash = sha256(src.data)
      const dup = known.get(hash)
      if (dup) {
        res.duplicates.push({ name: src.name, existingId: dup })
        continue
      }
      const { text, pages, mime } = await extractText(src.name, src.data)
      const suggested = suggestReport(text, src.name)
      const now = new Date().toISOString()
      const id = newId('report')
      const candidate: Partial<ReportRecord> = {
        id, kind: 'report', title: suggested.title || src.name, date: suggested.date, docNumber: suggested.docNumber,
        responsible: suggested.responsible, reportType: guessReportType(text, src.name), pages, body: text.slice(0, BODY_MAX),
        source: src.name.slice(0, 500), batchId: opts.batchId ?? null,
        createdAt: now, updatedAt: now, createdBy: svc.user, updatedBy: svc.user,
      }
      const record = svc.validate(candidate)
      // Stored only once the text is out and the record is valid: a failure leaves nothing behind.
      const file = await putFile(svc.store.dir, src.data, src.name.slice(0, 500), mime)
      const after = { ...record, attachments: [file] }
      known.set(hash, id)
      changes.push({ coll: 'records', id, before: null, after })
      res.imported.push({ id, name: src.name, suggested, chars: text.length })
    } catch (e) {
      const reason = e instanceof ExtractFailure ? e.message : (e as Error).message.split('\n')[0]!
      res.failed.push({ name: src.name, reason })
    }
  }
  if (changes.length) await svc.commit('intake.reports', `导入文书 ${changes.length} 件`, changes)
  return res
}
