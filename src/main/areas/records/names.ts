// records.names: the names the archive's records hold in one field, counted, for the
// people, organisation and 责任者 pickers. Computed once per archive state and field: the
// forms ask on every mount, and an unchanged archive answers from the cache.
import { zhCollator } from '../../../shared/collate'
import type { NameField } from '../../../shared/contract/records'
import type { ArchiveRecord } from '../../../shared/domain'
import type { ArchiveReader } from '../../core/store/reader'

export interface NameCount {
  name: string
  count: number
}

function valuesOf(r: ArchiveRecord, field: NameField): readonly string[] {
  switch (field) {
    case 'people':
      return r.kind === 'batch' ? [] : r.people
    case 'organisations':
      return r.kind === 'achievement' ? r.organisations : []
    case 'responsible':
      return r.kind === 'report' ? [r.responsible] : []
  }
}

/** Every distinct trimmed name, with the number of records that hold it; most used first,
 *  ties in pinyin order. A name listed twice in one record counts once. */
export function countNames(records: Iterable<ArchiveRecord>, field: NameField): NameCount[] {
  const counts = new Map<string, number>()
  for (const r of records) {
    if (r.sample) continue
    const names = new Set(valuesOf(r, field).map((v) => v.trim()))
    for (const name of names) if (name) counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || zhCollator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** countNames per field, kept until the archive changes (or another archive opens). */
export function nameCache(store: ArchiveReader): (field: NameField) => NameCount[] {
  const cached = new Map<NameField, { seq: number; dir: string; names: NameCount[] }>()
  return (field) => {
    const hit = cached.get(field)
    if (hit && hit.seq === store.seq && hit.dir === store.dir) return hit.names
    const names = countNames(store.records.values(), field)
    cached.set(field, { seq: store.seq, dir: store.dir, names })
    return names
  }
}
