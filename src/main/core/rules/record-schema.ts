// Every record as the schema wants it, dates included (real calendar days, the forms staff
// write read into ISO). The kernel parses every record it writes with parseRecord (which
// is how a change gets its dates normalised); under verify the rule re-reads stored ones.
import { ArchiveRecord } from '../../../shared/domain'
import { issuesFromZod } from '../../../shared/validation'
import type { ErrorIssue } from '../../../shared/errors'
import type { Rule } from './types'

export function parseRecord(value: unknown): { ok: true; record: ArchiveRecord } | { ok: false; issues: ErrorIssue[] } {
  const r = ArchiveRecord.safeParse(value)
  return r.success ? { ok: true, record: r.data } : { ok: false, issues: issuesFromZod(r.error.issues) }
}

export const recordSchema: Rule = {
  name: 'record_schema',
  check(_view, scope) {
    if (!scope.whole) return [] // the kernel has parsed every record it is about to write
    const out = []
    for (const d of scope.records) {
      if (!d.after) continue
      const p = parseRecord(d.after)
      if (p.ok) continue
      const first = p.issues[0]!
      // The field's own reason (date.not_in_calendar…), so it reads the same as in a form.
      out.push({ rule: 'record_schema', code: 'invalid_input' as const, reason: first.reason, params: first.params ?? {}, ids: [d.id], field: first.path })
    }
    return out
  },
}
