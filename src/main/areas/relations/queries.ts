// Read-only relational views: 延续 chains, neighbourhood graphs, the archivist's to-do
// lists (unbacked achievements, orphan photos/reports), batch pages and the comparison.
import type { RecordSummary } from '../../../shared/api'
import type { BatchCompare, BatchDetail, ChainResult, GraphResult, MetricTotal } from '../../../shared/contract/relations'
import type { AchievementRecord, ArchiveRecord, Link } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { totalQualifier } from '../../../shared/metrics'
import type { ArchiveService } from '../../core/service'

const byDate = (a: RecordSummary, b: RecordSummary) => (a.date || '9999').localeCompare(b.date || '9999') || a.title.localeCompare(b.title, 'zh-Hans-CN')

function batchNo(svc: ArchiveService, r: ArchiveRecord): number {
  const id = r.kind === 'batch' ? r.id : r.batchId
  const b = id ? svc.store.records.get(id) : undefined
  return b?.kind === 'batch' ? b.number : Number.MAX_SAFE_INTEGER
}

/** Links indexed by record id, built per call (cheap next to a render; no stale cache). */
function adjacency(svc: ArchiveService): Map<string, Link[]> {
  const m = new Map<string, Link[]>()
  for (const l of svc.store.links.values()) {
    for (const id of [l.from, l.to]) {
      const list = m.get(id)
      if (list) list.push(l)
      else m.set(id, [l])
    }
  }
  return m
}

/** The connected 延续 component of an achievement, earliest batch first. */
export function chain(svc: ArchiveService, id: string): ChainResult {
  svc.record(id) // not_found before anything else
  const adj = adjacency(svc)
  const seen = new Set([id])
  const links = new Map<string, Link>()
  const queue = [id]
  while (queue.length) {
    const cur = queue.shift()!
    for (const l of adj.get(cur) ?? []) {
      if (l.type !== 'continues') continue
      links.set(l.id, l)
      const other = l.from === cur ? l.to : l.from
      if (!seen.has(other) && svc.store.records.has(other)) {
        seen.add(other)
        queue.push(other)
      }
    }
  }
  const recs = [...seen].map((x) => svc.record(x))
  recs.sort((a, b) => batchNo(svc, a) - batchNo(svc, b) || byDate(svc.summary(a), svc.summary(b)))
  const items = recs.map((r) => {
    const s = svc.summary(r)
    const b = s.batchId ? svc.store.records.get(s.batchId) : undefined
    return { summary: s, batchTitle: b?.title ?? '', metrics: r.kind === 'achievement' ? r.metrics : [] }
  })
  const labels: string[] = []
  for (const it of items) for (const m of it.metrics) if (!labels.includes(m.label)) labels.push(m.label)
  const metrics = labels.map((label) => ({ label, cells: items.map((it) => it.metrics.find((m) => m.label === label) ?? null) }))
  return { items, links: [...links.values()], metrics }
}

export function graph(svc: ArchiveService, id: string, depth: number): GraphResult {
  svc.record(id)
  const adj = adjacency(svc)
  const level = new Map([[id, 0]])
  const edges = new Map<string, Link>()
  let frontier = [id]
  for (let d = 1; d <= depth; d++) {
    const next: string[] = []
    for (const cur of frontier)
      for (const l of adj.get(cur) ?? []) {
        const other = l.from === cur ? l.to : l.from
        if (!svc.store.records.has(other)) continue
        edges.set(l.id, l)
        if (!level.has(other)) {
          level.set(other, d)
          next.push(other)
        }
      }
    frontier = next
  }
  // Links between nodes of the last ring are part of the picture too.
  for (const l of svc.store.links.values()) if (level.has(l.from) && level.has(l.to)) edges.set(l.id, l)
  const nodes = [...level].map(([nid, d]) => ({ ...svc.summary(svc.record(nid)), depth: d }))
  return { center: id, nodes, edges: [...edges.values()] }
}

const inBatch = (r: ArchiveRecord, batchId?: string) => !batchId || (r.kind !== 'batch' && r.batchId === batchId)

export function unbacked(svc: ArchiveService, batchId?: string): RecordSummary[] {
  const backed = new Set<string>()
  for (const l of svc.store.links.values()) if (l.type === 'evidence') backed.add(l.to).add(l.from)
  const out: RecordSummary[] = []
  for (const r of svc.store.records.values()) if (r.kind === 'achievement' && inBatch(r, batchId) && !backed.has(r.id)) out.push(svc.summary(r))
  return out.sort(byDate)
}

export function orphans(svc: ArchiveService, batchId?: string): RecordSummary[] {
  const linked = new Set<string>()
  for (const l of svc.store.links.values()) linked.add(l.from).add(l.to)
  const out: RecordSummary[] = []
  for (const r of svc.store.records.values())
    if ((r.kind === 'photo' || r.kind === 'report') && inBatch(r, batchId) && !linked.has(r.id)) out.push(svc.summary(r))
  return out.sort(byDate)
}

