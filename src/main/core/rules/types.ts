// The archive's invariants as pure, named rules: each reads the state a change would leave
// (or the stored state, for verify) and the items the change touched, and names what is
// wrong. The kernel refuses a change that any rule objects to; verify runs every rule over
// the whole archive. A rule looks only at what its change touched, so an archive that
// already broke a rule still opens and takes unrelated edits.
import type { ArchiveRecord, Link, PhotoGroup, Tag } from '../../../shared/domain'
import type { Params, Reason } from '../../../shared/errors'
import type { Change } from '../kernel/changes'
import type { StateView } from '../kernel/draft'

export interface Delta<T> {
  id: string
  /** As stored before the change; undefined for a new item (and for everything under verify). */
  before: T | undefined
  /** As the change leaves it; undefined when deleted. */
  after: T | undefined
}

export interface Scope {
  records: Delta<ArchiveRecord>[]
  links: Delta<Link>[]
  tags: Delta<Tag>[]
  groups: Delta<PhotoGroup>[]
  /** verify: every item of the archive, as if new. */
  whole: boolean
}

export interface Violation {
  rule: string
  code: 'invalid_input' | 'conflict'
  reason: Reason
  params: Params
  /** The items at fault (the first is the one to point the user at). */
  ids: string[]
  /** The field at fault, in the item's terms. */
  field?: string
}

export interface Rule {
  name: string
  check(view: StateView, scope: Scope): Violation[]
  /** The mechanical repair, where there is one (verify's one-click fix). */
  fix?(view: StateView, v: Violation): Change[]
}

/** True when the field differs between before and after (or the item is new). */
export function changed<T extends object>(d: Delta<T>, ...fields: string[]): boolean {
  if (!d.before || !d.after) return true
  const b = d.before as Record<string, unknown>
  const a = d.after as Record<string, unknown>
  return fields.some((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
}

export function live<T>(list: Delta<T>[]): (Delta<T> & { after: T })[] {
  return list.filter((d): d is Delta<T> & { after: T } => d.after !== undefined)
}
