import { describe, expect, it } from 'vitest'
import { ALL_GROUPS, F_FILE, F_LINKS, F_METRICS, F_PHOTO, F_TAGS, G_PLACES, G_TAGS } from './doc'
import { parseBatchNumber, parseQuery, splitWord } from './query'

const terms = (q: string) => parseQuery(q).terms.map((t) => `${t.negate ? '-' : ''}${t.kind}:${t.text}`)

describe('parseQuery: words', () => {
  it('splits on spaces; every word must match (AND)', () => {
    expect(terms('阜康 焦化')).toEqual(['cjk:阜康', 'cjk:焦化'])
  })

  it('separates Chinese from Latin inside a word, keeps digits with Chinese', () => {
    expect(terms('fukang焦化')).toEqual(['latin:fukang', 'cjk:焦化'])
    expect(terms('5万 2024年 3.15万')).toEqual(['literal:5万', 'literal:2024年', 'literal:3.15万'])
    expect(terms('BDO生产线')).toEqual(['latin:bdo', 'cjk:生产线'])
    expect(terms('z109')).toEqual(['literal:z109'])
  })

  it('drops punctuation between words', () => {
    expect(terms('阜康，焦化')).toEqual(['cjk:阜康', 'cjk:焦化'])
    expect(splitWord('“汾水连天山”')).toEqual([{ kind: 'cjk', text: '汾水连天山' }])
  })

  it('normalises first: full width, case, traditional', () => {
    expect(terms('ＢＤＯ 煤層氣')).toEqual(['latin:bdo', 'cjk:煤层气'])
  })

  it('keeps quoted phrases whole, with typographic quotes too', () => {
    expect(terms('"汾水 连天山" 阜康')).toEqual(['phrase:汾水 连天山', 'cjk:阜康'])
    expect(terms('“小组团”')).toEqual(['phrase:小组团'])
    expect(terms('"unclosed phrase')).toEqual(['phrase:unclosed phrase'])
  })

  it('excludes with a leading minus (also full width)', () => {
    expect(terms('义诊 -准东 －照片')).toEqual(['cjk:义诊', '-cjk:准东', '-cjk:照片'])
    expect(terms('-"汾水连天山"')).toEqual(['-phrase:汾水连天山'])
  })

  it('groups spaced single syllables into one pinyin term', () => {
    const p = parseQuery('fu kang 焦化')
    expect(p.terms.map((t) => t.kind)).toEqual(['pinyin', 'cjk'])
    expect(p.terms[0]!.syllables).toEqual(['fu', 'kang'])
    // Whole words of several syllables stay separate (AND).
    expect(terms('fukang jiaohua')).toEqual(['latin:fukang', 'latin:jiaohua'])
  })

  it('marks the last word as still being typed unless the query ends with a space', () => {
    expect(parseQuery('阜康 fuka').terms.map((t) => t.last)).toEqual([false, true])
    expect(parseQuery('阜康 fuka ').terms.map((t) => t.last)).toEqual([false, false])
  })
})

