// Which records' search documents a set of mutations may have changed: the records
// themselves, both ends of every link made or removed, and the carriers of a renamed tag
// (a record is found by its tags' paths). One rule for the kernel's live feed and for
// catching a saved index up with the journal's tail.
import type { Link, Tag } from '../../../shared/domain'
import type { Mutation } from './journal'
import type { ArchiveReader } from './reader'

export function affectedRecords(store: Pick<ArchiveReader, 'records'>, mutations: readonly Mutation[]): string[] {
  const ids = new Set<string>()
  const renamed = new Set<string>()
  for (const m of mutations) {
    if (m.coll === 'records') ids.add(m.id)
    else if (m.coll === 'links') {
      for (const l of [m.before, m.after] as (Link | null)[]) if (l) ids.add(l.from).add(l.to)
    } else if (m.coll === 'tags' && m.before && m.after && (m.before as Tag).path !== (m.after as Tag).path) renamed.add(m.id)
  }
  if (renamed.size) for (const r of store.records.values()) if (r.tags.some((t) => renamed.has(t))) ids.add(r.id)
  return [...ids]
}
