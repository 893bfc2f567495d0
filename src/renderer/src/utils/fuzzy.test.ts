import { describe, expect, it } from 'vitest'
import { fuzzyIndex, isLatinQuery } from './fuzzy'

// The demo's tags and the settings' places: the labels staff pick from.
const TAGS = [
  '领域/产业援疆', '地点/昌吉市', '地点/阜康市', '地点/准东经济技术开发区', '产业/煤化工',
  '产业/煤层气', '产业/节能降碳', '民生/养老', '医疗/义诊', '品牌/汾水连天山',
]
const PLACES = ['昌吉市', '阜康市', '呼图壁县', '玛纳斯县', '奇台县', '吉木萨尔县', '准东经济技术开发区', '昌吉国家高新技术产业开发区']
const index = (labels: string[]) => fuzzyIndex(labels.map((label, i) => ({ value: `v${i}`, label })))
const labelsFor = (labels: string[], q: string) => {
  const byValue = new Map(labels.map((label, i) => [`v${i}`, label]))
  return index(labels).filter(q).map((v) => byValue.get(v))
}

describe('fuzzy picker matching', () => {
  it('finds a tag by its initials, full pinyin, a half-typed and a mistyped pinyin', () => {
    for (const q of ['mhg', 'meihuagong', 'meihuagon', 'MeiHuaGong', 'mei hua gong', 'meihuagomg', 'meihaugong']) {
      expect(labelsFor(TAGS, q)[0], q).toBe('产业/煤化工')
    }
    expect(labelsFor(TAGS, 'mhg')).toEqual(['产业/煤化工'])
  })

  it('finds places by initials and pinyin, on their own and as tag segments', () => {
    expect(labelsFor(PLACES, 'fk')).toEqual(['阜康市'])
    expect(labelsFor(PLACES, 'fukang')).toEqual(['阜康市'])
    expect(labelsFor(TAGS, 'fk')).toEqual(['地点/阜康市'])
    expect(labelsFor(PLACES, 'zhundong')).toEqual(['准东经济技术开发区'])
    expect(labelsFor(TAGS, 'zhundong')).toEqual(['地点/准东经济技术开发区'])
  })

  it('keeps plain substring matching, best first', () => {
    expect(labelsFor(PLACES, '昌吉')).toEqual(['昌吉市', '昌吉国家高新技术产业开发区'])
    expect(labelsFor(PLACES, '开发区')).toEqual(['准东经济技术开发区', '昌吉国家高新技术产业开发区'])
    // An exact label beats a longer one that starts the same.
    expect(labelsFor(['煤化工园区', '煤化工'], '煤化工')).toEqual(['煤化工', '煤化工园区'])
    expect(labelsFor(TAGS, '地点')).toEqual(['地点/昌吉市', '地点/阜康市', '地点/准东经济技术开发区'])
  })

  it('ranks characters before pinyin, pinyin prefixes before pinyin inside, typos last', () => {
    // A Latin label starting with the query, then pinyin prefixes (chang…, chan…); shan is
    // one letter off but too short a query to forgive.
    expect(labelsFor(['山西', '昌吉市', '产业/煤化工', 'chang'], 'chan')).toEqual(['chang', '昌吉市', '产业/煤化工'])
    // jishu starts at a syllable inside 准东经济技术开发区 (zhun dong jing ji ji shu …).
    expect(labelsFor(['技术中心', '准东经济技术开发区'], 'jishu')).toEqual(['技术中心', '准东经济技术开发区'])
    // A syllable's inside is no start: 'an' is in shan but starts no syllable of 山西.
    expect(labelsFor(['山西'], 'an')).toEqual([])
    // The exact pinyin outranks a near miss.
    expect(labelsFor(['煤层气', '煤化工'], 'meicengqi')).toEqual(['煤层气'])
    expect(labelsFor(['煤层气', '煤化工', '玛纳斯县'], 'meihuagomg')).toEqual(['煤化工'])
    expect(labelsFor(PLACES, 'fukag')).toEqual(['阜康市'])
    expect(labelsFor(TAGS, 'zhundogn')).toEqual(['地点/准东经济技术开发区'])
  })

  it('finds long names by their initials with a syllable or two left out, from the first', () => {
    const ORGS = ['阜康市人民医院', '昌吉州第二中学', '山西蓝焰控股', '山西省忻州市第一中学']
    expect(labelsFor(ORGS, 'fkrm')).toEqual(['阜康市人民医院'])
    expect(labelsFor(ORGS, 'cjdezx')).toEqual(['昌吉州第二中学'])
    // 省 and 市 left out; the initials as typed still come first.
    expect(labelsFor([...ORGS, '山西忻州'], 'sxxz')).toEqual(['山西忻州', '山西省忻州市第一中学'])
    // Three syllables left out are too many; the first letter must start the name; two
    // letters are too few to guess from.
    expect(labelsFor(ORGS, 'fkyy')).toEqual([])
    expect(labelsFor(ORGS, 'krm')).toEqual([])
    expect(labelsFor(ORGS, 'fr')).toEqual([])
    // A person's role in brackets does not hide the name's initials.
    expect(labelsFor(['杨向茹（山西省援疆医生，阜康市人民医院耳鼻喉科主任）', '左晓雨（本报记者）'], 'yxr')).toEqual(['杨向茹（山西省援疆医生，阜康市人民医院耳鼻喉科主任）'])
  })

  it('finds nothing for nonsense, and everything for an empty query', () => {
    for (const q of ['xqzwv', 'qqqq', '火星基地', 'zz']) expect(labelsFor([...TAGS, ...PLACES], q), q).toEqual([])
    expect(index(PLACES).filter('  ')).toEqual(PLACES.map((_, i) => `v${i}`))
  })

  it('tells typed Latin from Chinese', () => {
    expect(isLatinQuery('mhg')).toBe(true)
    expect(isLatinQuery("xi'an 2024")).toBe(true)
    expect(isLatinQuery('煤化工')).toBe(false)
    expect(isLatinQuery('2024')).toBe(false)
  })
})
