// The library's filtered, sorted id lists, cached per query until the archive changes,
// so scrolling 100,000 rows page by page does not re-sort on every page.
import type { ApiParsedInput } from '../../shared/api'
import { zhCollator as collator } from '../../shared/collate'
import type { ArchiveRecord } from '../../shared/domain'
import type { ArchiveReader } from './store/reader'

function dateOf(r: ArchiveRecord): string {
  return r.kind === 'batch' ? r.startDate : r.date
}

const byTitle = (a: ArchiveRecord, b: ArchiveRecord) => collator.compare(a.title, b.title)
const byId = (a: ArchiveRecord, b: ArchiveRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The library's order. By date, undated records come last in both directions (an
 * archivist sorting oldest-first wants 2017 at the top, not forty blanks); equal keys
 * fall back to the title in pinyin order, then the id, so the order never wobbles.
 */
export function compareRows(sort: ApiParsedInput<'records.list'>['sort'], desc: boolean): (a: ArchiveRecord, b: ArchiveRecord) => number {
  const dir = desc ? -1 : 1
  switch (sort) {
    case 'title':
      return (a, b) => dir * byTitle(a, b) || byId(a, b)
    case 'date':
      return (a, b) => {
        const da = dateOf(a)
        const db = dateOf(b)
        if (!da !== !db) return da ? -1 : 1
        return dir * cmp(da, db) || byTitle(a, b) || byId(a, b)
      }
    case 'kind':
      return (a, b) => dir * cmp(a.kind, b.kind) || byTitle(a, b) || byId(a, b)
    default:
      return (a, b) => dir * cmp(a.updatedAt, b.updatedAt) || byId(a, b)
  }
}

/** How many records one catch-up may patch into the cached lists; more and they are sorted anew. */
const PATCH_LIMIT = 2000
/** Up to this many changed records, each is found and taken out of a list in place; more, and the list is filtered once. */
const FEW = 16

export class ListCache {
  private seq = -1
  private cache = new Map<string, { q: ApiParsedInput<'records.list'>; ids: string[] }>()
  /** Records changed by commits since the lists were last brought up to date. */
  private changed = new Set<string>()

  constructor(private readonly store: ArchiveReader) {
    this.seq = store.seq
    store.onCommit((c) => {
      for (const m of c.changes) if (m.coll === 'records') this.changed.add(m.id)
    })
  }

  ids(q: ApiParsedInput<'records.list'>): string[] {
    if (this.seq !== this.store.seq) {
      // An edit moves its record within each cached list instead of sorting 100,000 rows
      // again: the edited row is visible in the open list within milliseconds.
      if (this.changed.size > PATCH_LIMIT) this.cache.clear()
      else for (const entry of this.cache.values()) this.patch(entry, this.changed)
      this.changed.clear()
      this.seq = this.store.seq
    }
    const key = JSON.stringify([q.kinds, q.batchId, q.area, q.tagId, q.sort, q.desc])
    let ids = this.cache.get(key)?.ids
    if (!ids) {
      ids = this.seeded(q) ?? this.compute(q)
      if (this.cache.size > 20) this.cache.clear()
      this.cache.set(key, { q, ids })
    }
    return ids
  }

  /** The library's first order as the open cache keeps it, while nothing has changed since. */
  private seeded(q: ApiParsedInput<'records.list'>): string[] | null {
    const seed = this.store.initialOrder
    const first = q.sort === 'updatedAt' && q.desc && !q.kinds?.length && !q.batchId && !q.area && !q.tagId
    return first && seed && seed.seq === this.store.seq && seed.ids.length === this.store.records.size ? seed.ids.slice() : null
  }

  private compute(q: ApiParsedInput<'records.list'>): string[] {
    const keep = filterOf(q)
    const rows: ArchiveRecord[] = []
    for (const r of this.store.records.values()) if (keep(r)) rows.push(r)
    rows.sort(compareRows(q.sort, q.desc))
    return rows.map((r) => r.id)
  }

  /** Takes the changed records out of a cached list and puts back, in order, those that still belong. */
  private patch(entry: { q: ApiParsedInput<'records.list'>; ids: string[] }, changed: ReadonlySet<string>): void {
    if (!changed.size) return
    let ids = entry.ids
    if (changed.size <= FEW) {
      // One edit: find the row and take it out (indexOf is native and quick), no copy of the list.
      for (const id of changed) {
        const at = ids.indexOf(id)
        if (at >= 0) ids.splice(at, 1)
      }
    } else ids = ids.filter((id) => !changed.has(id))
    const keep = filterOf(entry.q)
    const order = compareRows(entry.q.sort, entry.q.desc)
    for (const id of changed) {
      const r = this.store.records.get(id)
      if (!r || !keep(r)) continue
      let lo = 0
      let hi = ids.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (order(this.store.records.get(ids[mid]!)!, r) < 0) lo = mid + 1
        else hi = mid
      }
      ids.splice(lo, 0, id)
    }
    entry.ids = ids
  }
}

function filterOf(q: ApiParsedInput<'records.list'>): (r: ArchiveRecord) => boolean {
  const kinds = q.kinds?.length ? new Set(q.kinds) : null
  return (r) => {
    if (kinds && !kinds.has(r.kind)) return false
    if (q.batchId && (r.kind === 'batch' ? r.id : r.batchId) !== q.batchId) return false
    if (q.area && (r.kind === 'batch' || r.area !== q.area)) return false
    if (q.tagId && !r.tags.includes(q.tagId)) return false
    return true
  }
}
