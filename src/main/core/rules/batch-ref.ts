// A record's batch is a batch record of this archive. Deleting a batch leaves its records
// without one (in the same change); the fix clears a reference to a batch that is gone.
import { changed, live, type Rule, type Violation } from './types'

export const batchRef: Rule = {
  name: 'batch_ref',
  check(view, scope) {
    const out: Violation[] = []
    const bad = (batchId: string | null) => !!batchId && view.record(batchId)?.kind !== 'batch'
    for (const d of live(scope.records)) {
      const r = d.after
      if (r.kind === 'batch' || !changed(d, 'batchId') || !bad(r.batchId)) continue
      out.push({ rule: 'batch_ref', code: 'invalid_input', reason: 'rule.batch_ref', params: { title: r.title, batchId: r.batchId! }, ids: [r.id], field: 'batchId' })
    }
    // A batch deleted (or turned into something else) in this change must leave no record behind.
    const gone = new Set(scope.records.filter((d) => d.before?.kind === 'batch' && d.after?.kind !== 'batch').map((d) => d.id))
    if (gone.size && !scope.whole)
      for (const r of view.records())
        if (r.kind !== 'batch' && r.batchId && gone.has(r.batchId))
          out.push({ rule: 'batch_ref', code: 'invalid_input', reason: 'rule.batch_ref', params: { title: r.title, batchId: r.batchId }, ids: [r.id], field: 'batchId' })
    return out
  },
  fix: (_view, v) => [{ op: 'update', coll: 'records', id: v.ids[0]!, patch: { batchId: null } }],
}
