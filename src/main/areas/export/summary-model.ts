// The 成果汇编 as data: achievements in scope grouped by area (in the settings' order),
// each with its metrics, linked photos and the reports that document it. The docx,
// the Markdown and the print view all render this one model, so they cannot disagree.
import type { SummaryItem, SummaryMetric, SummaryModel, SummaryPhoto, SummarySource } from '../../../shared/contract/export'
import { catalogueDate, catalogueTitle, refCodeFor } from '../../../shared/archival'
import type { AchievementRecord, Metric, PhotoRecord, ReportRecord } from '../../../shared/domain'
import { metricValue } from '../../../shared/metrics'
import { zhDate, type ExportContext } from './context'
import type { ResolvedScope } from './scope'

export { metricValue }

export function summaryMetric(m: Metric): SummaryMetric {
  return {
    label: m.label,
    before: m.before === null ? '' : `${m.before}${m.unit}`,
    after: metricValue(m.value, m.unit, m.qualifier),
    note: m.note,
  }
}

/** One sentence from the six caption elements, in the newsroom form "…（2024年6月23日摄）". */
export function captionText(p: PhotoRecord): string {
  const c = p.caption
  const parts = [c.event, c.place && `地点：${c.place}`, c.people && `人物：${c.people}`, c.background].filter(Boolean)
  let s = parts.join('；') || p.description || p.title
  if (c.time) s += `（${c.time}摄）`
  if (c.photographer) s += ` 摄影：${c.photographer}`
  return s
}

export function summaryPhoto(p: PhotoRecord): SummaryPhoto {
  return { id: p.id, title: p.title, photoNo: p.photoNo, caption: captionText(p), placeholder: !!p.file?.placeholder, mime: p.file?.mime ?? '' }
}

export interface BuildOptions {
  photos: boolean
  title?: string
  now?: Date
}

export function buildSummary(ctx: ExportContext, scope: ResolvedScope, opts: BuildOptions): SummaryModel {
  const achievements = scope.records.filter((r): r is AchievementRecord => r.kind === 'achievement')
  const ids = new Set(achievements.map((a) => a.id))
  // Links seen from each achievement: its photos and its documenting reports.
  const linked = new Map<string, string[]>()
  for (const l of ctx.links.values()) {
    for (const [a, b] of [[l.from, l.to], [l.to, l.from]] as const) if (ids.has(a)) linked.set(a, [...(linked.get(a) ?? []), b])
  }
  const shownPhotos = new Set<string>()
  const sourceIds = new Set(scope.records.filter((r) => r.kind === 'report').map((r) => r.id))

  const item = (a: AchievementRecord): SummaryItem => {
    const photos: SummaryPhoto[] = []
    for (const id of linked.get(a.id) ?? []) {
      const r = ctx.records.get(id)
      if (r?.kind === 'report') sourceIds.add(r.id)
      // A photo appears once, under the first achievement it documents.
      if (opts.photos && r?.kind === 'photo' && !shownPhotos.has(r.id)) {
        shownPhotos.add(r.id)
        photos.push(summaryPhoto(r))
      }
    }
    const when = a.date ? zhDate(a.date) + (a.endDate ? `—${zhDate(a.endDate)}` : '') : ''
    const facts = [when && `时间：${when}`, a.places.length ? `地点：${a.places.join('、')}` : '', a.organisations.length ? `单位：${a.organisations.join('、')}` : '']
      .filter(Boolean)
      .join('；')
    return { id: a.id, title: a.title, facts, summary: a.summary, metrics: a.metrics.map(summaryMetric), photos }
  }

  const byDate = (x: AchievementRecord, y: AchievementRecord) => (x.date || '9999').localeCompare(y.date || '9999') || x.title.localeCompare(y.title, 'zh-Hans-CN')
  const known = ctx.settings.areas.map((a) => ({ id: a.id, name: a.name }))
  const rest = [...new Set(achievements.map((a) => a.area).filter((x) => !known.some((k) => k.id === x)))]
  const order = [...known, ...rest.map((id) => ({ id, name: id || '其他' }))]
  const areas = order
    .map((o) => ({ ...o, items: achievements.filter((a) => a.area === o.id).sort(byDate).map(item) }))
    .filter((a) => a.items.length)

  const sources: SummarySource[] = [...sourceIds]
    .map((id) => ctx.records.get(id) as ReportRecord)
    .sort(byFiling)
    .map((r) => ({
      refCode: refCodeFor(ctx.settings, r.filing, 'WS'),
      title: catalogueTitle(r.title, r.titleSupplied),
      docNumber: r.docNumber,
      responsible: r.responsible,
      date: catalogueDate(r.date),
    }))

  const areaName = scope.words.length === 1 && !scope.batch ? scope.words[0] : ''
  const title = opts.title?.trim() || `${scope.batch?.title ?? (areaName || ctx.settings.fondsName || '援疆工作')}成果汇编`
  const n = achievements.length
  const subtitle = [...scope.words, `成果${n}项`].join(' · ')
  const intro =
    `本汇编收录${scope.words.join('，')}成果${n}项，按${areas.length}个工作领域编排。` +
    `各项成果的指标以数据列出，“援前”栏为开展工作前的数值；所据文书及其档号列于文末“资料来源”。`
  return { title, subtitle, intro, areas, sources, generatedAt: (opts.now ?? new Date()).toISOString() }
}

const RETENTION_ORDER = ['Y', 'D30', 'D10']
/** Filed reports in catalogue order (年度, 保管期限, 机构, 件号), then unfiled ones by date. */
function byFiling(a: ReportRecord, b: ReportRecord): number {
  const fa = a.filing
  const fb = b.filing
  if (fa && fb)
    return fa.year - fb.year || RETENTION_ORDER.indexOf(fa.retention) - RETENTION_ORDER.indexOf(fb.retention) || fa.orgCode.localeCompare(fb.orgCode) || fa.itemNo - fb.itemNo
  if (fa || fb) return fa ? -1 : 1
  return a.date.localeCompare(b.date)
}
