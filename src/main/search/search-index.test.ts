import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_AREAS } from '../../shared/domain'
import { F_PHOTO } from './doc'
import { pinyinCalls } from './pinyin'
import { SearchIndex } from './search-index'
import { testDoc } from './testing'

const ctx = { areas: DEFAULT_AREAS }
/** The records that have every word (partial matches, appended after them, are tested apart). */
const ids = (idx: SearchIndex, q: string, limit = 10) => {
  const res = idx.search({ q, limit }, ctx)
  return res.hits.slice(0, res.understood.strictTotal).map((h) => h.id)
}

/** A small archive with the cases the engine must tell apart. */
function sample(): SearchIndex {
  const idx = new SearchIndex()
  idx.addMany([
    testDoc('cdq', { title: '阜康市永鑫焦化170吨/时干熄焦项目建成投产', places: '阜康市', tags: '产业/煤化工 产业/节能降碳', body: '投产后每年可发电1.7亿千瓦时，年碳排放减少8.5万吨。' }, { kind: 'achievement', area: 'industry', yearFrom: 2024, yearTo: 2024, dateKey: 20240900, batchId: 'b5' }),
    testDoc('cbm', { title: '吉木萨尔县煤层气开发科技援疆“小组团”', places: '吉木萨尔县', tags: '产业/煤层气', body: '合作区块日产气量从3.15万立方米增加到5万立方米以上，钻井效率提升30%。' }, { kind: 'achievement', area: 'industry', yearFrom: 2024, yearTo: 2024, dateKey: 20240500, batchId: 'b5' }),
    testDoc('yard', { title: '阜康市沙尼汗小院设施改造', places: '阜康市', people: '沙尼汗·艾塔木', body: '小院为60多位高龄、失能老人提供贴心照料，并开设免费爱心餐。' }, { kind: 'achievement', area: 'livelihood', batchId: 'b5' }),
    testDoc('school', { title: '昌吉州第二中学2025年高考成绩实现突破', body: '600分以上的考生由7人增加到40人。' }, { kind: 'achievement', area: 'education', yearFrom: 2025, yearTo: 2025, dateKey: 20250000, batchId: 'b5' }),
    testDoc('bdo', { title: '新疆国泰新华化工煤基BDO生产线', places: '准东经济技术开发区', caption: '产品纯度99.75%，图片由山西援疆前方指挥部提供' }, { kind: 'photo', yearFrom: 2024, yearTo: 2024, dateKey: 20240623, flags: F_PHOTO, batchId: 'b4' }),
    testDoc('clinic', { title: '准东义诊现场医疗援疆队医生为儿童检查视力', places: '准东经济技术开发区', body: '山西“汾水连天山”医疗援疆联合工作队在准东举行义诊。' }, { kind: 'photo', area: 'medical', yearFrom: 2025, yearTo: 2025, dateKey: 20250000, flags: F_PHOTO, batchId: 'b5' }),
    testDoc('health', { title: '沙尼汗小院健康守护行动', places: '阜康市', body: '援疆医生定期到小院开展义诊与健康咨询。' }, { kind: 'achievement', area: 'medical', batchId: 'b5' }),
    testDoc('old', { title: '焦化企业节能改造调研报告', body: '调研阜康与奇台两地焦化企业。' }, { kind: 'report', yearFrom: 2019, yearTo: 2019, dateKey: 20190301, batchId: 'b4' }),
    testDoc('b5', { title: '第五批山西援疆工作队' }, { kind: 'batch', batchNumber: 5, batchId: 'b5' }),
    testDoc('b4', { title: '第四批山西援疆工作队' }, { kind: 'batch', batchNumber: 4, batchId: 'b4' }),
  ])
  return idx
}

