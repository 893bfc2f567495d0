// Settling leaves is what makes two archives agree: the same answer whichever side merges,
// in whatever order, however often.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonical, compare, join, settle, type Leaf } from './leaves'

const leaf = (vv: Record<string, number>, value: Record<string, unknown> | null, at = '2025-01-01T00:00:00.000Z'): Leaf => ({
  coll: 'records',
  id: 'ach_x',
  vv,
  value,
  at,
  from: '',
  fromName: '',
})

describe('versions', () => {
  it('compares', () => {
    expect(compare({ a: 1 }, { a: 1 })).toBe('equal')
    expect(compare({ a: 1 }, { a: 2 })).toBe('before')
    expect(compare({ a: 2, b: 1 }, { a: 2 })).toBe('after')
    expect(compare({ a: 2 }, { b: 1 })).toBe('concurrent')
    expect(join({ a: 2, b: 1 }, { b: 3 })).toEqual({ a: 2, b: 3 })
  })

  it('keeps what nothing supersedes; a live version before a deletion; identical edits made apart are one', () => {
    const base = { id: 'ach_x', title: '原题名' }
    expect(settle([leaf({ a: 1 }, base), leaf({ a: 2 }, { ...base, title: '新' })])).toHaveLength(1)
    const [win, lost] = settle([leaf({ a: 2 }, null), leaf({ a: 1, b: 1 }, { ...base, notes: '乙' })])
    expect(win!.value).not.toBeNull()
    expect(lost!.value).toBeNull()
    const same = settle([leaf({ a: 2 }, { ...base, updatedAt: '1' }), leaf({ a: 1, b: 1 }, { ...base, updatedAt: '2' })])
    expect(same).toHaveLength(1)
    expect(same[0]!.vv).toEqual({ a: 2, b: 1 })
    expect(same[0]!.value!.updatedAt).toBe('2')
  })

  it('gives the same leaves whatever the order and however often (bounded property)', () => {
    const vv = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 4 }))
    const val = fc.option(fc.record({ id: fc.constant('ach_x'), title: fc.constantFrom('甲', '乙', '丙') }), { nil: null })
    const leaves = fc.array(fc.tuple(vv, val).map(([v, x]) => leaf(v, x)), { minLength: 1, maxLength: 6 })
    const key = (ls: Leaf[]) => JSON.stringify(ls.map((l) => canonical([l.vv, l.value])).sort())
    fc.assert(
      fc.property(leaves, leaves, (x, y) => {
        const xy = settle([...x, ...y])
        expect(key(xy)).toBe(key(settle([...y, ...x])))
        expect(key(settle([...xy, ...y]))).toBe(key(xy))
        // The shown one is the same too.
        expect(canonical(xy[0]!.value)).toBe(canonical(settle([...y, ...x])[0]!.value))
      }),
      { numRuns: Number(process.env.AID_LONG_PROPERTY ? 5000 : 300), seed: 13 },
    )
  })
})
