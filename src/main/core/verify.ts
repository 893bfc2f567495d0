// verify: every rule over the whole archive (as if every item were new), and the mechanical
// repairs the rules offer. An archive written before a rule existed (say, with repeated
// 照片号) still opens; this is how it learns what to fix.
import type { VerifyReport } from '../../shared/api'
import { Draft } from './kernel/draft'
import type { Change } from './kernel/changes'
import { RULES, type Scope, type Violation } from './rules'
import type { ArchiveReader } from './store/reader'

export function wholeScope(store: ArchiveReader): Scope {
  const all = <T extends { id: string }>(m: ReadonlyMap<string, T>) => [...m.values()].map((after) => ({ id: after.id, before: undefined, after }))
  return { records: all(store.records), links: all(store.links), tags: all(store.tags), groups: all(store.photoGroups), whole: true }
}

export function violations(store: ArchiveReader): Violation[] {
  const view = new Draft(store)
  const scope = wholeScope(store)
  return RULES.flatMap((r) => r.check(view, scope))
}

export function verifyReport(store: ArchiveReader, limit = 1000): VerifyReport {
  const found = violations(store)
  const fixable = new Set(RULES.filter((r) => r.fix).map((r) => r.name))
  const title = (id: string) => store.records.get(id)?.title ?? store.tags.get(id)?.path ?? ''
  return {
    checked: store.records.size + store.links.size + store.tags.size + store.photoGroups.size,
    total: found.length,
    byRule: Object.fromEntries(RULES.map((r) => [r.name, found.filter((v) => v.rule === r.name).length]).filter(([, n]) => n)),
    violations: found.slice(0, limit).map((v) => ({ ...v, titles: v.ids.slice(0, 5).map(title), fixable: fixable.has(v.rule) })),
  }
}

/** The repairs for every violation of one rule (or all fixable ones), as one change. */
export function fixChanges(store: ArchiveReader, rule?: string): Change[] {
  const view = new Draft(store)
  const byName = new Map(RULES.map((r) => [r.name, r]))
  const out: Change[] = []
  const seen = new Set<string>()
  for (const v of violations(store)) {
    const r = byName.get(v.rule)
    if (!r?.fix || (rule && v.rule !== rule)) continue
    for (const c of r.fix(view, v)) {
      // Two violations may ask for the same repair (a duplicate seen from each side).
      const key = JSON.stringify(c)
      if (!seen.has(key)) out.push(c), seen.add(key)
    }
  }
  return out
}
