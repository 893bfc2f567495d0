import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { tmpDir } from '../../test-support/tmp'
import { catalogueDate } from './catalogue'

const open = () => openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64')

const CSV = [
  '序号,档号,文号,责任者,题名,日期,密级,页数,备注',
  '1,Z109-WS·2023-Y-BGS-0001,晋援疆指〔2023〕1号,山西援疆前方指挥部,关于开展医疗援疆工作的通知,20230105,,3,',
  '2,,,,[第五批工作队简报第1期],2023.2.10,,2,自拟题名',
  '3,,,,,20230301,,1,缺题名',
  '4,,,,日期有误的文件,2023-13-01,,1,',
  '5,,,,页数有误的文件,20230401,,很多,',
].join('\n')

describe('catalogue import', () => {
  it('maps columns by header, previews, and names each bad row before writing', async () => {
    const svc = await open()
    try {
      const p = await dispatch(svc, 'intake.catalogue', { name: '目录.csv', data: b64(CSV) })
      expect(p.columns.map((c) => c.field)).toEqual(['', 'refText', 'docNumber', 'responsible', 'title', 'date', 'classification', 'pages', 'remarks'])
      expect(p).toMatchObject({ total: 5, valid: 2, created: 0 })
      expect(p.preview[0]).toEqual({ row: 2, title: '关于开展医疗援疆工作的通知', date: '2023-01-05', docNumber: '晋援疆指〔2023〕1号', responsible: '山西援疆前方指挥部' })
      expect(p.errors.map((e) => e.row)).toEqual([4, 5, 6])
      expect(p.errors[0]!.error).toMatchObject({ reason: 'field.required', field: 'title' })
      expect(p.errors[1]!.error).toMatchObject({ field: 'date' })
      expect(svc.info().counts.report).toBe(0) // a preview writes nothing

      const c = await dispatch(svc, 'intake.catalogue', { name: '目录.csv', data: b64(CSV), commit: true })
      expect(c.created).toBe(2)
      const reports = [...svc.store.records.values()].filter((r) => r.kind === 'report')
      expect(reports.map((r) => r.kind === 'report' && [r.title, r.titleSupplied, r.date, r.pages])).toEqual([
        ['关于开展医疗援疆工作的通知', false, '2023-01-05', 3],
        ['第五批工作队简报第1期', true, '2023-02-10', 2],
      ])
      expect(reports[0]!.kind === 'report' && reports[0]!.remarks).toBe('原档号 Z109-WS·2023-Y-BGS-0001')
    } finally {
      await svc.close()
    }
  })

  it('reads the first sheet of an XLSX; refuses a file without a 题名 column', async () => {
    const svc = await open()
    try {
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('目录')
      ws.addRow(['题名', '日期', '保管期限', '责任者'])
      ws.addRow(['教育援疆工作总结', '20241220', '定期30年', '昌吉州教育局'])
      const data = Buffer.from(await wb.xlsx.writeBuffer())
      const r = await dispatch(svc, 'intake.catalogue', { name: 'catalogue.xlsx', data: b64(data), commit: true })
      expect(r).toMatchObject({ total: 1, valid: 1, created: 1, errors: [] })
      const rep = [...svc.store.records.values()][0]!
      expect(rep).toMatchObject({ title: '教育援疆工作总结', date: '2024-12-20', retention: 'D30', responsible: '昌吉州教育局' })
      await expect(dispatch(svc, 'intake.catalogue', { name: 'x.csv', data: b64('a,b\n1,2') })).rejects.toMatchObject({ code: 'invalid_input' })
      await expect(dispatch(svc, 'intake.catalogue', { name: 'x.doc', data: b64('a') })).rejects.toMatchObject({ code: 'invalid_input' })
    } finally {
      await svc.close()
    }
  })

  it('reads the dates catalogues are written with', () => {
    expect(['20240623', '2024-06-23', '2024.6.23', '2024年6月23日', '2024/06', '2024'].map(catalogueDate)).toEqual([
      '2024-06-23', '2024-06-23', '2024-06-23', '2024-06-23', '2024-06', '2024',
    ])
  })
})
