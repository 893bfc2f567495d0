// A photo's group is a photo group of this archive; the fix clears a reference to one that is gone.
import { changed, live, type Rule, type Violation } from './types'

export const groupRef: Rule = {
  name: 'group_ref',
  check(view, scope) {
    const out: Violation[] = []
    for (const d of live(scope.records)) {
      const r = d.after
      if (r.kind !== 'photo' || !r.groupId || !changed(d, 'groupId') || view.group(r.groupId)) continue
      out.push({ rule: 'group_ref', code: 'invalid_input', reason: 'rule.group_ref', params: { title: r.title, groupId: r.groupId }, ids: [r.id], field: 'groupId' })
    }
    const gone = new Set(scope.groups.filter((d) => !d.after).map((d) => d.id))
    if (gone.size && !scope.whole)
      for (const r of view.records())
        if (r.kind === 'photo' && r.groupId && gone.has(r.groupId))
          out.push({ rule: 'group_ref', code: 'invalid_input', reason: 'rule.group_ref', params: { title: r.title, groupId: r.groupId }, ids: [r.id], field: 'groupId' })
    return out
  },
  fix: (_view, v) => [{ op: 'update', coll: 'records', id: v.ids[0]!, patch: { groupId: null } }],
}
