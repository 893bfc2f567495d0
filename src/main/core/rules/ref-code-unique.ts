// One item per 档号: (全宗号, 年度, 保管期限, 机构代码, 件号) names exactly one filed report.
import { refCodeFor } from '../../../shared/archival'
import { changed, live, type Rule, type Violation } from './types'

export const refCodeUnique: Rule = {
  name: 'ref_code_unique',
  check(view, scope) {
    const out: Violation[] = []
    const seen = new Set<string>()
    for (const d of live(scope.records)) {
      const r = d.after
      if (r.kind !== 'report' || !r.filing || !changed(d, 'filing')) continue
      const refCode = refCodeFor(view.settings, r.filing)
      if (seen.has(refCode)) continue
      const holders = view.withFiling(r.filing)
      if (holders.length < 2) continue
      seen.add(refCode)
      const others = holders.filter((h) => h.id !== r.id)
      out.push({ rule: 'ref_code_unique', code: 'conflict', reason: 'rule.ref_code_unique', params: { refCode, title: others[0]!.title }, ids: [r.id, ...others.map((h) => h.id)], field: 'filing' })
    }
    return out
  },
}
