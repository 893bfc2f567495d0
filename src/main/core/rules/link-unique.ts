// Two records are linked at most once per type, whichever way round: a second 佐证 between
// the same pair says nothing new and would be counted twice. The fix keeps the oldest.
import type { Link } from '../../../shared/domain'
import { changed, live, type Rule, type Violation } from './types'

const pair = (l: Link) => (l.from < l.to ? `${l.from}\u0000${l.to}` : `${l.to}\u0000${l.from}`) + `\u0000${l.type}`

export const linkUnique: Rule = {
  name: 'link_unique',
  check(view, scope) {
    const out: Violation[] = []
    const seen = new Set<string>()
    for (const d of live(scope.links)) {
      const l = d.after
      if (!changed(d, 'from', 'to', 'type') || seen.has(pair(l))) continue
      seen.add(pair(l))
      const same = view.linksOf(l.from).filter((o) => pair(o) === pair(l))
      if (same.length < 2) continue
      same.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      const later = same.filter((o) => o.id !== same[0]!.id)
      // The one to blame is the one this change brought, else the later duplicates.
      const ids = later.some((o) => o.id === l.id) ? [l.id, ...same.filter((o) => o.id !== l.id).map((o) => o.id)] : later.map((o) => o.id)
      out.push({ rule: 'link_unique', code: 'conflict', reason: 'rule.link_unique', params: {}, ids, field: 'to' })
    }
    return out
  },
  fix: (_view, v) => [{ op: 'delete', coll: 'links', id: v.ids[0]! }],
}
