// Report import: the original is kept as an attachment (content-addressed, untouched),
// its text becomes the searchable body, and 题名/日期/文号/责任者 and 主题词 are filled with
// what the text suggests (returned too, so the UI can ask the user to confirm).
import type { ReportImportResult } from '../../../shared/contract/intake'
import type { ReportRecord } from '../../../shared/domain'
import type { ArchiveService } from '../../core/service'
import type { Change } from '../../core/kernel/changes'
import { newId } from '../../core/ids'
import { putFile, sha256 } from '../../media/files'
import { withParser } from './offthread'
import { refusalData } from './refusal'
import { documentKeywords, guessReportType, suggestReport } from './suggest'
import { archiveVocabulary, suggestKeywords } from '../../language/keywords'

export interface ReportSource {
  name: string
  data: Buffer
}

/**
 * 主题词: the document's own, else suggested from its text. Computed here, beside the other
 * suggestions, not in the parse worker: jieba is native code (its ~90 MB of dictionaries are
 * outside any V8 heap limit) and would load again in every worker; here it loads once per
 * process and takes milliseconds a file (the text is capped). A failure leaves no 主题词 and
 * never fails the file.
 */
function keywordsFor(text: string, title: string, property: string | undefined, vocabulary: () => Iterable<string>): string[] {
  try {
    const own = documentKeywords(text, property)
    if (own.length) return own
    return suggestKeywords(text.includes(title) ? text : `${title}\n${text}`, { vocabulary: vocabulary() })
  } catch {
    return []
  }
}

export async function importReports(svc: ArchiveService, sources: ReportSource[], opts: { batchId?: string | null } = {}): Promise<ReportImportResult> {
  const res: ReportImportResult = { imported: [], duplicates: [], failed: [] }
  const known = new Map<string, string>()
  for (const r of svc.store.records.values()) if (r.kind === 'report') for (const a of r.attachments) known.set(a.sha256, r.id)
  const changes: Change[] = []
  // One parse worker for the batch, files in turn: a file that kills it fails alone.
  await withParser(async (parser) => {
    for (const src of sources) {
      try {
        const hash = sha256(src.data)
        const dup = known.get(hash)
        if (dup) {
          res.duplicates.push({ name: src.name, existingId: dup })
          continue
        }
        // The text comes capped at what a body keeps (limits.ts textChars).
        const { text, pages, mime, title, keywords: keywordsProperty } = await parser.text(src.name, src.data)
        const suggested = suggestReport(text, src.name, { title })
        const keywords = keywordsFor(text, suggested.title, keywordsProperty, () => archiveVocabulary(svc.store))
        const id = newId('report')
        const value: Partial<ReportRecord> = {
          id, kind: 'report', title: suggested.title || src.name, date: suggested.date, docNumber: suggested.docNumber,
          responsible: suggested.responsible, reportType: guessReportType(text, src.name), pages, body: text, keywords,
          // 来源 is where a document came from (a newspaper, an office), not its file name: the
          // name stays with the original (attachments) and the user fills 来源 when it matters.
          batchId: opts.batchId ?? null,
        }
        // Checked alone first, so one bad file fails alone; stored only once the text is out
        // and the record is valid, so a failure leaves nothing behind.
        svc.kernel.plan([{ op: 'create', coll: 'records', value }])
        const file = await putFile(svc.store.dir, src.data, src.name.slice(0, 500), mime)
        known.set(hash, id)
        changes.push({ op: 'create', coll: 'records', value: { ...value, attachments: [file] } })
        res.imported.push({ id, name: src.name, suggested, keywords, chars: text.length })
      } catch (e) {
        res.failed.push({ name: src.name, error: refusalData(e) })
      }
    }
  })
  if (changes.length) await svc.apply('intake.reports', `导入文书 ${changes.length} 件`, changes)
  return res
}
