import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { refCodeUnique } from './ref-code-unique'
import { reader, report, staged } from './testing'

const filing = { year: 2024, retention: 'Y', orgCode: 'BGS', itemNo: 1 } as const
const filed = report('rep_old', { title: '简报第1期', filing })

describe('ref_code_unique', () => {
  it('refuses filing a second report under a 档号 the archive has', () => {
    const { view, scope } = staged({ records: [filed] }, { records: [report('rep_new', { filing })] })
    expect(refCodeUnique.check(view, scope)).toEqual([
      { rule: 'ref_code_unique', code: 'conflict', reason: 'rule.ref_code_unique', params: { refCode: 'Z109-WS·2024-Y-BGS-0001', title: '简报第1期' }, ids: ['rep_new', 'rep_old'], field: 'filing' },
    ])
  })

  it('renders the 档号 with the archive’s 全宗号', () => {
    const { view, scope } = staged({ records: [filed], settings: { fondsCode: 'A001' } }, { records: [report('rep_new', { filing })] })
    expect(refCodeUnique.check(view, scope)).toMatchObject([{ params: { refCode: 'A001-WS·2024-Y-BGS-0001' } }])
  })

  it('accepts another 件号, another class, and unfiled reports', () => {
    const { view, scope } = staged({ records: [filed] }, {
      records: [report('rep_2', { filing: { ...filing, itemNo: 2 } }), report('rep_3', { filing: { ...filing, retention: 'D30' } }), report('rep_4'), report('rep_5')],
    })
    expect(refCodeUnique.check(view, scope)).toEqual([])
  })

  it('under verify reports a shared 档号 once', () => {
    const store = reader({ records: [filed, report('rep_new', { filing })] })
    expect(refCodeUnique.check(new Draft(store), wholeScope(store))).toMatchObject([{ rule: 'ref_code_unique', ids: ['rep_old', 'rep_new'] }])
  })
})
