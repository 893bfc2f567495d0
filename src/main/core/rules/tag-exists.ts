// A record carries only tags the archive has. Deleting a tag takes it off its records in
// the same change; the fix drops tags that are gone.
import { changed, live, type Rule, type Violation } from './types'

export const tagExists: Rule = {
  name: 'tag_exists',
  check(view, scope) {
    const out: Violation[] = []
    for (const d of live(scope.records)) {
      if (!changed(d, 'tags')) continue
      const missing = d.after.tags.find((t) => !view.tag(t))
      if (missing) out.push({ rule: 'tag_exists', code: 'invalid_input', reason: 'rule.tag_exists', params: { title: d.after.title, tag: missing }, ids: [d.id], field: 'tags' })
    }
    const gone = new Set(scope.tags.filter((d) => !d.after).map((d) => d.id))
    if (gone.size && !scope.whole)
      for (const r of view.records()) {
        const t = r.tags.find((x) => gone.has(x))
        if (t) out.push({ rule: 'tag_exists', code: 'invalid_input', reason: 'rule.tag_exists', params: { title: r.title, tag: t }, ids: [r.id], field: 'tags' })
      }
    return out
  },
  fix(view, v) {
    const r = view.record(v.ids[0]!)
    return r ? [{ op: 'update', coll: 'records', id: r.id, patch: { tags: r.tags.filter((t) => view.tag(t)) } }] : []
  },
}
