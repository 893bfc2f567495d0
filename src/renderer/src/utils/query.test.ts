import { describe, expect, it } from 'vitest'
import { addFilter, queryChips, removeChip } from './query'

describe('query chips', () => {
  it('finds field filters, exclusions and phrases with their spans', () => {
    const q = '阜康 type:photo year:2024..2025 -焦化 "老人 照料" place:"昌吉 市"'
    const chips = queryChips(q)
    expect(chips.map((c) => [c.field, c.value])).toEqual([
      ['type', 'photo'],
      ['year', '2024..2025'],
      ['exclude', '焦化'],
      ['phrase', '老人 照料'],
      ['place', '昌吉 市'],
    ])
    for (const c of chips) expect(q.slice(c.start, c.end).trim().length).toBeGreaterThan(0)
  })

  it('does not take a hyphen inside a word for an exclusion', () => {
    expect(queryChips('BDO-生产线 fukang')).toEqual([])
  })

  it('removes one chip and tidies the spaces', () => {
    const q = '阜康 type:photo 焦化'
    const [chip] = queryChips(q)
    expect(removeChip(q, chip!)).toBe('阜康 焦化')
  })

  it('adds a filter once', () => {
    expect(addFilter('阜康', 'type', 'photo')).toBe('阜康 type:photo')
    expect(addFilter('阜康 type:photo', 'type', 'photo')).toBe('阜康 type:photo')
    expect(addFilter('', 'area', '教育 援疆')).toBe('area:"教育 援疆"')
  })
})