describe('tokenizer: the keys a record is indexed under', () => {
  it('CJK bigrams, Latin trigrams, short runs whole', () => {
    const idx = new SearchIndex()
    idx.addMany([testDoc('a', { title: '阜康BDO', body: '焦化5万' })])
    const keys = idx.debugKeys('a')
    expect(keys).toEqual(expect.arrayContaining(['阜康 title', 'bdo title', '焦化 body', '5 body']))
    // No single characters (found through their bigrams), no bigram across a script change.
    expect(keys.some((k) => /^[\u4e00-\u9fff] /.test(k))).toBe(false)
    expect(keys.some((k) => k.startsWith('化5') || k.startsWith('康b'))).toBe(false)
  })

  it('records each key once per document, with every field group it occurs in', () => {
    const idx = new SearchIndex()
    idx.addMany([testDoc('a', { title: '阜康市', places: '阜康市', body: '阜康市 阜康市' })])
    expect(idx.debugKeys('a').filter((k) => k.startsWith('阜康 '))).toEqual(['阜康 title,places,body'])
  })

  it('indexes normalised text: traditional, full width and case fold to the same keys', () => {
    const idx = new SearchIndex()
    idx.addMany([testDoc('a', { title: '煤層氣ＢＤＯ' })])
    expect(idx.debugKeys('a')).toEqual(expect.arrayContaining(['煤层 title', '层气 title', 'bdo title']))
  })

  it('builds the same index in bulk and one document at a time', () => {
    const docs = [testDoc('a', { title: '阜康焦化', body: '煤层气 BDO 5万' }), testDoc('b', { title: '吉木萨尔', body: '阜康' })]
    const bulk = new SearchIndex()
    bulk.addMany(docs)
    const one = new SearchIndex()
    for (const d of docs) one.upsert(d)
    for (const id of ['a', 'b']) expect(one.debugKeys(id)).toEqual(bulk.debugKeys(id))
  })
})

describe('pinyin index', () => {
  it('gives each indexed pair its reading, resolving polyphones in context', () => {
    const idx = new SearchIndex()
    idx.addMany([testDoc('a', { title: '阜康市', body: '银行行长到长治市重庆路' })])
    expect(idx.debugReadings('阜康')).toEqual(['fu kang'])
    expect(idx.debugReadings('银行')).toEqual(['yin hang'])
    expect(idx.debugReadings('长治')).toEqual(['chang zhi'])
    expect(idx.debugReadings('重庆')).toEqual(['chong qing'])
  })

  it('computes readings when indexing, never for indexed text at query time', () => {
    const idx = sample()
    const before = { ...pinyinCalls }
    for (const q of ['fukang', 'fu kang', 'jmse', 'fk', 'fukang 焦化', 'shanihan', 'meicengqi', 'gxj']) idx.search({ q, limit: 5 }, ctx)
    expect(pinyinCalls.pairs).toBe(before.pairs)
    expect(pinyinCalls.chars).toBe(before.chars)
    // A homophone typo converts the query term only.
    idx.search({ q: '富康', limit: 5 }, ctx)
    expect(pinyinCalls.pairs).toBe(before.pairs)
    expect(pinyinCalls.query - before.query).toBeLessThanOrEqual(3)
  })
})

