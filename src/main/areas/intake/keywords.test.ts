// 主题词 on import: the document's own (a .docx keywords property, a 主题词 line), else
// suggested from its text; a failure of the suggestion never fails the file.
import { Document, Packer, Paragraph } from 'docx'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { tmpDir } from '../../test-support/tmp'
import { documentKeywords } from './suggest'

const fail = vi.hoisted(() => ({ on: false }))
vi.mock('../../language/keywords', async (original) => {
  const m = await original<typeof import('../../language/keywords')>()
  return {
    ...m,
    suggestKeywords: (...a: Parameters<typeof m.suggestKeywords>) => {
      if (fail.on) throw new Error('segmenter broke')
      return m.suggestKeywords(...a)
    },
  }
})
afterEach(() => {
  fail.on = false
})

const open = () => openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
const b64 = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64')
async function docx(lines: string[], keywords?: string): Promise<Buffer> {
  const doc = new Document({ ...(keywords ? { keywords } : {}), sections: [{ children: lines.map((l) => new Paragraph(l)) }] })
  return Buffer.from(await Packer.toBuffer(doc))
}

const COKING = ['晋援疆指〔2024〕7号', '阜康市永鑫焦化干熄焦项目综述', '阜康市永鑫焦化干熄焦项目投产。干熄焦装置年发电1.7亿千瓦时，干熄焦减少碳排放。', '山西援疆前方指挥部', '2024年6月23日']
const CLINIC = '# 准东义诊\n\n援疆医生在准东经济技术开发区义诊，为儿童检查视力。义诊持续三天。\n\n主题词：医疗援疆 义诊 准东\n\n2025年1月5日'

describe('主题词 on report import', () => {
  it('suggests them from the text where the document gives none; takes the document’s own where it does', async () => {
    const svc = await open()
    try {
      const res = await dispatch(svc, 'intake.reports', {
        files: [
          { name: '综述.docx', data: b64(await docx(COKING)) },
          { name: '义诊.md', data: b64(Buffer.from(CLINIC)) },
          { name: '带属性.docx', data: b64(await docx(COKING, '节能降碳; 焦化，干熄焦')) },
        ],
      })
      expect(res.failed).toEqual([])
      const [coking, clinic, own] = res.imported.map((i) => svc.record(i.id))
      if (coking?.kind !== 'report' || clinic?.kind !== 'report' || own?.kind !== 'report') throw new Error('kind')
      expect(coking.keywords[0]).toBe('干熄焦')
      expect(coking.keywords.length).toBeGreaterThan(2)
      expect(coking.keywords.length).toBeLessThanOrEqual(8)
      expect(coking.keywords.some((w) => /^\d|号$|^年/.test(w))).toBe(false)
      expect(clinic.keywords).toEqual(['医疗援疆', '义诊', '准东'])
      expect(own.keywords).toEqual(['节能降碳', '焦化', '干熄焦'])
      // The result says what was filled in, for the import summary.
      expect(res.imported.map((i) => i.keywords)).toEqual([coking.keywords, clinic.keywords, own.keywords])
      // Searchable by them at once.
      const hits = await dispatch(svc, 'search.query', { q: '节能降碳' })
      expect(hits.hits.map((h) => h.id)).toContain(own.id)
    } finally {
      await svc.close()
    }
  })

  it('imports the file without 主题词 when the suggestion fails', async () => {
    const svc = await open()
    try {
      fail.on = true
      const res = await dispatch(svc, 'intake.reports', { files: [{ name: '综述.docx', data: b64(await docx(COKING)) }] })
      expect(res.failed).toEqual([])
      expect(res.imported[0]!.keywords).toEqual([])
      const r = svc.record(res.imported[0]!.id)
      expect(r.kind === 'report' && r.keywords).toEqual([])
      expect(r.title).toBe('阜康市永鑫焦化干熄焦项目综述')
    } finally {
      await svc.close()
    }
  })

  it('reads a 主题词 or 关键词 line and a keywords property as people write them', () => {
    expect(documentKeywords('正文\n主 题 词：援疆　项目  验收 通知\n抄送：…')).toEqual(['援疆', '项目', '验收', '通知'])
    expect(documentKeywords('摘要……\n关键词：对口支援；产业援疆；昌吉州\n')).toEqual(['对口支援', '产业援疆', '昌吉州'])
    expect(documentKeywords('主题词：义诊', 'a, b、c;c')).toEqual(['a', 'b', 'c'])
    expect(documentKeywords('本文讨论主题词的用法')).toEqual([])
  })
})
