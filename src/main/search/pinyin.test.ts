import { describe, expect, it } from 'vitest'
import { CharReadings, initialsOf, pairReadingsBatch, readingOf, segmentPinyin } from './pinyin'

const texts = (segs: { text: string; prefix: boolean }[][]) => segs.map((s) => s.map((c) => (c.prefix ? c.text + '…' : c.text)).join(' '))

describe('segmentPinyin', () => {
  it('splits typed letters into whole syllables, fewest first', () => {
    expect(texts(segmentPinyin('fukang'))[0]).toBe('fu kang')
    expect(texts(segmentPinyin('jimusaer'))[0]).toBe('ji mu sa er')
    expect(texts(segmentPinyin('xian'))).toEqual(['xian', 'xi an'])
    expect(texts(segmentPinyin('fangan'))).toEqual(['fang an', 'fan gan'])
  })

  it('lets the last syllable be half-typed while the user is still typing', () => {
    expect(texts(segmentPinyin('fuka', { allowPrefix: true }))).toContain('fu ka…')
    expect(texts(segmentPinyin('fuk', { allowPrefix: true }))).toContain('fu k…')
    expect(segmentPinyin('fuk')).toEqual([])
  })

  it('refuses what is not pinyin', () => {
    expect(segmentPinyin('bdo')).toEqual([])
    expect(segmentPinyin('xyz')).toEqual([])
    expect(segmentPinyin('fu-kang')).toEqual([])
  })
})

describe('initialsOf', () => {
  it('reads letters as syllable initials', () => {
    expect(initialsOf('jmse')?.map((c) => c.text)).toEqual(['j', 'm', 's', 'e'])
    expect(initialsOf('fk')?.length).toBe(2)
  })

  it('refuses letters no syllable starts with, and single letters', () => {
    expect(initialsOf('fukang')).toBeNull() // u
    expect(initialsOf('f')).toBeNull()
  })
})

describe('readings', () => {
  it('knows every reading of a polyphone, the common one first', () => {
    const c = new CharReadings()
    expect(c.get('行')).toEqual(expect.arrayContaining(['xing', 'hang']))
    expect(c.get('阜')).toEqual(['fu'])
    expect(c.get('绿')[0]).toBe('lv')
  })

  it('resolves polyphones in context, many pairs in one call', () => {
    const sites = [
      ['银行', 0],
      ['行业', 0],
      ['长治市', 0],
      ['校长', 0],
      ['重庆', 0],
      ['银行行长', 2],
      ['阜康', 0],
      ['还有', 0],
    ] as const
    const r = pairReadingsBatch(new CharReadings(), sites.map(([text, pos]) => ({ text, pos })))
    const first = r.map((x) => x[0]?.join(' '))
    expect(first).toEqual(['yin hang', 'hang ye', 'chang zhi', 'xiao zhang', 'chong qing', 'hang zhang', 'fu kang', 'hai you'])
  })

  it('reads a query term', () => {
    expect(readingOf('富康')).toEqual(['fu', 'kang'])
    expect(readingOf('吉木萨尔 5')).toEqual(['ji', 'mu', 'sa', 'er'])
  })
})
