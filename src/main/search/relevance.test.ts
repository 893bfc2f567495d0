// Relevance over the demo archive: labelled queries, one or more per class of what staff
// type, each with the records that must come in the top 3 (and, for exclusions, those
// that must not come at all). The test fails if any falls out. It also prints top-1 and
// top-3 rates for this engine and for fuse.js alone on the same archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import { createSearchEngine } from './create'
import { FuseEngine } from './fuse-engine'

interface Case {
  q: string
  /** Records that must be in the top 3 (all of them). */
  top3: string[]
  /** Records that must not be found at all. */
  absent?: string[]
}

const CLASSES: Record<string, Case[]> = {
  'Chinese words': [
    { q: '干熄焦', top3: ['ach_yongxin_cdq'] },
    { q: '耳鼻喉科', top3: ['ach_yang_xiangru'] },
    { q: '杨向茹', top3: ['ach_yang_xiangru'] },
  ],
  'several words, AND across fields': [
    { q: '阜康 焦化', top3: ['ach_yongxin_cdq'] },
    { q: '准东 义诊', top3: ['ach_zhundong_clinic', 'pho_zhundong_clinic'] },
    { q: '昌吉州第二中学 高考', top3: ['ach_chj2_gaokao'] },
    { q: '晋阜 展厅', top3: ['ach_jinfu_hall'] },
  ],
  'full pinyin': [
    { q: 'meicengqi', top3: ['ach_jimsar_cbm'] },
    { q: 'gaokao', top3: ['ach_chj2_gaokao'] },
    { q: 'yangxiangru', top3: ['ach_yang_xiangru'] },
    { q: 'shanihan', top3: ['ach_shanihan_yard', 'ach_shanihan_health'] },
  ],
  'spaced pinyin': [
    { q: 'gan xi jiao', top3: ['ach_yongxin_cdq'] },
    { q: 'shi liu zi', top3: ['ach_shiliuzi_camp'] },
  ],
  'pinyin initials': [
    { q: 'jmse', top3: ['ach_jimsar_cbm'] },
    { q: 'gxj', top3: ['ach_yongxin_cdq'] },
    { q: 'yxr', top3: ['ach_yang_xiangru'] },
    { q: 'slz', top3: ['ach_shiliuzi_camp'] },
  ],
  'pinyin mixed with Chinese': [
    { q: 'fukang 焦化', top3: ['ach_yongxin_cdq'] },
    { q: 'zhundong 义诊', top3: ['ach_zhundong_clinic', 'pho_zhundong_clinic'] },
    { q: 'jmse 煤层气', top3: ['ach_jimsar_cbm'] },
  ],
  'homophone typos': [
    { q: '富康 焦化', top3: ['ach_yongxin_cdq'] },
    { q: '杨相如', top3: ['ach_yang_xiangru'] },
    { q: '煤层器', top3: ['ach_jimsar_cbm'] },
    { q: '沙尼寒', top3: ['ach_shanihan_yard', 'ach_shanihan_health'] },
    { q: '石流籽', top3: ['ach_shiliuzi_camp'] },
  ],
  'words apart in the text': [
    { q: '老人照料', top3: ['ach_shanihan_yard'] },
    { q: '高考突破', top3: ['ach_chj2_gaokao'] },
    { q: '文化展厅', top3: ['ach_jinfu_hall'] },
    { q: '医疗义诊', top3: ['ach_zhundong_clinic', 'pho_zhundong_clinic'] },
  ],
  'field filters': [
    { q: 'batch:5 area:教育', top3: ['ach_chj2_gaokao'], absent: ['ach_yongxin_cdq'] },
    { q: 'area:医疗 义诊', top3: ['ach_zhundong_clinic', 'pho_zhundong_clinic', 'ach_shanihan_health'] },
    { q: 'place:阜康 义诊', top3: ['ach_shanihan_health'], absent: ['ach_zhundong_clinic'] },
    { q: 'year:2024 阜康', top3: ['ach_yongxin_cdq', 'ach_jinfu_hall'], absent: ['rep_seed_article'] },
    { q: 'year:2025..2025 研学', top3: ['ach_study_tour_2025', 'ach_calligraphy_2025'] },
    { q: 'type:photo 义诊', top3: ['pho_zhundong_clinic'], absent: ['ach_zhundong_clinic'] },
    { q: 'tag:煤化工', top3: ['ach_yongxin_cdq', 'ach_bdo_line'] },
    { q: 'has:photo BDO', top3: ['pho_bdo_line'] },
  ],
  exclusion: [
    { q: '义诊 -准东', top3: ['ach_shanihan_health'], absent: ['ach_zhundong_clinic', 'pho_zhundong_clinic'] },
    { q: '汾水连天山 -type:photo', top3: ['ach_fenshui_brand'], absent: ['pho_zhundong_clinic'] },
  ],
  'exact phrase': [
    { q: '"汾水连天山"', top3: ['ach_fenshui_brand'] },
    { q: '"小组团"', top3: ['ach_jimsar_cbm'] },
  ],
  'traditional characters, full width': [
    { q: '煤層氣', top3: ['ach_jimsar_cbm'] },
    { q: '吉木薩爾', top3: ['ach_jimsar_cbm'] },
    { q: 'ＢＤＯ', top3: ['ach_bdo_line', 'pho_bdo_line'] },
    { q: '６００分', top3: ['ach_chj2_gaokao'] },
  ],
  'Latin and numbers': [
    { q: '99.75', top3: ['ach_bdo_line', 'pho_bdo_line'] },
    { q: '1.7亿', top3: ['ach_yongxin_cdq'] },
    { q: '260万元', top3: ['ach_jinfu_hall'] },
  ],
}
const CASES = Object.entries(CLASSES).flatMap(([cls, cases]) => cases.map((c) => ({ cls, ...c })))

