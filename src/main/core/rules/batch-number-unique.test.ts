import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { batchNumberUnique } from './batch-number-unique'
import { batch, reader, staged } from './testing'

const fifth = batch('bat_shanxi5', 5, { title: '第五批山西援疆工作队' })

describe('batch_number_unique', () => {
  it('refuses a second batch with a number the archive has', () => {
    const { view, scope } = staged({ records: [fifth] }, { records: [batch('bat_new', 5)] })
    expect(batchNumberUnique.check(view, scope)).toEqual([
      { rule: 'batch_number_unique', code: 'conflict', reason: 'rule.batch_number_unique', params: { number: 5, title: '第五批山西援疆工作队' }, ids: ['bat_new', 'bat_shanxi5'], field: 'number' },
    ])
  })

  it('refuses two new batches with one number in the same change', () => {
    const { view, scope } = staged({}, { records: [batch('bat_a', 7), batch('bat_b', 7)] })
    expect(batchNumberUnique.check(view, scope)).toMatchObject([{ ids: ['bat_a', 'bat_b'] }])
  })

  it('accepts distinct numbers, a renumbering that frees the number, and edits that leave the number be', () => {
    const ok = staged({ records: [fifth] }, { records: [batch('bat_new', 6)] })
    expect(batchNumberUnique.check(ok.view, ok.scope)).toEqual([])
    const swap = staged({ records: [fifth] }, { records: [batch('bat_shanxi5', 4), batch('bat_new', 5)] })
    expect(batchNumberUnique.check(swap.view, swap.scope)).toEqual([])
    const twins = [batch('bat_a', 7), batch('bat_b', 7)]
    const edit = staged({ records: twins }, { records: [{ ...twins[0]!, title: '改名' }] })
    expect(batchNumberUnique.check(edit.view, edit.scope)).toEqual([])
  })

  it('under verify reports a shared number once', () => {
    const store = reader({ records: [batch('bat_a', 7), batch('bat_b', 7), batch('bat_c', 8)] })
    expect(batchNumberUnique.check(new Draft(store), wholeScope(store))).toMatchObject([{ rule: 'batch_number_unique', ids: ['bat_a', 'bat_b'] }])
  })
})
