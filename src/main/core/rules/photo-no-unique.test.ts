import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { photoNoUnique } from './photo-no-unique'
import { photo, reader, staged } from './testing'

const held = photo('pho_old', { title: '现场', photoNo: 'ZP·2024-0001', createdAt: '2024-01-01T00:00:00.000Z' })

describe('photo_no_unique', () => {
  it('refuses a second photo with a 照片号 the archive has', () => {
    const { view, scope } = staged({ records: [held] }, { records: [photo('pho_new', { photoNo: 'ZP·2024-0001' })] })
    expect(photoNoUnique.check(view, scope)).toEqual([
      { rule: 'photo_no_unique', code: 'conflict', reason: 'rule.photo_no_unique', params: { photoNo: 'ZP·2024-0001', title: '现场' }, ids: ['pho_new', 'pho_old'], field: 'photoNo' },
    ])
  })

  it('accepts distinct numbers and photos without one', () => {
    const { view, scope } = staged({ records: [held, photo('pho_none')] }, { records: [photo('pho_new', { photoNo: 'ZP·2024-0002' }), photo('pho_none2'), photo('pho_none3')] })
    expect(photoNoUnique.check(view, scope)).toEqual([])
  })

  it('under verify finds the duplicates; the fix keeps the earliest photo’s number and renumbers the rest', () => {
    const store = reader({
      records: [
        photo('pho_b', { photoNo: 'ZP·2024-0001', createdAt: '2024-03-01T00:00:00.000Z' }),
        photo('pho_a', { photoNo: 'ZP·2024-0001', createdAt: '2024-02-01T00:00:00.000Z' }),
        photo('pho_c', { photoNo: 'ZP·2024-0001', createdAt: '2024-04-01T00:00:00.000Z' }),
      ],
    })
    const view = new Draft(store)
    const found = photoNoUnique.check(view, wholeScope(store))
    expect(found).toHaveLength(1)
    expect(new Set(found[0]!.ids)).toEqual(new Set(['pho_a', 'pho_b', 'pho_c']))
    // photoNo: null asks the kernel for the next number of the sequence.
    expect(photoNoUnique.fix!(view, found[0]!)).toEqual([
      { op: 'update', coll: 'records', id: 'pho_b', patch: { photoNo: null } },
      { op: 'update', coll: 'records', id: 'pho_c', patch: { photoNo: null } },
    ])
  })
})