let svc: ArchiveService
let fuse: FuseEngine
const ours = new Map<string, string[]>()
const theirs = new Map<string, string[]>()

beforeAll(async () => {
  svc = await openArchive(tmpDir(), { user: 'tester', search: (s) => createSearchEngine(s, { mode: 'inline' }) })
  await dispatch(svc, 'archive.loadDemo', {})
  fuse = new FuseEngine(svc.store)
  await fuse.rebuild()
  for (const c of CASES) {
    ours.set(c.q, (await dispatch(svc, 'search.query', { q: c.q, limit: 50 })).hits.map((h) => h.id))
    theirs.set(c.q, (await fuse.query({ q: c.q, limit: 50 })).hits.map((h) => h.id))
  }
})
afterAll(async () => {
  await svc?.close()
})

const top1 = (c: Case, ids: string[]) => c.top3.includes(ids[0] ?? '')
const top3 = (c: Case, ids: string[]) => c.top3.every((id) => ids.slice(0, 3).includes(id)) && !(c.absent ?? []).some((id) => ids.includes(id))

describe('relevance on the demo archive', () => {
  it('has at least 30 labelled queries covering every class', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30)
    for (const cases of Object.values(CLASSES)) expect(cases.length).toBeGreaterThanOrEqual(2)
  })

  it.each(CASES)('$cls: $q', (c) => {
    const ids = ours.get(c.q)!
    for (const id of c.top3) expect(ids.slice(0, 3), `${id} in the top 3 of “${c.q}”`).toContain(id)
    for (const id of c.absent ?? []) expect(ids, `${id} excluded by “${c.q}”`).not.toContain(id)
  })

  it('beats fuse.js alone (rates printed)', () => {
    const rate = (f: (c: Case, ids: string[]) => boolean, m: Map<string, string[]>) => CASES.filter((c) => f(c, m.get(c.q)!)).length
    const n = CASES.length
    const row = (name: string, m: Map<string, string[]>) =>
      `${name.padEnd(16)} top-1 ${String(rate(top1, m)).padStart(2)}/${n} (${Math.round((100 * rate(top1, m)) / n)}%)   top-3 ${String(rate(top3, m)).padStart(2)}/${n} (${Math.round((100 * rate(top3, m)) / n)}%)`
    const lines = ['relevance on the demo archive:', row('this engine', ours), row('fuse.js alone', theirs), '', 'per class (top-3, this engine vs fuse.js):']
    for (const [cls, cases] of Object.entries(CLASSES))
      lines.push(`  ${cls.padEnd(36)} ${cases.filter((c) => top3(c, ours.get(c.q)!)).length}/${cases.length}  vs  ${cases.filter((c) => top3(c, theirs.get(c.q)!)).length}/${cases.length}`)
    console.log(lines.join('\n'))
    expect(rate(top3, ours)).toBe(n)
    expect(rate(top3, ours)).toBeGreaterThan(rate(top3, theirs))
  })
})
