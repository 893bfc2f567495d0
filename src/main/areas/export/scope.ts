// Resolves an export scope (batch, area, date range, query / saved search, selection)
// to the records it names. Criteria combine with AND; no criterion = every record.
import type { ExportScope } from '../../../shared/contract/export'
import type { ArchiveRecord, BatchRecord } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { ArchiveService } from '../../core/service'
import { zhDate, type ExportContext } from './context'

type Scope = Exclude<ExportScope, undefined>

export interface ResolvedScope {
  /** Records in scope, batches excluded, in archive order. */
  records: ArchiveRecord[]
  batch: BatchRecord | null
  /** The scope in words, for subtitles and file names. */
  words: string[]
  /** Invented sample records (示例) left out: a handed-over export holds only the sources' facts. */
  samples: number
}

/** The ids a query matches: the app's own search engine, without the dialog's 1000 cap. */
export async function queryIds(svc: ArchiveService, scope: Scope): Promise<{ ids: Set<string>; q: string } | null> {
  let q = scope.query?.trim() ?? ''
  if (scope.savedSearchId) {
    const saved = svc.store.savedSearches.get(scope.savedSearchId)
    if (!saved) throw new ApiError('not_found', 'saved_search.not_found', { id: scope.savedSearchId }, { field: 'scope.savedSearchId' })
    q = [q, saved.query].filter(Boolean).join(' ')
  }
  if (!q) return null
  // Strict: an export holds what the query asks for, never the partial matches the search page appends.
  const res = await svc.search.query({ q, limit: Math.max(1, svc.store.records.size), strict: true })
  return { ids: new Set(res.hits.map((h) => h.id)), q }
}

/** Pure: filters the context's records by the scope (matched = the query's ids, if any). */
export function filterScope(ctx: ExportContext, scope: Scope, matched: { ids: Set<string>; q: string } | null): ResolvedScope {
  const words: string[] = []
  let batch: BatchRecord | null = null
  if (scope.batchId) {
    const b = ctx.records.get(scope.batchId)
    if (b?.kind !== 'batch') throw new ApiError('not_found', 'batch.not_found', { id: scope.batchId }, { field: 'scope.batchId' })
    batch = b
    words.push(b.title)
  }
  if (scope.area) {
    const a = ctx.settings.areas.find((x) => x.id === scope.area || x.name === scope.area)
    words.push(a?.name ?? scope.area)
  }
  const areaIds = scope.area ? new Set([scope.area, ...ctx.settings.areas.filter((x) => x.name === scope.area).map((x) => x.id)]) : null
  const lo = scope.from ? pad(scope.from, '00') : ''
  const hi = scope.to ? pad(scope.to, '99') : ''
  if (lo || hi) words.push(`${zhDate(scope.from ?? '')}—${zhDate(scope.to ?? '')}`)
  if (matched) words.push(`检索“${matched.q}”`)
  const ids = scope.ids ? new Set(scope.ids) : null
  if (ids) words.push(`选定${ids.size}条`)

  const records: ArchiveRecord[] = []
  let samples = 0
  for (const r of ctx.records.values()) {
    if (r.kind === 'batch') continue
    if (ids && !ids.has(r.id)) continue
    if (matched && !matched.ids.has(r.id)) continue
    if (batch && r.batchId !== batch.id) continue
    if (areaIds && !areaIds.has(r.area)) continue
    if (lo || hi) {
      if (!r.date) continue
      const d = pad(r.date, '00')
      if ((lo && d < lo) || (hi && d > hi)) continue
    }
    // Samples stay out unless picked one by one.
    if (r.sample && !ids) {
      samples++
      continue
    }
    records.push(r)
  }
  return { records, batch, words, samples }
}

export async function resolveScope(svc: ArchiveService, scope: Scope): Promise<ResolvedScope> {
  return filterScope(svc.store, scope, await queryIds(svc, scope))
}

function pad(date: string, fill: string): string {
  const [y, m = fill, d = fill] = date.split('-')
  return `${y}-${m}-${d}`
}