describe('matching', () => {
  let idx: SearchIndex
  beforeAll(() => {
    idx = sample()
  })

  it('ANDs words across fields', () => {
    expect(ids(idx, '阜康 焦化')).toEqual(['cdq', 'old'])
    expect(ids(idx, '准东 义诊')).toEqual(['clinic'])
    expect(ids(idx, '阜康 吉木萨尔')).toEqual([])
  })

  it('finds pinyin: full, spaced, initials, mixed with characters, half-typed', () => {
    expect(ids(idx, 'fukang')[0]).toBe('cdq')
    expect(ids(idx, 'fukang')).toEqual(expect.arrayContaining(['cdq', 'yard', 'health', 'old']))
    expect(ids(idx, 'fu kang')).toEqual(ids(idx, 'fukang'))
    expect(ids(idx, 'jmse')).toEqual(['cbm'])
    expect(ids(idx, 'jimusaer')).toEqual(['cbm'])
    expect(ids(idx, 'fukang 焦化')).toEqual(['cdq', 'old'])
    expect(ids(idx, 'gxj')).toEqual(['cdq'])
    expect(ids(idx, 'shanihan')).toEqual(expect.arrayContaining(['yard', 'health']))
    expect(ids(idx, '焦化 fuka')).toEqual(['cdq', 'old'])
  })

  it('finds homophone typos through the pinyin of indexed text, and says so', () => {
    const r = idx.search({ q: '富康 焦化', limit: 5 }, ctx)
    expect(r.hits.slice(0, r.understood.strictTotal).map((h) => h.id)).toEqual(['cdq', 'old'])
    expect(r.understood.rewrites).toContainEqual({ word: '富康', used: ['阜康'], how: 'sound' })
    expect(ids(idx, '煤层器')).toEqual(['cbm'])
    // An exact match is preferred to a homophone: 焦化 exists, so no sound-alike is tried.
    expect(idx.search({ q: '焦化', limit: 5 }, ctx).understood.rewrites).toEqual([])
  })

  it('matches a Chinese term whose words are present nearby, below an exact match', () => {
    expect(ids(idx, '老人照料')).toEqual(['yard'])
    expect(ids(idx, '高考突破')).toEqual(['school'])
    // The words far apart in different fields still match, ranked lower.
    expect(ids(idx, '阜康焦化')).toEqual(['cdq', 'old'])
  })

  it('ranks title, tags, place and people above body, exact above fuzzy', () => {
    // Both titles have 焦化; a title that starts with the word ranks first.
    expect(ids(idx, '焦化')).toEqual(['old', 'cdq'])
    // 义诊 in clinic's title beats health's body.
    expect(ids(idx, '义诊')).toEqual(['clinic', 'health'])
    // exact 阜康 (places) above the homophone-free pinyin-only matches.
    const r = idx.search({ q: '阜康', limit: 10 }, ctx)
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[r.hits.length - 1]!.score - 1e-9)
  })

  it('ranks a title that starts with the term first, for terms of two, three and more characters, its titles read ahead or not', () => {
    // The title-start records come first in the list: on a tie the newer entry would win.
    const docs = [
      testDoc('two', { title: '义诊' }),
      testDoc('two-in', { title: '开展义诊' }),
      testDoc('three', { title: '昌吉市文艺演出' }),
      testDoc('three-in', { title: '在昌吉市文艺演出' }),
      // Starts with the term's first two characters only.
      testDoc('three-near', { title: '昌吉州与昌吉市文艺演出' }),
      testDoc('quoted', { title: '“汾水连天山”文化品牌' }),
      testDoc('long-in', { title: '山西汾水连天山文化品牌' }),
    ]
    const lazy = new SearchIndex()
    lazy.addMany(docs)
    const ahead = new SearchIndex()
    ahead.addMany(docs)
    // In steps, as the worker's warm-up reads them; each step says where it stopped.
    expect(ahead.readTitleHeads(0, 4)).toBe(4)
    expect(ahead.readTitleHeads(4, 8)).toBe(7)
    for (const idx of [lazy, ahead]) {
      expect(ids(idx, '义诊')).toEqual(['two', 'two-in'])
      expect(ids(idx, '昌吉市')).toEqual(['three', 'three-near', 'three-in'])
      expect(ids(idx, '汾水连天山')).toEqual(['quoted', 'long-in'])
      // Three characters that only begin the same: no bonus, the newer entry first.
      expect(ids(idx, '文艺演出')).toEqual(['three-near', 'three-in', 'three'])
    }
  })

  it('breaks ties by recency', () => {
    const t = new SearchIndex()
    t.addMany([
      testDoc('older', { title: '义诊活动' }, { dateKey: 20230101 }),
      testDoc('newer', { title: '义诊活动' }, { dateKey: 20250101 }),
      testDoc('undated', { title: '义诊活动' }),
    ])
    expect(ids(t, '义诊')).toEqual(['newer', 'older', 'undated'])
  })

  it('finds a single character, and a single syllable in short fields', () => {
    expect(ids(idx, '县')).toEqual(['cbm'])
    expect(ids(idx, '汗')).toEqual(expect.arrayContaining(['yard', 'health']))
    expect(ids(idx, 'ji')).toEqual(expect.arrayContaining(['cbm', 'school']))
  })

  it('matches exact phrases only where contiguous', () => {
    expect(ids(idx, '"汾水连天山"')).toEqual(['clinic'])
    expect(ids(idx, '"阜康焦化"')).toEqual([])
    expect(ids(idx, '"小组团"')).toEqual(['cbm'])
  })

  it('excludes with -word', () => {
    expect(ids(idx, '义诊 -准东')).toEqual(['health'])
    expect(ids(idx, '阜康 -fukang')).toEqual([])
    expect(ids(idx, '-阜康 焦化')).toEqual([])
  })

  it('matches Latin words and numbers, whole words and whole numbers', () => {
    expect(ids(idx, 'BDO')).toEqual(['bdo'])
    expect(ids(idx, 'bdo')).toEqual(['bdo'])
    expect(ids(idx, 'ＢＤＯ')).toEqual(['bdo'])
    expect(ids(idx, '99.75')).toEqual(['bdo'])
    expect(ids(idx, '1.7亿')).toEqual(['cdq'])
    expect(ids(idx, '5万')).toEqual(['cbm'])
    expect(ids(idx, '170吨')).toEqual(['cdq'])
  })

  it('applies traditional → simplified and full-width folding to queries', () => {
    expect(ids(idx, '煤層氣')).toEqual(['cbm'])
    expect(ids(idx, '吉木薩爾')).toEqual(['cbm'])
    expect(ids(idx, '６００分')).toEqual(['school'])
  })

  it('filters by batch, area, place, year, type, tag, has', () => {
    expect(ids(idx, 'batch:4').sort()).toEqual(['b4', 'bdo', 'old'])
    expect(ids(idx, 'batch:4 焦化')).toEqual(['old'])
    expect(ids(idx, 'batch:4..5 焦化')).toEqual(['old', 'cdq'])
    expect(ids(idx, 'area:医疗')).toEqual(['clinic', 'health'])
    expect(ids(idx, 'area:medical 义诊')).toEqual(['clinic', 'health'])
    expect(ids(idx, 'place:阜康 义诊')).toEqual(['health'])
    expect(ids(idx, 'place:fukang 焦化')).toEqual(['cdq'])
    expect(ids(idx, 'year:2024').sort()).toEqual(['bdo', 'cbm', 'cdq'])
    expect(ids(idx, 'year:2024..2025 焦化')).toEqual(['cdq'])
    expect(ids(idx, 'year:..2020')).toEqual(['old'])
    expect(ids(idx, 'type:photo')).toEqual(['clinic', 'bdo'])
    expect(ids(idx, 'type:photo|report 准东')).toEqual(['clinic', 'bdo'])
    expect(ids(idx, 'type:batch')).toEqual(expect.arrayContaining(['b4', 'b5']))
    expect(ids(idx, 'tag:煤化工')).toEqual(['cdq'])
    expect(ids(idx, 'tag:产业')).toEqual(['cdq', 'cbm'])
    expect(ids(idx, 'has:photo 准东')).toEqual(['clinic', 'bdo'])
    expect(ids(idx, '-type:photo 准东')).toEqual([])
    expect(ids(idx, '焦化', 10)).toHaveLength(2)
    expect(idx.search({ q: '准东', limit: 10, kinds: ['photo'] }, ctx).countsByKind).toEqual({ batch: 0, report: 0, achievement: 0, photo: 2 })
  })

  it('counts results by kind', () => {
    const r = idx.search({ q: '阜康', limit: 2 }, ctx)
    expect(r.hits).toHaveLength(2)
    expect(r.total).toBe(4)
    expect(r.countsByKind).toEqual({ batch: 0, report: 1, achievement: 3, photo: 0 })
  })

  it('warns about unknown fields and unknown areas, and still searches', () => {
    const r = idx.search({ q: 'foo:bar 焦化', limit: 5 }, ctx)
    expect(r.warnings[0]).toMatchObject({ code: 'unknown_field', params: { field: 'foo' } })
    expect(r.hits.map((h) => h.id)).toEqual(['old', 'cdq'])
    expect(idx.search({ q: 'area:航天', limit: 5 }, ctx).warnings).toEqual([{ code: 'no_area', params: { value: '航天', areas: expect.stringContaining('教育援疆') } }])
  })

  it('suggests when nothing matches: a fixed pinyin typo, the query without a word', () => {
    expect(idx.search({ q: 'fukagn', limit: 5 }, ctx).suggestions).toContain('fukang')
    // Both words exist, never together: records with either come back as partial matches.
    const apart = idx.search({ q: '焦化 吉木萨尔', limit: 5 }, ctx)
    expect(apart.understood.strictTotal).toBe(0)
    expect(apart.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['cdq', 'cbm']))
    expect(apart.understood.missing).toEqual([])
    expect(idx.search({ q: '阜康 year:2030', limit: 5 }, ctx).suggestions).toContain('阜康')
    const none = idx.search({ q: 'xyzzy', limit: 5 }, ctx)
    expect(none.total).toBe(0)
    expect(none.suggestions).toEqual([])
  })

  it('returns nothing for an empty query', () => {
    expect(idx.search({ q: '  ', limit: 5 }, ctx).total).toBe(0)
  })
})

