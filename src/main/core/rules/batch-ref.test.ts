import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { batchRef } from './batch-ref'
import { batch, photo, reader, report, staged } from './testing'

describe('batch_ref', () => {
  it('refuses a record naming a batch that does not exist', () => {
    const { view, scope } = staged({}, { records: [photo('pho_1', { title: '现场', batchId: 'bat_gone' })] })
    expect(batchRef.check(view, scope)).toEqual([
      { rule: 'batch_ref', code: 'invalid_input', reason: 'rule.batch_ref', params: { title: '现场', batchId: 'bat_gone' }, ids: ['pho_1'], field: 'batchId' },
    ])
  })

  it('refuses a record naming a record that is not a batch', () => {
    const { view, scope } = staged({ records: [report('rep_1')] }, { records: [photo('pho_1', { batchId: 'rep_1' })] })
    expect(batchRef.check(view, scope)).toMatchObject([{ rule: 'batch_ref', ids: ['pho_1'], field: 'batchId' }])
  })

  it('refuses deleting a batch whose records still name it', () => {
    const stored = { records: [batch('bat_5', 5), photo('pho_1', { batchId: 'bat_5' }), report('rep_1', { batchId: null })] }
    const { view, scope } = staged(stored, { records: ['bat_5'] })
    expect(batchRef.check(view, scope)).toMatchObject([{ rule: 'batch_ref', ids: ['pho_1'], params: { batchId: 'bat_5' }, field: 'batchId' }])
  })

  it('accepts records in an existing batch or in none, and a deleted batch that was let go of', () => {
    const stored = { records: [batch('bat_5', 5), photo('pho_1', { batchId: 'bat_5' })] }
    const ok = staged(stored, { records: [report('rep_1', { batchId: 'bat_5' }), report('rep_2')] })
    expect(batchRef.check(ok.view, ok.scope)).toEqual([])
    const cut = staged(stored, { records: ['bat_5', photo('pho_1', { batchId: null })] })
    expect(batchRef.check(cut.view, cut.scope)).toEqual([])
  })

  it('under verify finds a dangling reference, and the fix lets go of the batch', () => {
    const store = reader({ records: [photo('pho_1', { batchId: 'bat_gone' })] })
    const view = new Draft(store)
    const [v, ...more] = batchRef.check(view, wholeScope(store))
    expect(more).toEqual([])
    expect(v).toMatchObject({ rule: 'batch_ref', ids: ['pho_1'] })
    expect(batchRef.fix!(view, v!)).toEqual([{ op: 'update', coll: 'records', id: 'pho_1', patch: { batchId: null } }])
  })
})
