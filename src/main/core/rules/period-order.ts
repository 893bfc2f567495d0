// A period never ends before it starts: a batch's 起止, an achievement's date and end date.
import { periodReversed } from '../../../shared/dates'
import { changed, live, type Rule, type Violation } from './types'

export const periodOrder: Rule = {
  name: 'period_order',
  check(_view, scope) {
    const out: Violation[] = []
    for (const d of live(scope.records)) {
      const r = d.after
      const [start, end, fields] =
        r.kind === 'batch' ? [r.startDate, r.endDate, ['startDate', 'endDate']] : r.kind === 'achievement' ? [r.date, r.endDate, ['date', 'endDate']] : ['', '', []]
      if (!fields.length || !changed(d, ...fields)) continue
      if (periodReversed(start, end))
        out.push({ rule: 'period_order', code: 'invalid_input', reason: 'rule.period_order', params: { start, end }, ids: [r.id], field: 'endDate' })
    }
    return out
  },
}