describe('highlights', () => {
  it('gives ranges into the field’s own text, per field', () => {
    const idx = sample()
    const hit = idx.search({ q: '阜康 焦化', limit: 1 }, ctx).hits[0]!
    const title = hit.highlights.find((h) => h.field === 'title')!
    expect(title.text).toBe('阜康市永鑫焦化170吨/时干熄焦项目建成投产')
    expect(title.ranges.map(([a, b]) => title.text.slice(a, b))).toEqual(['阜康', '焦化'])
    const places = hit.highlights.find((h) => h.field === 'places')!
    expect(places.ranges).toEqual([[0, 2]])
  })

  it('highlights pinyin and homophone matches on the characters', () => {
    const idx = sample()
    const h = idx.search({ q: 'jmse', limit: 1 }, ctx).hits[0]!.highlights.find((x) => x.field === 'title')!
    expect(h.ranges.map(([a, b]) => h.text.slice(a, b))).toEqual(['吉木萨尔'])
    const h2 = idx.search({ q: '富康', limit: 1 }, ctx).hits[0]!.highlights.find((x) => x.field === 'places')!
    expect(h2.ranges.map(([a, b]) => h2.text.slice(a, b))).toEqual(['阜康'])
  })

  it('shows the original text (traditional, full width) with offsets that fit it', () => {
    const idx = new SearchIndex()
    idx.addMany([testDoc('t', { title: '吉木薩爾縣煤層氣ＢＤＯ' })])
    const h = idx.search({ q: '煤层气 bdo', limit: 1 }, ctx).hits[0]!.highlights[0]!
    expect(h.text).toBe('吉木薩爾縣煤層氣ＢＤＯ')
    expect(h.ranges.map(([a, b]) => h.text.slice(a, b))).toEqual(['煤層氣ＢＤＯ'])
  })

  it('cuts a long body to a window around the match, offsets into the window', () => {
    const idx = new SearchIndex()
    const body = '开头的文字。'.repeat(60) + '干熄焦项目投产' + '结尾的文字。'.repeat(60)
    idx.addMany([testDoc('long', { title: '报告', body })])
    const h = idx.search({ q: '干熄焦', limit: 1 }, ctx).hits[0]!.highlights.find((x) => x.field === 'body')!
    expect(h.text.length).toBeLessThan(200)
    expect(h.text.startsWith('…')).toBe(true)
    expect(h.ranges).toHaveLength(1)
    expect(h.text.slice(h.ranges[0]![0], h.ranges[0]![1])).toBe('干熄焦')
  })
})

