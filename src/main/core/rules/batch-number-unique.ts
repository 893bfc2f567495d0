// One batch per number: 第五批 is one team.
import { changed, live, type Rule, type Violation } from './types'

export const batchNumberUnique: Rule = {
  name: 'batch_number_unique',
  check(view, scope) {
    const out: Violation[] = []
    const seen = new Set<number>()
    for (const d of live(scope.records)) {
      const r = d.after
      if (r.kind !== 'batch' || !changed(d, 'number') || seen.has(r.number)) continue
      const holders = view.batchesNumbered(r.number)
      if (holders.length < 2) continue
      seen.add(r.number)
      const other = holders.find((h) => h.id !== r.id)!
      out.push({ rule: 'batch_number_unique', code: 'conflict', reason: 'rule.batch_number_unique', params: { number: r.number, title: other.title }, ids: [r.id, ...holders.filter((h) => h.id !== r.id).map((h) => h.id)], field: 'number' })
    }
    return out
  },
}
