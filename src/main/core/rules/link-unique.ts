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
      // The one to blame is the one this change brought (first); all copies are listed.
      const ids = [l.id, ...same.filter((o) => o.id !== l.id).map((o) => o.id)]
      out.push({ rule: 'link_unique', code: 'conflict', reason: 'rule.link_unique', params: {}, ids, field: 'to' })
    }
    return out
  },
  // Keeps the oldest copy, removes the rest.
  fix(view, v) {
    const copies = v.ids.map((id) => view.link(id)).filter((l) => l !== undefined)
    copies.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    return copies.slice(1).map((l) => ({ op: 'delete' as const, coll: 'links' as const, id: l.id }))
  },
}
