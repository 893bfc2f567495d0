// 归档文件目录 (filing catalogue): filed reports, one sheet per 年度 and 保管期限, in the
// column order archivists hand over (DOMAIN.md). xlsx prints A4 landscape with the
// header row repeated on every page; CSV is UTF-8 with a BOM so Excel reads the Chinese.
// Record text stays text in both: no CSV cell reads as a formula (exceljs writes a string
// as a string, formulas only from { formula } objects), no character breaks the XML.
// Loaded on first use, not at start: every CLI call and app start would otherwise load exceljs.
const excel = () => import('exceljs').then((m) => m.default)
import Papa from 'papaparse'
import { catalogueDate, catalogueTitle, refCodeFor } from '../../../shared/archival'
import type { ArchiveRecord, ReportRecord, Retention } from '../../../shared/domain'
import type { ExportContext } from './context'
import { csvCell, xmlSafe, xmlText } from './safe-output'

export const CATALOGUE_COLUMNS = ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注'] as const
const RETENTION_NAME: Record<Retention, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' }
const RETENTION_ORDER: Retention[] = ['Y', 'D30', 'D10']
/** Widths in characters, sized for A4 landscape at 10.5 pt. */
export const CATALOGUE_WIDTHS = [6, 27, 22, 18, 50, 10, 6, 6, 14]

type Filed = ReportRecord & { filing: NonNullable<ReportRecord['filing']> }
export interface CatalogueSheet {
  year: number
  retention: Retention
  name: string
  rows: (string | number)[][]
}

/** Pure: the catalogue's sheets, each sorted by 机构 and 件号, 序号 running per sheet. */
export function catalogueSheets(ctx: ExportContext, records: ArchiveRecord[]): { sheets: CatalogueSheet[]; unfiled: number } {
  const filed = records.filter((r): r is Filed => r.kind === 'report' && !!r.filing)
  const unfiled = records.filter((r) => r.kind === 'report' && !r.filing).length
  const classes = new Map<string, Filed[]>()
  for (const r of filed) {
    const k = `${r.filing.year}|${r.filing.retention}`
    classes.set(k, [...(classes.get(k) ?? []), r])
  }
  const sheets = [...classes.values()].map((rs) => {
    const { year, retention } = rs[0]!.filing
    rs.sort((a, b) => a.filing.orgCode.localeCompare(b.filing.orgCode) || a.filing.itemNo - b.filing.itemNo)
    const rows = rs.map((r, i) => [
      i + 1,
      refCodeFor(ctx.settings, r.filing, 'WS'),
      r.docNumber,
      r.responsible,
      catalogueTitle(r.title, r.titleSupplied),
      catalogueDate(r.date),
      r.classification,
      r.pages || '',
      r.remarks,
    ])
    return { year, retention, name: `${year}年度-${RETENTION_NAME[retention]}`, rows }
  })
  sheets.sort((a, b) => a.year - b.year || RETENTION_ORDER.indexOf(a.retention) - RETENTION_ORDER.indexOf(b.retention))
  return { sheets, unfiled }
}

const thin = { style: 'thin' as const }
const border = { top: thin, left: thin, bottom: thin, right: thin }

export async function catalogueXlsx(ctx: ExportContext, given: CatalogueSheet[]): Promise<Uint8Array> {
  const sheets = xmlSafe(given)
  const wb = new (await excel()).Workbook()
  wb.creator = xmlText(ctx.settings.fondsName) || 'Aid Archive'
  wb.created = new Date()
  // An empty catalogue still opens, with its header, rather than as a broken file.
  const list = sheets.length ? sheets : [{ year: 0, retention: 'Y' as Retention, name: '归档文件目录', rows: [] }]
  for (const s of list) {
    const ws = wb.addWorksheet(s.name, {
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        printTitlesRow: '1:1',
        margins: { left: 0.6, right: 0.6, top: 0.9, bottom: 0.7, header: 0.4, footer: 0.3 },
      },
      headerFooter: {
        oddHeader: `&C&"宋体,Bold"&14归档文件目录  ${s.year ? `${ctx.settings.fondsCode} ${s.year}年度 ${RETENTION_NAME[s.retention]}` : ''}`,
        oddFooter: '&C第 &P 页 共 &N 页',
      },
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    ws.columns = CATALOGUE_COLUMNS.map((h, i) => ({ header: h, width: CATALOGUE_WIDTHS[i] }))
    for (const row of s.rows) ws.addRow(row)
    ws.getColumn(6).numFmt = '@' // 日期 stays 8 digits of text, never a number
    ws.eachRow((row, n) => {
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.border = border
        cell.font = { name: '宋体', size: 10.5, bold: n === 1 }
        cell.alignment = { vertical: 'middle', wrapText: true, horizontal: n === 1 || col !== 5 ? 'center' : 'left' }
      })
      // Office software does not grow a row for wrapped text on its own: size it here.
      row.height = n === 1 ? 24 : rowHeight(row.values as unknown[])
    })
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

/** Width of text in Excel's character units: a CJK character takes two. */
const textWidth = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1.1), 0)
function rowHeight(values: unknown[]): number {
  const lines = Math.max(1, ...CATALOGUE_WIDTHS.map((w, i) => Math.ceil(textWidth(String(values[i + 1] ?? '')) / (w - 1))))
  return lines * 14 + 4
}

/** One CSV of all sheets in order; 序号 runs per 年度/保管期限 class as in the xlsx. */
export function catalogueCsv(sheets: CatalogueSheet[]): Uint8Array {
  const rows = sheets.flatMap((s) => s.rows.map((r) => r.map((v) => csvCell(String(v)))))
  const text = '\uFEFF' + Papa.unparse({ fields: [...CATALOGUE_COLUMNS], data: rows }, { newline: '\r\n' }) + '\r\n'
  return new TextEncoder().encode(text)
}
