// Bulk import of an existing 归档文件目录 (CSV or XLSX): columns mapped by header (Chinese
// or the field names), every row validated as a report, a preview and per-row errors
// returned before anything is written; on commit only valid rows are written, in one change.
import type { CatalogueResult } from '../../../shared/contract/intake'
import { parseHumanDate } from '../../../shared/dates'
import { ApiError } from '../../../shared/errors'
import type { ArchiveService } from '../../core/service'
import type { Change } from '../../core/kernel/changes'
import { newId } from '../../core/ids'
import { withParser } from './offthread'
import { refusalData } from './refusal'

/** Header → report field. 档号 text is kept as a note, never parsed back into parts. */
const HEADERS: Record<string, string> = {
  序号: '', 档号: 'refText', 文号: 'docNumber', 文件编号: 'docNumber', 责任者: 'responsible', 题名: 'title', 日期: 'date',
  密级: 'classification', 页数: 'pages', 备注: 'remarks', 保管期限: 'retention', 文种: 'reportType', 主题词: 'keywords',
  title: 'title', date: 'date', docnumber: 'docNumber', responsible: 'responsible', pages: 'pages', remarks: 'remarks',
  classification: 'classification', retention: 'retention',
}
const RETENTION: Record<string, string> = { 永久: 'Y', y: 'Y', 定期30年: 'D30', '30年': 'D30', d30: 'D30', 定期10年: 'D10', '10年': 'D10', d10: 'D10' }

const SLICE_MS = 20

/** The file's rows, read in the parse worker; a file over a limit is refused whole, naming it. */
async function readTable(name: string, data: Buffer): Promise<string[][]> {
  try {
    return await withParser((p) => p.table(name, data))
  } catch (e) {
    const { reason, params } = refusalData(e)
    throw new ApiError('invalid_input', reason, params)
  }
}

/**
 * 20240623, 2024-06-23, 2024.6.23, 2024年6月23日, 2024/06 → the archive's partial date. A date
 * that cannot be read is passed on as written, so the row's validation names it.
 */
export function catalogueDate(s: string): string {
  const r = parseHumanDate(s)
  return r.ok ? r.iso : s.trim()
}

export async function importCatalogue(svc: ArchiveService, name: string, data: Buffer, commit: boolean): Promise<CatalogueResult> {
  const [header, ...rows] = await readTable(name, data)
  if (!header) throw new ApiError('invalid_input', 'catalogue.empty', { name })
  const columns = header.map((h) => ({ header: h, field: HEADERS[h.replace(/\s+/g, '')] ?? HEADERS[h.toLowerCase().replace(/[\s_]+/g, '')] ?? null }))
  if (!columns.some((c) => c.field === 'title')) throw new ApiError('invalid_input', 'catalogue.no_title', { name })
  const errors: CatalogueResult['errors'] = []
  const preview: CatalogueResult['preview'] = []
  const changes: Change[] = []
  // Checking a row takes ~0.1 ms and a catalogue may have 50,000: the loop gives way to
  // the event loop every few milliseconds so the host keeps answering meanwhile.
  let slice = performance.now()
  for (const [i, cells] of rows.entries()) {
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      slice = performance.now()
    }
    const row = i + 2 // as the spreadsheet numbers it: the header is row 1
    const f: Record<string, string> = {}
    columns.forEach((c, j) => c.field && cells[j] && (f[c.field] = cells[j]!))
    const supplied = /^\[.*\]$/.test(f.title ?? '')
    const draft: Record<string, unknown> = {
      id: newId('report'), kind: 'report', title: supplied ? f.title!.slice(1, -1).trim() : (f.title ?? ''), titleSupplied: supplied,
      docNumber: f.docNumber ?? '', responsible: f.responsible ?? '', date: f.date ? catalogueDate(f.date) : '',
      classification: f.classification ?? '', remarks: [f.remarks, f.refText ? `原档号 ${f.refText}` : ''].filter(Boolean).join('；'),
      source: name.slice(0, 500),
    }
    if (f.pages) draft.pages = Number(f.pages)
    if (f.retention) draft.retention = RETENTION[f.retention.toLowerCase()] ?? f.retention
    if (f.reportType) draft.reportType = f.reportType
    if (f.keywords) draft.keywords = f.keywords.split(/[;；,，\s]+/).filter(Boolean)
    // Each row is checked alone by the kernel, so a bad row is named and the others go on.
    const change: Change = { op: 'create', coll: 'records', value: draft }
    try {
      const { draft: planned, ids } = svc.kernel.plan([change])
      const r = planned.record(ids[0]!)!
      if (preview.length < 20) preview.push({ row, title: r.title, date: r.kind === 'report' ? r.date : '', docNumber: r.kind === 'report' ? r.docNumber : '', responsible: r.kind === 'report' ? r.responsible : '' })
      changes.push(change)
    } catch (e) {
      const err = ApiError.from(e)
      errors.push({ row, error: { reason: err.reason, params: err.params, ...(err.field ? { field: err.field } : {}), ...(err.issues ? { issues: err.issues } : {}) } })
    }
  }
  if (commit && changes.length) await svc.apply('intake.catalogue', `导入目录 ${name}：${changes.length} 条`, changes)
  return { columns, total: rows.length, valid: changes.length, preview, errors: errors.slice(0, 500), created: commit ? changes.length : 0 }
}
