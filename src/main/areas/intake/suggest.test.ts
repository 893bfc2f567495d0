// Suggestions from documents laid out as offices write them: a 公文 with its full 版头 and
// 版记, a 函, a 简报 with 报头 and 报尾, and a .docx whose title property names the title.
import { Document, Packer, Paragraph, TextRun, AlignmentType } from 'docx'
import { unzipSync, zipSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { tmpDir } from '../../test-support/tmp'
import { extractText, xmlElementText } from './extract'
import { DEFAULT_LIMITS } from './limits'
import { suggestReport } from './suggest'

/** A 公文 as GB/T 9704 sets it: red 发文机关标志, 发文字号, 标题 a few lines down, 主送, 正文, 落款, 成文日期, 版记. */
const NOTICE = [
  '000128',
  '机密★1年',
  '特急',
  '山 西 省 援 疆 前 方 指 挥 部 文 件',
  '晋援疆指〔2024〕12号',
  '关于做好2024年度援疆项目',
  '竣工验收工作的通知',
  '各援疆工作队，指挥部各处室：',
  '为规范援疆项目管理，根据《山西省援疆项目管理办法》，现就做好2024年度援疆项目竣工验收工作通知如下。',
  '一、验收范围',
  '2024年度实施的援疆项目，于2024年11月30日前完成验收。',
  '二、工作要求',
  '各工作队要高度重视，按时报送验收材料。',
  '附件：援疆项目竣工验收表',
  '山西省援疆前方指挥部',
  '2024年6月23日',
  '（此件公开发布）',
  '抄送：自治区党委援疆办，昌吉州人民政府。',
  '山西省援疆前方指挥部办公室 2024年6月25日印发',
]

/** A 简报: 报头 (name, 期号, 编印单位 and date), a rule, the article, 报尾. */
const BRIEFING = [
  '援疆工作简报',
  '2024年第5期（总第38期）',
  '山西援疆前方指挥部办公室编 2024年5月10日',
  '————————————————',
  '医疗援疆取得新进展',
  '5月以来，第五批援疆医疗队在阜康市人民医院开展“组团式”帮扶，新开展技术项目12项，门诊量同比增长18%。',
  '医疗队队长张明表示，将继续推进重点专科建设。',
  '报：山西省对口支援新疆工作领导小组办公室',
  '送：自治区党委援疆办，昌吉州委、州政府',
  '发：各援疆工作队',
  '（共印30份）',
]

describe('report suggestions from real layouts', () => {
  it('a 公文: the title after the 发文字号 (joined across its two lines), not the 发文机关标志; 成文日期 not 印发日期', () => {
    const s = suggestReport(NOTICE.join('\n'), '通知.docx')
    expect(s).toEqual({
      title: '关于做好2024年度援疆项目竣工验收工作的通知',
      docNumber: '晋援疆指〔2024〕12号',
      date: '2024-06-23',
      responsible: '山西省援疆前方指挥部',
    })
  })

  it('a 公文 without a 落款 takes 责任者 from its 发文机关标志', () => {
    const s = suggestReport(['山西省援疆前方指挥部文件', '晋援疆指〔2024〕3号', '关于印发《援疆干部人才管理办法》的通知', '各援疆工作队：', '现将办法印发给你们，请遵照执行。'].join('\n'), 'x.docx')
    expect(s.title).toBe('关于印发《援疆干部人才管理办法》的通知')
    expect(s.responsible).toBe('山西省援疆前方指挥部')
  })

  it('a 函 whose letterhead is the bare office name: the title still follows the 文号', () => {
    const s = suggestReport(['山西省对口支援新疆工作前方指挥部', '晋援疆指函〔2024〕8号', '关于商请支持阜康市人民医院学科建设的函', '昌吉州卫生健康委员会：', '为深化医疗援疆……', '山西省对口支援新疆工作前方指挥部', '2024年4月2日'].join('\n'), 'h.docx')
    expect(s.title).toBe('关于商请支持阜康市人民医院学科建设的函')
    expect(s.docNumber).toBe('晋援疆指函〔2024〕8号')
    expect(s.date).toBe('2024-04-02')
  })

  it('a 简报: the article title, 期号 as 文号, 责任者 from the 编印单位, the 报头 date; the 报尾 is not a signature', () => {
    const s = suggestReport(BRIEFING.join('\n'), '简报第5期.docx')
    expect(s).toEqual({ title: '医疗援疆取得新进展', docNumber: '2024年第5期', date: '2024-05-10', responsible: '山西援疆前方指挥部办公室' })
  })

  it('a 简报 with a labelled 编印单位 line and a column label before the article', () => {
    const s = suggestReport(['阜康市援疆工作动态', '第12期', '编印单位：山西援疆阜康工作队', '2024年9月3日', '【产业援疆】', '干熄焦项目并网发电', '9月1日，阜康市永鑫焦化干熄焦余热发电项目并网。'].join('\n'), 'd.docx')
    expect(s.title).toBe('干熄焦项目并网发电')
    expect(s.responsible).toBe('山西援疆阜康工作队')
    expect(s.date).toBe('2024-09-03')
  })

  it('a body paragraph is never the title; a plain report keeps its first heading', () => {
    expect(suggestReport(['教育援疆工作总结', '2024年，援疆教师团队在昌吉州第一中学开展帮扶，600分以上人数由7人增至40人。'].join('\n'), 'a.txt').title).toBe('教育援疆工作总结')
    const onlyProse = suggestReport('援疆教师团队在昌吉州第一中学开展帮扶，成绩显著提升，家长满意度明显提高。', '阜康教育.txt')
    expect(onlyProse.title).toBe('阜康教育')
  })

  it('the document’s own title property wins when the text bears it out, and is ignored when it is a template leftover', () => {
    const text = NOTICE.join('\n')
    expect(suggestReport(text, 'n.docx', { title: '关于做好2024年度援疆项目竣工验收工作的通知' }).title).toBe('关于做好2024年度援疆项目竣工验收工作的通知')
    expect(suggestReport(text, 'n.docx', { title: '文档1' }).title).toBe('关于做好2024年度援疆项目竣工验收工作的通知')
    expect(suggestReport(text, 'n.docx', { title: '山西省援疆前方指挥部文件' }).title).toBe('关于做好2024年度援疆项目竣工验收工作的通知')
    expect(suggestReport(text, 'n.docx', { title: '关于上报2019年工作总结的通知' }).title).toBe('关于做好2024年度援疆项目竣工验收工作的通知')
  })
})

/** A .docx as Word or LibreOffice writes a 公文: the letterhead in red, centred title, and the title property set. */
async function noticeDocx(opts: { title?: string; pages?: number } = {}): Promise<Buffer> {
  const centred = (text: string, red = false) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, color: red ? 'FF0000' : undefined, size: red ? 72 : 32 })] })
  const doc = new Document({
    ...(opts.title ? { title: opts.title } : {}),
    creator: '综合处',
    sections: [{ children: [centred('山西省援疆前方指挥部文件', true), centred('晋援疆指〔2024〕12号'), centred(''), centred('关于做好2024年度援疆项目竣工验收工作的通知'), ...NOTICE.slice(7).map((l) => new Paragraph(l))] }],
  })
  const buf = Buffer.from(await Packer.toBuffer(doc))
  if (opts.pages === undefined) return buf
  // app.xml as Word leaves it after a layout: <Pages> holds the count.
  const parts = unzipSync(buf)
  parts['docProps/app.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>${opts.pages}</Pages></Properties>`)
  return Buffer.from(zipSync(parts))
}

