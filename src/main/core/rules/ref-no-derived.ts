// 参见号 is derived, never typed: a photo's 参见号 is the 档号 of the filed reports it is
// linked to. The kernel recomputes it whenever a link, a filing or the 全宗号 changes;
// this rule checks the result (and, under verify, archives written before it).
import { joinRefNos, refCodeFor } from '../../../shared/archival'
import type { PhotoRecord } from '../../../shared/domain'
import type { StateView } from '../kernel/draft'
import { live, type Rule, type Violation } from './types'

export function derivedRefNo(view: StateView, photo: PhotoRecord): string {
  const links = view.linksOf(photo.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  const codes: string[] = []
  for (const l of links) {
    const other = view.record(l.from === photo.id ? l.to : l.from)
    if (other?.kind === 'report' && other.filing) codes.push(refCodeFor(view.settings, other.filing, 'WS'))
  }
  return joinRefNos(codes)
}

export const refNoDerived: Rule = {
  name: 'ref_no_derived',
  check(view, scope) {
    const out: Violation[] = []
    for (const d of live(scope.records)) {
      const r = d.after
      if (r.kind !== 'photo') continue
      const expected = derivedRefNo(view, r)
      if (expected !== r.refNo)
        out.push({ rule: 'ref_no_derived', code: 'invalid_input', reason: 'rule.ref_no_derived', params: { title: r.title, expected, actual: r.refNo }, ids: [r.id], field: 'refNo' })
    }
    return out
  },
  // Touching the photo is enough: the kernel derives its 参见号 on every write.
  fix: (_view, v) => [{ op: 'update', coll: 'records', id: v.ids[0]!, patch: {} }],
}
