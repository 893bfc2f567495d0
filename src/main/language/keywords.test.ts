// 主题词 from real texts: the demo's newspaper summary and its achievements, a 公文 with its
// 版头 and 版记, and the method the report form calls.
import { describe, expect, it } from 'vitest'
import demo from '../../../resources/demo/demo.json'
import { dispatch, openArchive } from '../app'
import { tmpDir } from '../test-support/tmp'
import { segmenter, type Segmenter } from './segmenter'
import { archiveVocabulary, keywordCandidate, suggestKeywords } from './keywords'

type DemoRecord = { id: string; title: string; body?: string; summary?: string }
const record = (id: string) => (demo.records as DemoRecord[]).find((r) => r.id === id)!
const textOf = (id: string) => `${record(id).title}\n${record(id).body ?? record(id).summary ?? ''}`

/** A 公文 as GB/T 9704 sets it (the intake tests' notice): its subject is 援疆项目竣工验收. */
const NOTICE = [
  '000128', '机密★1年', '特急', '山 西 省 援 疆 前 方 指 挥 部 文 件', '晋援疆指〔2024〕12号', '关于做好2024年度援疆项目', '竣工验收工作的通知',
  '各援疆工作队，指挥部各处室：',
  '为规范援疆项目管理，根据《山西省援疆项目管理办法》，现就做好2024年度援疆项目竣工验收工作通知如下。',
  '一、验收范围', '2024年度实施的援疆项目，于2024年11月30日前完成验收。', '二、工作要求', '各工作队要高度重视，按时报送验收材料。',
  '附件：援疆项目竣工验收表', '山西省援疆前方指挥部', '2024年6月23日', '（此件公开发布）', '抄送：自治区党委援疆办，昌吉州人民政府。',
  '山西省援疆前方指挥部办公室 2024年6月25日印发',
].join('\n')

const open = () => openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
const NOISE = /^(的|了|和|在|是|工作|情况|通知)$|^[\d.%年月日第批期个人次余万元]+$/

describe('suggested 主题词', () => {
  it('reads the demo article: its places and subjects, domain terms whole, no function words or numbers', async () => {
    const svc = await open()
    try {
      await dispatch(svc, 'archive.loadDemo', {})
      const vocabulary = archiveVocabulary(svc.store)
      expect(vocabulary.has('吉木萨尔县')).toBe(true)
      expect(vocabulary.has('杨向茹')).toBe(true) // the role in brackets is not part of the name
      const top = suggestKeywords(textOf('rep_seed_article'), { vocabulary })
      expect(top).toHaveLength(8)
      expect(top).toEqual(expect.arrayContaining(['昌吉州', '阜康市', '对口支援']))
      const more = suggestKeywords(textOf('rep_seed_article'), { vocabulary, limit: 20 })
      expect(more.slice(0, 8)).toEqual(top)
      expect(more).toEqual(expect.arrayContaining(['干熄焦', '吉木萨尔县']))
      for (const w of more) {
        expect(w, w).not.toMatch(NOISE)
        expect([...w].length, w).toBeGreaterThan(1)
      }
      // One word per subject: never a word inside another one suggested.
      for (const a of more) for (const b of more) if (a !== b) expect(b.includes(a), `${a} in ${b}`).toBe(false)
    } finally {
      await svc.close()
    }
  })

  it('puts the subject of an achievement first', () => {
    expect(suggestKeywords(textOf('ach_yongxin_cdq'))[0]).toBe('干熄焦')
    expect(suggestKeywords(textOf('ach_jimsar_cbm'))).toContain('煤层气')
    expect(suggestKeywords(textOf('ach_shanihan_health'))).toContain('义诊')
  })

  it('reads a 公文 for its subject, not its 文种, 版头 or 版记 words; a verb the text repeats counts', () => {
    const words = suggestKeywords(NOTICE)
    expect(words).toEqual(expect.arrayContaining(['验收', '竣工', '项目管理']))
    for (const w of ['通知', '工作', '年度', '印发', '抄送', '附件', '机密', '特急', '2024', '12号']) expect(words).not.toContain(w)
  })

  it('never suggests a word already chosen, nor one inside it or containing it', () => {
    const text = textOf('ach_yongxin_cdq')
    const first = suggestKeywords(text, { limit: 3 })
    const next = suggestKeywords(text, { limit: 3, exclude: [first[0]!, ' 阜康 '] })
    expect(next).not.toContain(first[0])
    expect(next.some((w) => w.includes('阜康'))).toBe(false)
    expect(next).toHaveLength(3)
  })

  it('keeps the archive vocabulary whole and weighs it a little more', () => {
    const text = '今年，沙尼汗小院迎来援疆医生。沙尼汗小院的老人说，援疆医生常来。'
    expect(suggestKeywords(text, { vocabulary: [] })).not.toContain('沙尼汗小院')
    expect(suggestKeywords(text, { vocabulary: ['沙尼汗小院'] })[0]).toBe('沙尼汗小院')
  })

  it('gives nothing for an empty text, a zero limit, or without jieba', () => {
    expect(suggestKeywords('   ')).toEqual([])
    expect(suggestKeywords(textOf('ach_yongxin_cdq'), { limit: 0 })).toEqual([])
    const icu: Segmenter = { engine: 'icu', cut: (t) => [t], addWords: () => {}, keywords: () => [] }
    expect(suggestKeywords(textOf('ach_yongxin_cdq'), { seg: icu })).toEqual([])
  })

  it('reads only the first 200,000 characters', () => {
    const tail = '干熄焦'.repeat(1000)
    const words = suggestKeywords(`${'援疆医生下乡义诊。'.repeat(22_300)}${tail}`)
    expect(words).toContain('义诊')
    expect(words).not.toContain('干熄焦')
  })

  it('tells a candidate from a count, a date, a unit or a function word', () => {
    for (const w of ['2024', '第五批', '60余人次', '万元', '千瓦时', '三年', '的', '了', '情况', 'x', '十二']) expect(keywordCandidate(w), w).toBe(false)
    for (const w of ['干熄焦', '煤层气', '义诊', 'BDO', '阜康市', '第二中学', '时间', '名人']) expect(keywordCandidate(w), w).toBe(true)
  })

  it('records.suggestKeywords: the archive vocabulary, the limit, the chosen words left out; nothing written', async () => {
    const svc = await open()
    try {
      await dispatch(svc, 'archive.loadDemo', {})
      const seq = svc.store.seq
      const { words } = await dispatch(svc, 'records.suggestKeywords', { text: textOf('rep_seed_article'), limit: 5, exclude: ['阜康市'] })
      expect(words).toHaveLength(5)
      expect(words).toContain('昌吉州')
      expect(words.some((w) => w.includes('阜康'))).toBe(false)
      expect((await dispatch(svc, 'records.suggestKeywords', { text: '' })).words).toEqual([])
      expect(svc.store.seq).toBe(seq)
    } finally {
      await svc.close()
    }
  })

  it('runs on jieba here (the ICU fallback would suggest nothing)', () => {
    expect(segmenter().engine).toBe('jieba')
  })
})
