import { describe, expect, it } from 'vitest'
import { parseQuery } from '../query'
import { analyze, decompose, stripFunctionWords } from './analyze'
import { chineseInteger, spokenForms } from './numbers'
import { Thesaurus, thesaurusFor } from './thesaurus'

const th = thesaurusFor()
const read = (q: string, batches = [4, 5]) => analyze(parseQuery(q), { thesaurus: th, batchExists: (n) => batches.includes(n) })

describe('numbers as spoken', () => {
  it('reads Chinese numerals and units the way the archive writes them', () => {
    expect(spokenForms('五万立方米')).toEqual(['5万立方米'])
    expect(spokenForms('一点七亿度')).toEqual(['1.7亿千瓦时'])
    expect(spokenForms('1.7亿度')).toEqual(['1.7亿千瓦时'])
    expect(spokenForms('百分之三十')).toEqual(['30%'])
    expect(spokenForms('每小时170吨')).toEqual(['170吨/时'])
    expect(spokenForms('170吨每小时')).toEqual(['170吨/时'])
    expect(spokenForms('二〇二四年')).toEqual(['2024年'])
    expect(chineseInteger('一千七百')).toBe(1700)
    expect(chineseInteger('十二')).toBe(12)
  })

  it('leaves words alone: 一 inside a word, 度 that is not a unit', () => {
    expect(spokenForms('第一中学')).toEqual([])
    expect(spokenForms('石榴籽一家亲')).toEqual([])
    expect(spokenForms('温度')).toEqual([])
    expect(spokenForms('制度建设')).toEqual([])
  })
})

describe('filters said in words', () => {
  it('第四批, 第4批 and 四批 read as batch 4 when the archive has it', () => {
    for (const q of ['第四批 煤层气', '第4批 煤层气', '四批 煤层气']) {
      const a = read(q)
      expect(a.chips).toEqual([expect.objectContaining({ type: 'batch', lo: 4, hi: 4 })])
      expect(a.filters).toEqual([expect.objectContaining({ type: 'batch', lo: 4, hi: 4 })])
      expect(a.units.map((u) => u.label)).toEqual(['煤层气'])
    }
  })

  it('a batch the archive lacks stays text, with an unmatched chip', () => {
    const a = read('第六批 干熄焦')
    expect(a.chips).toEqual([expect.objectContaining({ type: 'batch', lo: 6, unmatched: true })])
    expect(a.filters).toEqual([])
    expect(a.units.map((u) => u.label)).toEqual(['第六批', '干熄焦'])
  })

  it('2024年 and 二〇二四年 read as a year; a date with a month does not', () => {
    expect(read('2024年 展厅').filters).toEqual([expect.objectContaining({ type: 'year', lo: 2024 })])
    expect(read('二〇二四年 展厅').chips).toEqual([expect.objectContaining({ type: 'year', lo: 2024, source: '二〇二四年' })])
    expect(read('2024年9月').filters).toEqual([])
  })

  it('a closing 成果 or 照片 names the kind, when something else says what about', () => {
    const a = read('2024年的成果')
    expect(a.chips.map((c) => c.type)).toEqual(['year', 'kind'])
    expect(a.units).toEqual([])
    expect(read('义诊照片').filters).toEqual([expect.objectContaining({ type: 'kind', kinds: ['photo'] })])
    expect(read('义诊照片').units.map((u) => u.label)).toEqual(['义诊'])
    // Alone, or not at the end, it is a word.
    expect(read('成果').filters).toEqual([])
    expect(read('成果汇编').filters).toEqual([])
  })

  it('quoted text is never interpreted', () => {
    const a = read('"第五批" 煤层气')
    expect(a.chips).toEqual([])
    expect(a.units.map((u) => [u.label, u.required])).toEqual([
      ['第五批', true],
      ['煤层气', false],
    ])
  })
})

describe('words', () => {
  it('function words at the ends carry no weight; 中 in 中学 and 一 in 一中 stay', () => {
    expect(stripFunctionWords('关于沙尼汗小院的改造情况')).toBe('沙尼汗小院的改造')
    expect(stripFunctionWords('医院做了什么')).toBe('医院')
    expect(stripFunctionWords('中学')).toBe('中学')
    expect(read('昌吉州二中').units.map((u) => u.label)).toEqual(['昌吉州二中'])
  })

  it('decompose keeps names whole, drops function words and glues lone characters', () => {
    const vocab = new Set(['准东', '吉木萨尔县'])
    // 企业 is a thesaurus word (厂子), so it stands apart and can be found by its synonyms.
    expect(decompose('准东的化工企业', vocab, th)).toEqual({ words: ['准东', '化工', '企业'], ignored: ['的'] })
    expect(decompose('山西医生在医院做了什么', vocab, th).ignored).toEqual(expect.arrayContaining(['在', '做了什么']))
    expect(decompose('吉木萨尔县干熄焦', vocab, th).words).toEqual(['吉木萨尔县', '干熄焦'])
    // 晋 is a thesaurus word: it stays apart so that it can be read as 山西.
    expect(decompose('晋援疆', vocab, th).words).toEqual(['晋', '援疆'])
  })

  it('units carry their thesaurus and number forms', () => {
    const u = read('大夫').units[0]!
    expect(u.alts).toEqual(expect.arrayContaining([{ text: '医生', how: 'synonym' }]))
    expect(read('前指').units[0]!.alts).toEqual([{ text: '前方指挥部', how: 'abbreviation' }])
    expect(read('1.7亿度').units[0]!.alts).toEqual([{ text: '1.7亿千瓦时', how: 'number' }])
  })
})

describe('thesaurus', () => {
  it('a synonym line works both ways, an abbreviation one way', () => {
    const t = new Thesaurus([
      { words: ['焦炭', '焦煤'], oneWay: false },
      { words: ['晋', '山西'], oneWay: true },
    ])
    expect(t.expand('焦煤')).toEqual([{ word: '焦炭', how: 'synonym' }])
    expect(t.expand('晋')).toEqual([{ word: '山西', how: 'abbreviation' }])
    expect(t.expand('山西')).toEqual([])
  })

  it('a shipped line the office switched off is not used', () => {
    expect(thesaurusFor().expand('大夫').map((x) => x.word)).toContain('医生')
    expect(thesaurusFor([], ['医生 大夫 医师 医务人员']).expand('大夫')).toEqual([])
    expect(thesaurusFor([], ['医生 大夫 医师 医务人员']).expand('前指').length).toBe(1)
  })

  it('the archive’s own lines join the shipped ones, normalised', () => {
    const own = thesaurusFor([{ words: ['焦爐', '炼焦炉'], oneWay: false }])
    expect(own.expand('焦炉')).toEqual([{ word: '炼焦炉', how: 'synonym' }])
    expect(own.expand('大夫').length).toBeGreaterThan(0)
  })
})