describe('incremental updates', () => {
  it('adds, edits and removes records without a rebuild', () => {
    const idx = sample()
    idx.update([testDoc('new', { title: '奇台县光伏发电示范项目', places: '奇台县' })])
    expect(ids(idx, '光伏')).toEqual(['new'])
    expect(ids(idx, 'qitai')).toEqual(['new', 'old']) // old's body mentions 奇台
    // Edit: the old text is gone, the new one found.
    idx.update([testDoc('new', { title: '奇台县风电示范项目', places: '奇台县' })])
    expect(ids(idx, '光伏')).toEqual([])
    expect(ids(idx, '风电')).toEqual(['new'])
    // Pinyin for a pair never seen before is computed on the update.
    expect(ids(idx, 'fengdian')).toEqual(['new'])
    idx.update([], ['new'])
    expect(ids(idx, '风电')).toEqual([])
    expect(idx.size).toBe(10)
  })

  it('reflects a renamed tag once the record is re-sent', () => {
    const idx = sample()
    expect(ids(idx, 'tag:新能源')).toEqual([])
    idx.update([testDoc('cdq', { title: '阜康市永鑫焦化170吨/时干熄焦项目建成投产', tags: '产业/新能源' })])
    expect(ids(idx, 'tag:新能源')).toEqual(['cdq'])
    expect(ids(idx, 'tag:煤化工')).toEqual([])
  })

  it('stays correct across compaction (many edits and deletions)', () => {
    const idx = new SearchIndex()
    const docs = Array.from({ length: 7000 }, (_, i) => testDoc(`d${i}`, { title: `记录${i % 7 === 0 ? '阜康' : '奇台'}第${i}号`, body: '援疆工作' }))
    idx.addMany(docs)
    for (let i = 0; i < 7000; i += 2) idx.remove(`d${i}`)
    for (let i = 1; i < 7000; i += 2) if (i % 3 === 0) idx.upsert(testDoc(`d${i}`, { title: `记录阜康第${i}号` }))
    expect(idx.stats().deadDocs).toBeLessThan(7000)
    const r = idx.search({ q: '阜康', limit: 1000 }, ctx)
    const expected = new Set(Array.from({ length: 7000 }, (_, i) => i).filter((i) => i % 2 === 1 && (i % 7 === 0 || i % 3 === 0)).map((i) => `d${i}`))
    expect(r.total).toBe(expected.size)
    expect(r.hits.every((h) => expected.has(h.id))).toBe(true)
    expect(idx.search({ q: '援疆', limit: 1 }, ctx).total).toBe(3500 - [...expected].filter((id) => Number(id.slice(1)) % 3 === 0).length)
  })
})
