import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { derivedRefNo, refNoDerived } from './ref-no-derived'
import { achievement, link, photo, reader, report, staged } from './testing'

const filing = (itemNo: number) => ({ year: 2025, retention: 'Y', orgCode: 'BGS', itemNo })
const records = [report('rep_1', { filing: filing(1) }), report('rep_2', { filing: filing(2) }), report('rep_unfiled'), achievement('ach_1')]

describe('ref_no_derived', () => {
  it('refuses a photo whose 参见号 is not the 档号 of the filed report it is linked to', () => {
    const { view, scope } = staged({ records, links: [link('lnk_1', 'pho_1', 'rep_1')] }, { records: [photo('pho_1', { title: '现场', refNo: '' })] })
    expect(refNoDerived.check(view, scope)).toEqual([
      { rule: 'ref_no_derived', code: 'invalid_input', reason: 'rule.ref_no_derived', params: { title: '现场', expected: 'Z109-WS·2025-Y-BGS-0001', actual: '' }, ids: ['pho_1'], field: 'refNo' },
    ])
  })

  it('refuses a typed 参见号 on a photo linked to no filed report', () => {
    const { view, scope } = staged({ records, links: [link('lnk_1', 'pho_1', 'rep_unfiled'), link('lnk_2', 'pho_1', 'ach_1')] }, { records: [photo('pho_1', { refNo: 'Z109-WS·2025-Y-BGS-0009' })] })
    expect(refNoDerived.check(view, scope)).toMatchObject([{ ids: ['pho_1'], params: { expected: '', actual: 'Z109-WS·2025-Y-BGS-0009' } }])
  })

  it('derives the 档号 of every linked filed report in link order, whichever way the link points', () => {
    const links = [
      link('lnk_b', 'rep_2', 'pho_1', 'related', { createdAt: '2024-02-01T00:00:00.000Z' }),
      link('lnk_a', 'pho_1', 'rep_1', 'related', { createdAt: '2024-01-01T00:00:00.000Z' }),
      link('lnk_c', 'pho_1', 'rep_unfiled', 'related', { createdAt: '2024-03-01T00:00:00.000Z' }),
    ]
    const expected = 'Z109-WS·2025-Y-BGS-0001；Z109-WS·2025-Y-BGS-0002'
    const p = photo('pho_1', { refNo: expected })
    const { view, scope } = staged({ records, links }, { records: [p] })
    expect(derivedRefNo(view, p)).toBe(expected)
    expect(refNoDerived.check(view, scope)).toEqual([])
  })

  it('follows the 全宗号', () => {
    const p = photo('pho_1', { refNo: 'Z109-WS·2025-Y-BGS-0001' })
    const { view, scope } = staged({ records, links: [link('lnk_1', 'pho_1', 'rep_1')], settings: { fondsCode: 'A001' } }, { records: [p] })
    expect(refNoDerived.check(view, scope)).toMatchObject([{ params: { expected: 'A001-WS·2025-Y-BGS-0001' } }])
  })

  it('under verify finds a stale 参见号; the fix touches the photo so the kernel derives it again', () => {
    const store = reader({ records: [...records, photo('pho_1', { refNo: 'Z109-WS·2025-Y-BGS-0002' }), photo('pho_ok')], links: [link('lnk_1', 'pho_1', 'rep_1')] })
    const view = new Draft(store)
    const found = refNoDerived.check(view, wholeScope(store))
    expect(found).toMatchObject([{ ids: ['pho_1'], params: { expected: 'Z109-WS·2025-Y-BGS-0001' } }])
    expect(refNoDerived.fix!(view, found[0]!)).toEqual([{ op: 'update', coll: 'records', id: 'pho_1', patch: {} }])
  })
})
