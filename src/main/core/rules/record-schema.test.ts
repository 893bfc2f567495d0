import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { recordSchema } from './record-schema'
import { batch, photo, reader, staged } from './testing'

describe('record_schema', () => {
  it('under verify, names a stored date that is no day of the calendar', () => {
    const store = reader({ records: [photo('pho_ok', { date: '2024-02-29' }), photo('pho_bad', { date: '2024-02-30' })] })
    const v = recordSchema.check(new Draft(store), wholeScope(store))
    expect(v).toEqual([{ rule: 'record_schema', code: 'invalid_input', reason: 'date.not_in_calendar', params: { value: '2024-02-30' }, ids: ['pho_bad'], field: 'date' }])
  })

  it('finds nothing in a valid archive', () => {
    const store = reader({ records: [batch('bat_5', 5, { startDate: '2022-01', endDate: '2024-12-31' }), photo('pho_ok', { date: '2024' })] })
    expect(recordSchema.check(new Draft(store), wholeScope(store))).toEqual([])
  })

  it('leaves a change to the kernel, which has parsed every record it writes', () => {
    const { view, scope } = staged({}, { records: [photo('pho_bad', { date: '2024-02-30' })] })
    expect(recordSchema.check(view, scope)).toEqual([])
  })

  it('has no mechanical repair', () => {
    expect(recordSchema.fix).toBeUndefined()
  })
})
