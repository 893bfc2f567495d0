// Query understanding at the engine: what is found, in what order, and what the result
// says about how the query was read.
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_AREAS } from '../../shared/domain'
import { SearchIndex, type SearchContext } from './search-index'
import { testDoc } from './testing'

const ctx: SearchContext = { areas: DEFAULT_AREAS }
let idx: SearchIndex

beforeAll(() => {
  idx = new SearchIndex()
  idx.addMany([
    testDoc('cdq', { title: '阜康市永鑫焦化170吨/时干熄焦项目建成投产', places: '阜康市', body: '投产后每年可发电1.7亿千瓦时。' }, { kind: 'achievement', yearFrom: 2024, yearTo: 2024, dateKey: 20240900, batchId: 'b5' }),
    testDoc('doctor', { title: '援疆医生传帮带', places: '昌吉州', body: '山西援疆医生在人民医院查房示教。' }, { kind: 'achievement', yearFrom: 2025, yearTo: 2025, dateKey: 20250100, batchId: 'b5' }),
    testDoc('daifu', { title: '乡村大夫培训', body: '为基层大夫开展培训。' }, { kind: 'report', yearFrom: 2023, yearTo: 2023, dateKey: 20230100, batchId: 'b4' }),
    testDoc('school', { title: '昌吉州第二中学高考成绩实现突破', places: '昌吉州', body: '600分以上的考生增加到40人。' }, { kind: 'achievement', yearFrom: 2025, yearTo: 2025, dateKey: 20250600, batchId: 'b5' }),
    testDoc('cbm4', { title: '煤层气开发技术服务', places: '吉木萨尔县' }, { kind: 'achievement', yearFrom: 2019, yearTo: 2019, dateKey: 20190100, batchId: 'b4' }),
    testDoc('cbm5', { title: '吉木萨尔县煤层气示范点', places: '吉木萨尔县' }, { kind: 'achievement', yearFrom: 2024, yearTo: 2024, dateKey: 20240500, batchId: 'b5' }),
    testDoc('b5', { title: '第五批山西援疆工作队' }, { kind: 'batch', batchNumber: 5, batchId: 'b5' }),
    testDoc('b4', { title: '第四批山西援疆工作队' }, { kind: 'batch', batchNumber: 4, batchId: 'b4' }),
  ])
})

const search = (q: string, extra: Partial<Parameters<SearchIndex['search']>[0]> = {}, c: SearchContext = ctx) => idx.search({ q, limit: 20, ...extra }, c)
const ids = (q: string) => search(q).hits.map((h) => h.id)

describe('natural queries', () => {
  it('a synonym finds what the text says otherwise, a little below the word itself', () => {
    const r = search('大夫')
    expect(r.hits.map((h) => h.id)).toEqual(['daifu', 'doctor'])
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score)
    expect(r.understood.rewrites).toEqual([{ word: '大夫', used: ['医生'], how: 'synonym' }])
    // Highlights show the word the record has.
    const h = r.hits[1]!.highlights.find((x) => x.field === 'title')!
    expect(h.ranges.map(([a, b]) => h.text.slice(a, b))).toEqual(['医生'])
  })

  it('an abbreviation inside a phrase: 昌吉州二中 finds 昌吉州第二中学', () => {
    const r = search('昌吉州二中')
    expect(r.hits[0]!.id).toBe('school')
    // 第二中学 holds 二中: the words themselves find it, no rewrite is needed.
    expect(r.understood.rewrites.map((x) => x.word)).not.toContain('二中')
  })

  it('a spoken number: 1.7亿度 and 每小时170吨 find the 千瓦时 and 吨/时 of the text', () => {
    expect(ids('1.7亿度')).toEqual(['cdq'])
    expect(ids('每小时170吨')).toEqual(['cdq'])
    expect(search('1.7亿度').understood.rewrites).toEqual([{ word: '1.7亿度', used: ['1.7亿千瓦时'], how: 'number' }])
  })

  it('a phrase with function words: they are set aside and the words must all be there', () => {
    const r = search('山西医生在医院做了什么')
    expect(r.hits[0]!.id).toBe('doctor')
    expect(r.understood.strictTotal).toBe(1)
    expect(r.understood.ignored).toEqual(expect.arrayContaining(['在', '做了什么']))
  })

  it('第四批 narrows to batch 4, shown as a chip; the same words quoted are text', () => {
    const r = search('第四批 煤层气')
    expect(r.hits.map((h) => h.id)).toEqual(['cbm4'])
    expect(r.understood.chips).toEqual([{ type: 'batch', source: '第四批', lo: 4, hi: 4 }])
    const quoted = search('"第四批" 煤层气')
    expect(quoted.understood.chips).toEqual([])
    expect(quoted.understood.strictTotal).toBe(0)
  })

  it('2024年的成果: year and kind, nothing else to match', () => {
    const r = search('2024年的成果')
    expect(r.hits.map((h) => h.id).sort()).toEqual(['cbm5', 'cdq'])
    expect(r.understood.chips.map((c) => c.type)).toEqual(['year', 'kind'])
  })
})

