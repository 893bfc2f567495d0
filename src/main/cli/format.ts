// Plain-text output of the CLI: readable in a terminal, one record per line for lists.
import type { RecordDetail, SearchResult } from '../../shared/api'

const KIND: Record<string, string> = { batch: '批次', report: '文书', achievement: '成果', photo: '照片' }

export function formatHits(res: SearchResult): string {
  const lines = res.warnings.map((w) => `! ${w}`)
  if (!res.hits.length) {
    lines.push(`No results for “${res.query}”.`)
    if (res.suggestions.length) lines.push(`Try: ${res.suggestions.join(' / ')}`)
    return lines.join('\n')
  }
  lines.push(`${res.total} result(s) for “${res.query}”:`)
  for (const h of res.hits) {
    const extra = [h.summary.refCode, h.summary.date].filter(Boolean).join(' ')
    lines.push(`${h.score.toFixed(3)}  ${KIND[h.kind] ?? h.kind}  ${h.id}  ${h.title}${extra ? `  (${extra})` : ''}`)
  }
  return lines.join('\n')
}

export function formatRecord(d: RecordDetail): string {
  const r = d.record as unknown as Record<string, unknown>
  const lines = [`${KIND[d.record.kind] ?? d.record.kind} ${d.record.id}: ${d.record.title}`]
  if (d.summary.refCode) lines.push(`档号: ${d.summary.refCode}`)
  for (const [k, v] of Object.entries(r)) {
    if (['id', 'kind', 'title', 'tags'].includes(k)) continue
    if (v === '' || v === null || (Array.isArray(v) && !v.length)) continue
    const text = typeof v === 'string' ? v : JSON.stringify(v)
    lines.push(`${k}: ${text.length > 400 ? text.slice(0, 400) + '…' : text}`)
  }
  if (d.tags.length) lines.push(`tags: ${d.tags.map((t) => t.path).join(', ')}`)
  for (const l of d.links) lines.push(`link ${l.direction === 'out' ? '→' : '←'} ${l.link.type}: ${l.other.id} ${l.other.title}`)
  return lines.join('\n')
}
