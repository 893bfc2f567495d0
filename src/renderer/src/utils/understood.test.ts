import { describe, expect, it } from 'vitest'
import type { SearchHit, SearchUnderstanding } from '@shared/api'
import { chipPhrase, noticePhrases, onlyPartial, quoteChip, splitHits, type WordList } from './understood'

const zhList: WordList = (ws, quoted) => ws.map((w) => (quoted ? `“${w}”` : w)).join('、')
const kindWord = (k: string) => ({ achievement: '成果', photo: '照片', report: '文书', batch: '批次' })[k] ?? k
const u = (x: Partial<SearchUnderstanding>): SearchUnderstanding => ({ chips: [], rewrites: [], ignored: [], missing: [], strictTotal: 0, ...x })
const hit = (id: string, missing?: string[]) => ({ id, kind: 'achievement', title: id, score: 1, highlights: [], ...(missing ? { missing } : {}) }) as unknown as SearchHit

describe('chips read from the words', () => {
  it('label a batch, a year, a range and a kind', () => {
    expect(chipPhrase({ type: 'batch', source: '第四批', lo: 4, hi: 4 }, kindWord)).toEqual({ key: 'chip.batch', params: { n: 4 } })
    expect(chipPhrase({ type: 'batch', source: '第四到五批', lo: 4, hi: 5 }, kindWord)).toEqual({ key: 'chip.batchRange', params: { lo: 4, hi: 5 } })
    expect(chipPhrase({ type: 'year', source: '2024年', lo: 2024 }, kindWord)).toEqual({ key: 'chip.year', params: { n: 2024 } })
    expect(chipPhrase({ type: 'kind', source: '成果', kind: 'achievement' }, kindWord)).toEqual({ key: 'chip.kind', params: { kind: '成果' } })
  })

  it('an unmatched batch is a notice, not a chip', () => {
    expect(chipPhrase({ type: 'batch', source: '四批', lo: 4, hi: 4, unmatched: true }, kindWord)).toEqual({ key: 'noBatch', params: { n: 4 } })
  })

  it('a chip without its values shows the words it came from', () => {
    expect(chipPhrase({ type: 'kind', source: '资料' }, kindWord)).toEqual({ key: 'chip.other', params: { text: '资料' } })
  })
})

describe('closing a chip quotes its words in the query', () => {
  it('replaces the words by " words " and tidies the spaces', () => {
    expect(quoteChip('第五批 煤层气', { type: 'batch', source: '第五批' })).toBe('"第五批" 煤层气')
    expect(quoteChip('煤层气第五批成果', { type: 'batch', source: '第五批' })).toBe('煤层气 "第五批" 成果')
  })

  it('a closing kind word is the last one; quoted text is left alone', () => {
    expect(quoteChip('成果 展示 成果', { type: 'kind', source: '成果' })).toBe('成果 展示 "成果"')
    expect(quoteChip('"第五批" 第五批', { type: 'batch', source: '第五批' })).toBe('"第五批" "第五批"')
  })

  it('finds words the engine reports normalised (full-width digits)', () => {
    expect(quoteChip('２０２４年 干熄焦', { type: 'year', source: '2024年' })).toBe('"２０２４年" 干熄焦')
  })

  it('leaves the query as it is when the words are not in it', () => {
    expect(quoteChip('干熄焦', { type: 'batch', source: '第五批' })).toBe('干熄焦')
  })
})

describe('the notice line', () => {
  it('says what was looked for through other words, then what was ignored', () => {
    const phrases = noticePhrases(
      u({
        rewrites: [
          { word: '大夫', used: ['医生', '医师'], how: 'synonym' },
          { word: '前指', used: ['前方指挥部'], how: 'abbreviation' },
          { word: '1.7亿度', used: [], how: 'number' },
        ],
        ignored: ['的', '做了什么'],
      }),
      zhList,
    )
    expect(phrases).toEqual([
      { key: 'how.synonym', params: { word: '“大夫”', used: '“医生”、“医师”' } },
      { key: 'how.abbreviation', params: { word: '“前指”', used: '“前方指挥部”' } },
      { key: 'ignored', params: { words: '的、做了什么' } },
    ])
  })

  it('is empty when the query was read word for word', () => {
    expect(noticePhrases(u({}), zhList)).toEqual([])
    expect(noticePhrases(undefined, zhList)).toEqual([])
  })
})

describe('partial matches', () => {
  const hits = [hit('a'), hit('b'), hit('c', ['外星人']), hit('d', ['外星人'])]

  it('come after the hits with every word, from strictTotal on', () => {
    const { full, partial } = splitHits(hits, u({ strictTotal: 2 }))
    expect(full.map((h) => h.id)).toEqual(['a', 'b'])
    expect(partial.map((h) => h.id)).toEqual(['c', 'd'])
  })

  it('a strictTotal beyond the shown hits leaves every shown hit whole', () => {
    expect(splitHits(hits, u({ strictTotal: 500 })).partial).toEqual([])
    expect(splitHits(hits, undefined).partial).toEqual([])
  })

  it('only partial when nothing has every word but something was found', () => {
    expect(onlyPartial(4, u({ strictTotal: 0 }))).toBe(true)
    expect(onlyPartial(4, u({ strictTotal: 1 }))).toBe(false)
    expect(onlyPartial(0, u({ strictTotal: 0 }))).toBe(false)
  })
})
