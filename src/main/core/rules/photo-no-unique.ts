// One photo per 照片号 in the whole archive: the number names the file in a photo package
// and the photo in a 成果汇编. The fix keeps the earliest photo's number and issues the
// others new ones from the archive's sequence.
import { changed, live, type Rule, type Violation } from './types'

export const photoNoUnique: Rule = {
  name: 'photo_no_unique',
  check(view, scope) {
    const out: Violation[] = []
    const seen = new Set<string>()
    for (const d of live(scope.records)) {
      const r = d.after
      if (r.kind !== 'photo' || !r.photoNo || !changed(d, 'photoNo') || seen.has(r.photoNo)) continue
      const holders = view.withPhotoNo(r.photoNo)
      if (holders.length < 2) continue
      seen.add(r.photoNo)
      const others = holders.filter((h) => h.id !== r.id)
      out.push({ rule: 'photo_no_unique', code: 'conflict', reason: 'rule.photo_no_unique', params: { photoNo: r.photoNo, title: others[0]!.title }, ids: [r.id, ...others.map((h) => h.id)], field: 'photoNo' })
    }
    return out
  },
  fix(view, v) {
    const holders = v.ids.map((id) => view.record(id)).filter((r) => r !== undefined)
    holders.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    // photoNo: null asks the kernel for the next number of the sequence.
    return holders.slice(1).map((r) => ({ op: 'update' as const, coll: 'records' as const, id: r.id, patch: { photoNo: null } }))
  },
}
