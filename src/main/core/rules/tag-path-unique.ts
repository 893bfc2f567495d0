// One tag per path: 产业/煤化工 is one tag, however many records carry it.
import { changed, live, type Rule, type Violation } from './types'

export const tagPathUnique: Rule = {
  name: 'tag_path_unique',
  check(view, scope) {
    const out: Violation[] = []
    const mine = live(scope.tags).filter((d) => changed(d, 'path'))
    if (!mine.length) return out
    const byPath = new Map<string, string[]>()
    for (const t of view.tags()) byPath.set(t.path, [...(byPath.get(t.path) ?? []), t.id])
    const seen = new Set<string>()
    for (const d of mine) {
      const ids = byPath.get(d.after.path) ?? []
      if (ids.length < 2 || seen.has(d.after.path)) continue
      seen.add(d.after.path)
      out.push({ rule: 'tag_path_unique', code: 'conflict', reason: 'rule.tag_path_unique', params: { path: d.after.path }, ids: [d.id, ...ids.filter((i) => i !== d.id)], field: 'path' })
    }
    return out
  },
}