describe('partial matches', () => {
  it('one unknown word does not empty the query: records with the rest, and the word named', () => {
    const r = search('干熄焦 外星人')
    expect(r.hits.map((h) => h.id)).toEqual(['cdq'])
    expect(r.hits[0]!.missing).toEqual(['外星人'])
    expect(r.understood).toMatchObject({ strictTotal: 0, missing: ['外星人'] })
  })

  it('records with every word come first; the rest follow by how much they cover', () => {
    const r = search('吉木萨尔县 煤层气 示范点')
    expect(r.understood.strictTotal).toBe(1)
    expect(r.hits.map((h) => h.id)).toEqual(['cbm5', 'cbm4'])
    expect(r.hits[0]!.missing).toBeUndefined()
    expect(r.hits[1]!.missing).toEqual(['示范点'])
  })

  it('+word and "phrases" must be found; strict asks for no partial matches', () => {
    expect(ids('+外星人 干熄焦')).toEqual([])
    expect(ids('"外星人" 干熄焦')).toEqual([])
    expect(search('干熄焦 外星人', { strict: true }).total).toBe(0)
  })

  it('exclusions apply to partial matches too', () => {
    expect(ids('煤层气 示范点 -吉木萨尔县')).toEqual([])
    expect(ids('煤层气 外星人 -示范点')).toEqual(['cbm4'])
  })
})

describe('the archive’s thesaurus and the switch', () => {
  it('a line the office added is used at once', () => {
    const own: SearchContext = { ...ctx, thesaurus: [{ words: ['煤层甲烷', '煤层气'], oneWay: false }] }
    expect(search('煤层甲烷', {}, ctx).understood.strictTotal).toBe(0)
    const r = search('煤层甲烷', {}, own)
    expect(r.understood.strictTotal).toBe(2)
    expect(r.hits.map((h) => h.id).sort()).toEqual(['cbm4', 'cbm5'])
    expect(r.understood.rewrites).toEqual([{ word: '煤层甲烷', used: ['煤层气'], how: 'synonym' }])
  })

  it('a shipped line switched off in 设置 is not used', () => {
    const off: SearchContext = { ...ctx, thesaurusOff: ['医生 大夫 医师 医务人员'] }
    expect(search('大夫', {}, off).hits.map((h) => h.id)).toEqual(['daifu'])
    expect(search('大夫', {}, off).understood.rewrites).toEqual([])
  })

  it('understanding off reads word for word, as before', () => {
    const off: SearchContext = { ...ctx, understanding: false }
    expect(search('大夫', {}, off).hits.map((h) => h.id)).toEqual(['daifu'])
    expect(search('干熄焦 外星人', {}, off).total).toBe(0)
    expect(search('第四批 煤层气', {}, off).understood.chips).toEqual([])
  })
})
