import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, type ArchiveService } from '../../app'
import { CATALOGUE_COLUMNS } from './catalogue'
import { bytesOf, demoArchive, unzipText } from './testing'

let svc: ArchiveService
beforeAll(async () => {
  svc = await demoArchive()
})
afterAll(() => svc?.close())

const HEADER = ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注']

describe('归档文件目录', () => {
  it('xlsx: one sheet per 年度 and 保管期限, the exact columns, dates as 8 digits, supplied titles in [ ]', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'xlsx' })
    expect(f.mime).toContain('spreadsheetml')
    expect(f.count).toBe(4)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytesOf(f)) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2024年度-永久', '2024年度-定期10年', '2025年度-永久'])
    const y2024 = wb.getWorksheet('2024年度-永久')!
    expect(y2024.getRow(1).values).toEqual([undefined, ...HEADER])
    const rows = [2, 3].map((n) => (y2024.getRow(n).values as unknown[]).slice(1))
    expect(rows[0]).toEqual([1, 'Z109-WS·2024-Y-BGS-0001', '晋援疆简〔2024〕1号', '山西援疆前方指挥部', '援疆工作简报第1期', '20240305', '', 4, ''])
    expect(rows[1]).toEqual([2, 'Z109-WS·2024-Y-BGS-0002', '', '办公室', '[关于阜康市干熄焦项目的情况说明]', '20240912', '秘密', 2, '复印件'])
    expect((wb.getWorksheet('2024年度-定期10年')!.getRow(2).values as unknown[])[6]).toBe('20241100')
    const y2025 = wb.getWorksheet('2025年度-永久')!
    expect(y2025.getRow(2).getCell(5).value).toContain('太行连天山 同心向未来')
    expect(y2025.getRow(2).getCell(6).value).toBe('20250000')
    expect(y2025.rowCount).toBe(2)
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' })
    }
  })

  it('xlsx XML: A4 landscape page setup and the header row as print titles', async () => {
    const parts = unzipText(bytesOf(await dispatch(svc, 'export.run', { format: 'xlsx' })))
    expect(parts['xl/worksheets/sheet1.xml']).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"/)
    // Print titles are the _xlnm.Print_Titles defined name, one per sheet.
    expect(parts['xl/workbook.xml']).toContain('_xlnm.Print_Titles')
    expect(parts['xl/workbook.xml']).toContain("&apos;2024年度-永久&apos;!$1:$1")
    expect(parts['xl/sharedStrings.xml'] ?? parts['xl/worksheets/sheet1.xml']).toContain('[关于阜康市干熄焦项目的情况说明]')
  })

  it('csv: UTF-8 with a BOM, the exact header, every filed report, unfiled ones left out', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'csv' })
    const bytes = bytesOf(f)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const parsed = Papa.parse<string[]>(text.trim())
    expect(parsed.data[0]).toEqual(HEADER)
    expect(parsed.data.slice(1).map((r) => r[1])).toEqual(['Z109-WS·2024-Y-BGS-0001', 'Z109-WS·2024-Y-BGS-0002', 'Z109-WS·2024-D10-BGS-0001', 'Z109-WS·2025-Y-BGS-0001'])
    expect(text).not.toContain('未归档的草稿')
    expect(f.fileName).toMatch(/归档文件目录\.csv$/)
  })

  it('preview: the header, first rows and the unfiled reports it skips', async () => {
    const p = await dispatch(svc, 'export.preview', { format: 'xlsx' })
    expect(p.columns).toEqual([...CATALOGUE_COLUMNS])
    expect(p.count).toBe(4)
    expect(p.rows[0]?.[1]).toBe('Z109-WS·2024-Y-BGS-0001')
    const unfiled = [...svc.store.records.values()].filter((r) => r.kind === 'report' && !r.filing && !r.sample).length
    expect(unfiled).toBeGreaterThanOrEqual(1)
    expect(p.skipped).toContainEqual({ count: unfiled, reason: 'unfiled' })
  })

  it('scope narrows the catalogue: a date range, a selection, a query', async () => {
    expect((await dispatch(svc, 'export.preview', { format: 'csv', scope: { from: '2024-09', to: '2024-12' } })).count).toBe(2)
    expect((await dispatch(svc, 'export.preview', { format: 'csv', scope: { ids: ['rep_notice', 'ach_yongxin_cdq'] } })).count).toBe(1)
    const q = await dispatch(svc, 'export.preview', { format: 'csv', scope: { query: '简报' } })
    expect(q.rows.map((r) => r[1])).toContain('Z109-WS·2024-Y-BGS-0001')
    await expect(dispatch(svc, 'export.preview', { format: 'csv', scope: { batchId: 'bat_none' } })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('an empty catalogue is still a valid workbook with its header', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'xlsx', scope: { ids: ['ach_yongxin_cdq'] } })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytesOf(f)) as unknown as ArrayBuffer)
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...HEADER])
  })
})
