// The labelled queries over the demo archive (resources/demo/demo.json), by class of what
// staff type: the search syntax the engine has always read (this file) and natural queries
// (relevance-natural.ts). Read by the relevance tests and by `npm run bench -- relevance`.

export interface RelevanceCase {
  q: string
  /** Records that must be in the top 3 (all of them). */
  top3: string[]
  /** Records that must not be found at all. */
  absent?: string[]
}

export type RelevanceSet = Record<string, RelevanceCase[]>

/** Every case of a set, with its class. */
export const casesOf = (set: RelevanceSet) => Object.entries(set).flatMap(([cls, cases]) => cases.map((c) => ({ cls, ...c })))

/** The first hit is one of the expected records. */
export const hitTop1 = (c: RelevanceCase, ids: string[]) => c.top3.includes(ids[0] ?? '')
/** Every expected record is in the top 3, and no excluded record is found. */
export const hitTop3 = (c: RelevanceCase, ids: string[]) =>
  c.top3.every((id) => ids.slice(0, 3).includes(id)) && !(c.absent ?? []).some((id) => ids.includes(id))

/** The query syntax of the first search engine: words, pinyin, typos, field filters, exclusion, phrases. */
export const SYNTAX_CASES: RelevanceSet = {
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
