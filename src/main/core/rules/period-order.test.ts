import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { periodOrder } from './period-order'
import { achievement, batch, reader, staged } from './testing'

describe('period_order', () => {
  it('refuses a batch that ends (2021-12) before it starts (2022-01)', () => {
    const { view, scope } = staged({}, { records: [batch('bat_6', 6, { startDate: '2022-01', endDate: '2021-12' })] })
    expect(periodOrder.check(view, scope)).toEqual([
      { rule: 'period_order', code: 'invalid_input', reason: 'rule.period_order', params: { start: '2022-01', end: '2021-12' }, ids: ['bat_6'], field: 'endDate' },
    ])
  })

  it('refuses an achievement whose end date is before its date', () => {
    const { view, scope } = staged({}, { records: [achievement('ach_1', { date: '2024-05-02', endDate: '2024-05-01' })] })
    expect(periodOrder.check(view, scope)).toMatchObject([{ rule: 'period_order', ids: ['ach_1'], field: 'endDate', params: { start: '2024-05-02', end: '2024-05-01' } }])
  })

  it('accepts ordered, overlapping-vague and open periods', () => {
    const { view, scope } = staged({}, {
      records: [
        batch('bat_1', 1, { startDate: '2022-01', endDate: '2024-12' }),
        batch('bat_2', 2, { startDate: '2022', endDate: '2022-05' }), // same year: not certainly reversed
        batch('bat_3', 3, { startDate: '2022-01', endDate: '' }),
        achievement('ach_1', { date: '2024-05', endDate: '2024-05' }),
      ],
    })
    expect(periodOrder.check(view, scope)).toEqual([])
  })

  it('lets an edit that does not touch the period through, even on a reversed stored batch', () => {
    const old = batch('bat_6', 6, { startDate: '2022-01', endDate: '2021-12' })
    const { view, scope } = staged({ records: [old] }, { records: [{ ...old, title: '第六批' }] })
    expect(periodOrder.check(view, scope)).toEqual([])
    const store = reader({ records: [old] })
    expect(periodOrder.check(new Draft(store), wholeScope(store))).toMatchObject([{ ids: ['bat_6'] }])
  })
})
