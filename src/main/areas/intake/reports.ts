// Report import: the original is kept as an attachment (content-addressed, untouched),
// its text becomes the searchable body, and 题名/日期/文号/责任者 are filled with what the
// text suggests (returned too, so the UI can ask the user to confirm).
import type { ReportImportResult } from '../../../shared/contract/intake'
import type { ReportRecord } from '../../../shared/domain'
import type { ArchiveService } from '../../core/service'
import type { Change } from '../../core/kernel/changes'
import { ApiError, type ErrorData } from '../../../shared/errors'
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
  const changes: Change[] = []
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
      const id = newId('report')
      const value: Partial<ReportRecord> = {
        id, kind: 'report', title: suggested.title || src.name, date: suggested.date, docNumber: suggested.docNumber,
        responsible: suggested.responsible, reportType: guessReportType(text, src.name), pages, body: text.slice(0, BODY_MAX),
        source: src.name.slice(0, 500), batchId: opts.batchId ?? null,
      }
      // Checked alone first, so one bad file fails alone; stored only once the text is out
      // and the record is valid, so a failure leaves nothing behind.
      svc.kernel.plan([{ op: 'create', coll: 'records', value }])
      const file = await putFile(svc.store.dir, src.data, src.name.slice(0, 500), mime)
      known.set(hash, id)
      changes.push({ op: 'create', coll: 'records', value: { ...value, attachments: [file] } })
      res.imported.push({ id, name: src.name, suggested, chars: text.length })
    } catch (e) {
      res.failed.push({ name: src.name, error: errorData(e) })
    }
  }
  if (changes.length) await svc.apply('intake.reports', `导入文书 ${changes.length} 件`, changes)
  return res
}

function errorData(e: unknown): ErrorData {
  if (e instanceof ExtractFailure) return { reason: e.reason, params: e.params }
  const err = ApiError.from(e)
  return { reason: err.reason, params: err.params, ...(err.field ? { field: err.field } : {}) }
}
