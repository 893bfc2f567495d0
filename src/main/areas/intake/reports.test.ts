import { readFileSync } from 'node:fs'
import { Document, Packer, Paragraph } from 'docx'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { filePath, sha256 } from '../../media/files'
import { tmpDir } from '../../test-support/tmp'
import { guessReportType, suggestReport } from './suggest'

const open = () => openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
const b64 = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64')

async function docx(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })
  return Buffer.from(await Packer.toBuffer(doc))
}

async function pdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([595, 842])
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - i * 20, size: 12, font }))
  return doc.save()
}

describe('report suggestions', () => {
  it('reads 文号, title, 成文日期 and 责任者 from an official document', () => {
    const s = suggestReport(
      ['山西省援疆前方指挥部文件', '晋援疆指〔2024〕12号', '关于做好2024年度援疆项目验收工作的通知', '各工作组：', '正文……2024年3月1日前完成。', '山西省援疆前方指挥部', '2024年6月23日'].join('\n'),
      'x.docx',
    )
    expect(s).toEqual({ docNumber: '晋援疆指〔2024〕12号', title: '关于做好2024年度援疆项目验收工作的通知', date: '2024-06-23', responsible: '山西省援疆前方指挥部' })
  })
  it('a briefing: the issue number stands for 文号; the 编印单位 is 责任者', () => {
    const s = suggestReport(['援疆工作简报', '2024年第5期', '山西援疆前方指挥部办公室 2024年5月10日', '医疗援疆取得新进展'].join('\n'), 'b.docx')
    expect(s.docNumber).toBe('2024年第5期')
    expect(s.title).toBe('医疗援疆取得新进展')
    expect(s.responsible).toBe('山西援疆前方指挥部办公室')
    expect(s.date).toBe('2024-05-10')
    expect(guessReportType('援疆工作简报', 'b.docx')).toBe('简报')
  })
  it('falls back to the file name and leaves what is not there empty', () => {
    expect(suggestReport('', '工作总结.txt')).toEqual({ title: '工作总结', date: '', docNumber: '', responsible: '' })
    expect(suggestReport('2024年13月45日', 'a.txt').date).toBe('')
  })
})

describe('report import', () => {
  it('imports a DOCX, a PDF and a text file: original kept, text as body, fields suggested', async () => {
    const svc = await open()
    try {
      const d = await docx(['晋援疆指〔2024〕7号', '第五批援疆工作队阜康市焦化项目综述', '阜康市永鑫焦化干熄焦项目投产。', '山西援疆前方指挥部', '2024年6月23日'])
      const p = await pdf(['Fukang coking project report', 'Annual generation 170 million kWh', '2024-07-01'])
      const t = Buffer.from('# 教育援疆工作总结\n\n昌吉州第一中学600分以上人数由7人增至40人。\n\n2025年1月5日')
      const res = await dispatch(svc, 'intake.reports', {
        files: [{ name: '综述.docx', data: b64(d) }, { name: 'report.pdf', data: b64(p) }, { name: '总结.md', data: b64(t) }, { name: 'empty.pdf', data: '' }, { name: 'x.xls', data: b64(Buffer.from('a,b')) }, { name: 'bad.docx', data: b64(Buffer.from('not a zip')) }],
      })
      expect(res.imported.map((i) => i.name)).toEqual(['综述.docx', 'report.pdf', '总结.md'])
      expect(Object.fromEntries(res.failed.map((f) => [f.name, f.error.reason]))).toEqual({
        'empty.pdf': 'file.empty',
        'x.xls': 'file.unsupported_type',
        'bad.docx': 'file.bad_docx',
      })
      const [rd, rp, rt] = res.imported.map((i) => svc.record(i.id))
      if (rd?.kind !== 'report' || rp?.kind !== 'report' || rt?.kind !== 'report') throw new Error('kind')
      expect(rd).toMatchObject({ title: '第五批援疆工作队阜康市焦化项目综述', docNumber: '晋援疆指〔2024〕7号', date: '2024-06-23', responsible: '山西援疆前方指挥部', reportType: '综述' })
      expect(rd.body).toContain('干熄焦项目投产')
      expect(rd.attachments[0]).toMatchObject({ sha256: sha256(d), name: '综述.docx' })
      expect(readFileSync(filePath(svc.store.dir, sha256(d))).equals(d)).toBe(true)
      expect(rp).toMatchObject({ title: 'Fukang coking project report', date: '2024-07-01', pages: 1 })
      expect(rp.body).toContain('170 million kWh')
      expect(rt).toMatchObject({ title: '教育援疆工作总结', date: '2025-01-05', reportType: '总结' })
      // Searchable at once.
      const hits = await dispatch(svc, 'search.query', { q: '干熄焦' })
      expect(hits.hits.map((h) => h.id)).toContain(rd.id)
      // The same original again is a duplicate of the first.
      const again = await dispatch(svc, 'intake.reports', { files: [{ name: 'again.docx', data: b64(d) }] })
      expect(again).toMatchObject({ imported: [], duplicates: [{ name: 'again.docx', existingId: rd.id }] })
    } finally {
      await svc.close()
    }
  })

  it('filing gives imported reports 件号 in sequence within their class', async () => {
    const svc = await open()
    try {
      const files = await Promise.all(['一', '二', '三'].map(async (n, i) => ({ name: `简报${i}.txt`, data: b64(Buffer.from(`援疆简报第${n}期\n2024年3月${i + 1}日`)) })))
      const res = await dispatch(svc, 'intake.reports', { files })
      const filed = []
      for (const r of res.imported) filed.push(await dispatch(svc, 'records.file', { id: r.id }))
      expect(filed.map((r) => (r.kind === 'report' ? r.filing?.itemNo : 0))).toEqual([1, 2, 3])
    } finally {
      await svc.close()
    }
  })
})
