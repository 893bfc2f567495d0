// A record is not its own evidence, continuation or citation.
import { live, type Rule, type Violation } from './types'

export const linkNotSelf: Rule = {
  name: 'link_not_self',
  check(_view, scope) {
    const out: Violation[] = []
    for (const d of live(scope.links))
      if (d.after.from === d.after.to) out.push({ rule: 'link_not_self', code: 'invalid_input', reason: 'rule.link_not_self', params: {}, ids: [d.id], field: 'to' })
    return out
  },
  fix: (_view, v) => [{ op: 'delete', coll: 'links', id: v.ids[0]! }],
}
