import { describe, expect, it } from 'vitest'
import { byZh, segments } from './format'

describe('segments', () => {
  it('marks the ranges and keeps the rest', () => {
    expect(segments('阜康市人民医院', [[0, 2], [5, 7]])).toEqual([
      { text: '阜康', hit: true },
      { text: '市人民', hit: false },
      { text: '医院', hit: true },
    ])
  })

  it('tolerates unsorted, overlapping and out-of-range ranges', () => {
    expect(segments('abcdef', [[4, 99], [1, 3], [2, 4]])).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'd', hit: true },
      { text: 'ef', hit: true },
    ])
  })
})

describe('Chinese sort', () => {
  it('orders by pinyin, not by code point', () => {
    const names = ['准东', '阜康', '昌吉'].sort(byZh((s: string) => s))
    expect(names).toEqual(['昌吉', '阜康', '准东'])
  })
})
