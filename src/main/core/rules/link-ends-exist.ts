// A link joins two records that exist. The kernel removes a deleted record's links in the
// same change, so this holds on every path; the fix removes a link left dangling.
import { live, type Rule, type Violation } from './types'

export const linkEndsExist: Rule = {
  name: 'link_ends_exist',
  check(view, scope) {
    const out: Violation[] = []
    for (const d of live(scope.links)) {
      const l = d.after
      const missing = [l.from, l.to].filter((id) => !view.record(id))
      if (missing.length) out.push({ rule: 'link_ends_exist', code: 'invalid_input', reason: 'rule.link_ends_exist', params: { id: l.id, missing: missing.join('、') }, ids: [l.id], field: missing[0] === l.from ? 'from' : 'to' })
    }
    // A record deleted in this change must take its links with it.
    for (const d of scope.records) {
      if (d.after) continue
      for (const l of view.linksOf(d.id))
        out.push({ rule: 'link_ends_exist', code: 'invalid_input', reason: 'rule.link_ends_exist', params: { id: l.id, missing: d.id }, ids: [l.id] })
    }
    return out
  },
  fix: (_view, v) => [{ op: 'delete', coll: 'links', id: v.ids[0]! }],
}
