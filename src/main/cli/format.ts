// Plain-text output of the CLI: readable in a terminal, one record per line for lists.
// Everything that comes from the archive (or echoes the user's query) goes through
// safeText: record text never drives the terminal or breaks a line in two.
import type { RecordDetail, SearchResult } from '../../shared/api'
import { safeText } from './safe-text'

const KIND: Record<string, string> = { batch: '批次', report: '文书', achievement: '成果', photo: '照片' }

export function formatHits(res: SearchResult): string {
  const lines = res.warnings.map((w) => `! ${safeText(w)}`)
  if (!res.hits.length) {
    lines.push(`No results for “${safeText(res.query)}”.`)
    if (res.suggestions.length) lines.push(`Try: ${res.suggestions.map(safeText).join(' / ')}`)
    return lines.join('\n')
  }
  lines.push(`${res.total} result(s) for “${safeText(res.query)}”:`)
  for (const h of res.hits) {
    const extra = [h.summary.refCode, h.summary.date].filter(Boolean).map(safeText).join(' ')
    lines.push(`${h.score.toFixed(3)}  ${KIND[h.kind] ?? safeText(h.kind)}  ${safeText(h.id)}  ${safeText(h.title)}${extra ? `  (${extra})` : ''}`)
  }
  return lines.join('\n')
}

export function formatRecord(d: RecordDetail): string {
  const r = d.record as unknown as Record<string, unknown>
  const lines = [`${KIND[d.record.kind] ?? safeText(d.record.kind)} ${safeText(d.record.id)}: ${safeText(d.record.title)}`]
  if (d.summary.refCode) lines.push(`档号: ${safeText(d.summary.refCode)}`)
  for (const [k, v] of Object.entries(r)) {
    if (['id', 'kind', 'title', 'tags'].includes(k)) continue
    if (v === '' || v === null || (Array.isArray(v) && !v.length)) continue
    const text = typeof v === 'string' ? v : JSON.stringify(v)
    // Cut before escaping, so the cut never splits an escape.
    lines.push(`${safeText(k)}: ${safeText(text.length > 400 ? text.slice(0, 400) : text)}${text.length > 400 ? '…' : ''}`)
  }
  if (d.tags.length) lines.push(`tags: ${d.tags.map((t) => safeText(t.path)).join(', ')}`)
  for (const l of d.links) lines.push(`link ${l.direction === 'out' ? '→' : '←'} ${safeText(l.link.type)}: ${safeText(l.other.id)} ${safeText(l.other.title)}`)
  return lines.join('\n')
}