describe('parseQuery: filters', () => {
  it('batch: a number, a range, Chinese numerals', () => {
    expect(parseQuery('batch:5').filters).toEqual([{ type: 'batch', lo: 5, hi: 5, negate: false, clause: 0 }])
    expect(parseQuery('batch:3..5').filters[0]).toMatchObject({ lo: 3, hi: 5 })
    expect(parseQuery('批次：第五批').filters[0]).toMatchObject({ type: 'batch', lo: 5, hi: 5 })
    expect(parseBatchNumber('十二')).toBe(12)
    expect(parseBatchNumber('二十')).toBe(20)
    expect(parseBatchNumber('x')).toBeNull()
  })

  it('year: one year, a range, open ranges', () => {
    expect(parseQuery('year:2024').filters[0]).toMatchObject({ type: 'year', lo: 2024, hi: 2024 })
    expect(parseQuery('year:2024..2025').filters[0]).toMatchObject({ lo: 2024, hi: 2025 })
    expect(parseQuery('year:2025-2024').filters[0]).toMatchObject({ lo: 2024, hi: 2025 })
    expect(parseQuery('year:2024..').filters[0]).toMatchObject({ lo: 2024, hi: 9999 })
    expect(parseQuery('year:..2024').filters[0]).toMatchObject({ lo: 0, hi: 2024 })
    expect(parseQuery('年份:2024年').filters[0]).toMatchObject({ lo: 2024, hi: 2024 })
  })

  it('type: one or several kinds, English or Chinese', () => {
    expect(parseQuery('type:photo').filters[0]).toMatchObject({ type: 'kind', kinds: ['photo'] })
    expect(parseQuery('type:photo|report').filters[0]).toMatchObject({ kinds: ['photo', 'report'] })
    expect(parseQuery('类型:成果').filters[0]).toMatchObject({ kinds: ['achievement'] })
    expect(parseQuery('type:batch').filters[0]).toMatchObject({ kinds: ['batch'] })
  })

  it('has: photo, file, metric, tag, link', () => {
    const flags = ['has:photo', 'has:file', 'has:metric', 'has:tag', 'has:link', '有:照片'].map((q) => (parseQuery(q).filters[0] as { flag: number }).flag)
    expect(flags).toEqual([F_PHOTO, F_FILE, F_METRICS, F_TAGS, F_LINKS, F_PHOTO])
  })

  it('area: kept as text, resolved against the archive’s areas when searching', () => {
    expect(parseQuery('area:教育').filters[0]).toMatchObject({ type: 'area', value: '教育' })
  })

  it('place: and tag: become words restricted to that field', () => {
    const p = parseQuery('place:阜康 tag:煤化工 tag:产业/煤化工')
    expect(p.filters).toEqual([])
    expect(p.terms.map((t) => [t.kind, t.text, t.groups])).toEqual([
      ['cjk', '阜康', 1 << G_PLACES],
      ['cjk', '煤化工', 1 << G_TAGS],
      ['phrase', '产业/煤化工', 1 << G_TAGS],
    ])
    expect(p.terms.every((t) => t.weight < 1)).toBe(true)
    expect(parseQuery('place:fukang').terms[0]).toMatchObject({ kind: 'latin', groups: 1 << G_PLACES })
  })

  it('negates filters', () => {
    expect(parseQuery('-type:photo').filters[0]).toMatchObject({ type: 'kind', negate: true })
    expect(parseQuery('-place:准东').terms[0]).toMatchObject({ negate: true, groups: 1 << G_PLACES })
  })

  it('combines text and filters', () => {
    const p = parseQuery('阜康 batch:5 area:教育 year:2024..2025 type:photo has:photo -焦化')
    expect(p.terms.map((t) => `${t.negate ? '-' : ''}${t.text}`)).toEqual(['阜康', '-焦化'])
    expect(p.filters.map((f) => f.type)).toEqual(['batch', 'area', 'year', 'kind', 'has'])
    expect(p.warnings).toEqual([])
    expect(p.terms[0]!.groups).toBe(ALL_GROUPS)
  })
})

describe('parseQuery: errors are explained, not silent', () => {
  it('warns about an unknown field and leaves it out', () => {
    const p = parseQuery('foo:bar 阜康')
    expect(p.warnings).toHaveLength(1)
    expect(p.warnings[0]).toEqual({ code: 'unknown_field', params: { field: 'foo', fields: expect.stringContaining('batch:') } })
    expect(p.terms.map((t) => t.text)).toEqual(['阜康'])
    expect(p.clauses.map((c) => c.type)).toEqual(['ignored', 'text'])
  })

  it('treats a Chinese word before a colon as text', () => {
    const p = parseQuery('注意:阜康')
    expect(p.warnings).toEqual([])
    expect(p.terms.map((t) => t.text)).toEqual(['注意', '阜康'])
  })

  it('warns about bad values', () => {
    for (const q of ['year:abc', 'year:20', 'batch:x', 'type:video', 'has:money', 'place:', 'batch:'])
      expect(parseQuery(q).warnings, q).toHaveLength(1)
    expect(parseQuery('type:video').warnings[0]).toEqual({ code: 'bad_type', params: { value: 'video' } })
    expect(parseQuery('year:abc').filters).toEqual([])
  })
})