describe('a .docx 公文 imported', () => {
  it('reads dc:title and the page count Word keeps; without one 页数 stays unknown', async () => {
    const withProps = await extractText('n.docx', await noticeDocx({ title: '关于做好2024年度援疆项目竣工验收工作的通知 & 附件', pages: 3 }), DEFAULT_LIMITS)
    expect(withProps.title).toBe('关于做好2024年度援疆项目竣工验收工作的通知 & 附件')
    expect(withProps.pages).toBe(3)
    const bare = await extractText('n.docx', await noticeDocx(), DEFAULT_LIMITS)
    expect(bare.pages).toBeNull()
    expect((await extractText('a.md', Buffer.from('# 总结'), DEFAULT_LIMITS)).pages).toBeNull()
    expect(xmlElementText('<dc:title>&#x5173;&#20110;</dc:title>', 'dc:title')).toBe('关于')
  })

  it('files the title line (not the letterhead), leaves 来源 empty and 页数 unknown', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    try {
      const data = (await noticeDocx()).toString('base64')
      const res = await dispatch(svc, 'intake.reports', { files: [{ name: '晋援疆指〔2024〕12号.docx', data }] })
      const r = svc.record(res.imported[0]!.id)
      if (r.kind !== 'report') throw new Error('kind')
      expect(r).toMatchObject({ title: '关于做好2024年度援疆项目竣工验收工作的通知', docNumber: '晋援疆指〔2024〕12号', date: '2024-06-23', responsible: '山西省援疆前方指挥部', source: '', pages: null, reportType: '通知' })
      expect(r.attachments[0]).toMatchObject({ name: '晋援疆指〔2024〕12号.docx' })
    } finally {
      await svc.close()
    }
  })
})
