// The library's filtered, sorted id lists, cached per query until the archive changes,
// so scrolling 100,000 rows page by page does not re-sort on every page.
import type { ApiParsedInput } from '../../shared/api'
import type { ArchiveRecord } from '../../shared/domain'
import type { ArchiveReader } from './store/reader'

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true })

function dateOf(r: ArchiveRecord): string {
  return r.kind === 'batch' ? r.startDate : r.date
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
    const dir = q.desc ? -1 : 1
    const cmp: (a: ArchiveRecord, b: ArchiveRecord) => number =
      q.sort === 'title'
        ? (a, b) => collator.compare(a.title, b.title)
        : q.sort === 'date'
          ? (a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0)
          : q.sort === 'kind'
            ? (a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)
            : (a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0)
    rows.sort((a, b) => dir * cmp(a, b) || (a.id < b.id ? -1 : 1))
    return rows.map((r) => r.id)
  }
}