/** Totals per (label, unit); a label seen with several units is flagged mixed and never added across units. */
export function metricTotals(recs: AchievementRecord[]): MetricTotal[] {
  const groups = new Map<string, MetricTotal>()
  const units = new Map<string, Set<string>>()
  const qualifiers = new Map<MetricTotal, AchievementRecord['metrics'][number]['qualifier'][]>()
  for (const r of recs)
    for (const m of r.metrics) {
      const key = `${m.label}\u0000${m.unit}`
      const g = groups.get(key) ?? { label: m.label, unit: m.unit, total: 0, qualifier: '', count: 0, ids: [], mixed: false }
      g.total = g.total === null ? null : RATIO.test(m.unit) && g.count > 0 ? null : round(g.total + m.value)
      g.count++
      if (!g.ids.includes(r.id)) g.ids.push(r.id)
      groups.set(key, g)
      qualifiers.set(g, [...(qualifiers.get(g) ?? []), m.qualifier])
      units.set(m.label, (units.get(m.label) ?? new Set()).add(m.unit))
    }
  const out = [...groups.values()]
  for (const g of out) {
    g.mixed = (units.get(g.label)?.size ?? 0) > 1
    g.qualifier = totalQualifier(qualifiers.get(g) ?? [])
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'zh-Hans-CN') || a.unit.localeCompare(b.unit))
}
const round = (x: number) => Math.round(x * 1e6) / 1e6
/** Shares and rates: two records' 90% and 95% do not make 185%. */
const RATIO = /^(%|‰|％)$/

export function batchDetail(svc: ArchiveService, id: string): BatchDetail {
  const batch = svc.record(id)
  if (batch.kind !== 'batch') throw new ApiError('invalid_input', 'record.not_a_batch', { id })
  const achievements: AchievementRecord[] = []
  const photos: RecordSummary[] = []
  const reports: RecordSummary[] = []
  for (const r of svc.store.records.values()) {
    if (r.kind === 'batch' || r.batchId !== id) continue
    if (r.kind === 'achievement') achievements.push(r)
    else (r.kind === 'photo' ? photos : reports).push(svc.summary(r))
  }
  const areas = new Map<string, RecordSummary[]>()
  for (const a of achievements) {
    const list = areas.get(a.area)
    if (list) list.push(svc.summary(a))
    else areas.set(a.area, [svc.summary(a)])
  }
  const order = svc.store.settings.areas.map((a) => a.id)
  const rank = (a: string) => (order.includes(a) ? order.indexOf(a) : order.length + (a ? 0 : 1))
  const byArea = [...areas].sort((a, b) => rank(a[0]) - rank(b[0])).map(([area, items]) => ({ area, items: items.sort(byDate) }))
  return { batch, byArea, metrics: metricTotals(achievements), photos: photos.sort(byDate), reports: reports.sort(byDate) }
}

export function compare(svc: ArchiveService): BatchCompare {
  const batches = [...svc.store.records.values()].flatMap((r) => (r.kind === 'batch' ? [r] : [])).sort((a, b) => a.number - b.number)
  const byArea: BatchCompare['byArea'] = {}
  const perBatch = new Map<string, AchievementRecord[]>()
  const months = new Map<string, { achievement: string[]; photo: string[] }>()
  for (const r of svc.store.records.values()) {
    if (r.kind === 'batch') continue
    if ((r.kind === 'achievement' || r.kind === 'photo') && /^\d{4}-\d{2}/.test(r.date)) {
      const m = r.date.slice(0, 7)
      const slot = months.get(m) ?? { achievement: [], photo: [] }
      slot[r.kind].push(r.id)
      months.set(m, slot)
    }
    if (r.kind !== 'achievement' || !r.batchId) continue
    ;((byArea[r.area] ??= {})[r.batchId] ??= []).push(r.id)
    const list = perBatch.get(r.batchId)
    if (list) list.push(r)
    else perBatch.set(r.batchId, [r])
  }
  const order = svc.store.settings.areas.map((a) => a.id)
  const areas = Object.keys(byArea).sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
  // A series per (label, unit) that appears in more than one batch: that is what compares.
  const series = new Map<string, BatchCompare['metrics'][number]>()
  for (const [bid, recs] of perBatch)
    for (const t of metricTotals(recs)) {
      const key = `${t.label}\u0000${t.unit}`
      const s = series.get(key) ?? { label: t.label, unit: t.unit, points: {} }
      s.points[bid] = { total: t.total, qualifier: t.qualifier, ids: t.ids }
      series.set(key, s)
    }
  const metrics = [...series.values()].filter((s) => Object.keys(s.points).length > 1)
  const timeline = [...months].sort((a, b) => a[0].localeCompare(b[0])).map(([month, v]) => ({ month, ...v }))
  return { batches: batches.map((b) => ({ id: b.id, number: b.number, title: b.title, sample: b.sample })), areas, byArea, metrics, timeline }
}

