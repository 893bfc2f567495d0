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

export class ListCache {
  private seq = -1
  private cache = new Map<string, string[]>()
  constructor(private readonly store: ArchiveReader) {}

  ids(q: ApiParsedInput<'records.list'>): string[] {
    if (this.seq !== this.store.seq) {
      this.cache.clear()
      this.seq = this.store.seq
    }
    const key = JSON.stringify([q.kinds, q.batchId, q.area, q.tagId, q.sort, q.desc])
    let ids = this.cache.get(key)
    if (!ids) {
      ids = this.compute(q)
      if (this.cache.size > 20) this.cache.clear()
      this.cache.set(key, ids)
    }
    return ids
  }

  private compute(q: ApiParsedInput<'records.list'>): string[] {
    const kinds = q.kinds?.length ? new Set(q.kinds) : null
    const rows: ArchiveRecord[] = []
    for (const r of this.store.records.values()) {
      if (kinds && !kinds.has(r.kind)) continue
      if (q.batchId && (r.kind === 'batch' ? r.id : r.batchId) !== q.batchId) continue
      if (q.area && (r.kind === 'batch' || r.area !== q.area)) continue
      if (q.tagId && !r.tags.includes(q.tagId)) continue
      rows.push(r)
    }
    rows.sort(compareRows(q.sort, q.desc))
    return rows.map((r) => r.id)
  }
}
