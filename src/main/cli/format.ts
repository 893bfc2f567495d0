// Plain-text output of the CLI: readable in a terminal, one record per line for lists.
// Everything that comes from the archive (or echoes the user's query) goes through
// safeText: record text never drives the terminal or breaks a line in two. Search results
// speak the CLI's language; record fields keep their archive names.
import type { RecordDetail, SearchResult, SearchRewrite, SearchWarning } from '../../shared/api'
import type { Locale } from '../../shared/i18n/format'
import { safeText } from './safe-text'

type RewriteHow = SearchRewrite['how']

const KIND: Record<string, string> = { batch: '批次', report: '文书', achievement: '成果', photo: '照片' }
const KIND_EN: Record<string, string> = { batch: 'batch', report: 'report', achievement: 'achievement', photo: 'photo' }

// The search command's own sentences, in the CLI's language (LC_ALL / LANG, see locale.ts).
const WORDS = {
  'zh-CN': {
    kind: KIND,
    none: (q: string) => `没有找到“${q}”的结果。`,
    tryInstead: (s: string[]) => `试试：${s.join(' / ')}`,
    heading: (n: number, q: string) => `“${q}”共 ${n} 条结果：`,
    read: (parts: string[]) => `检索理解：${parts.join('；')}`,
    chip: { batch: (r: string) => `批次 第${r}批`, year: (r: string) => `年份 ${r}年`, kind: (k: string) => `类型 ${k}` },
    noBatch: (r: string) => `档案中没有第${r}批，已按文字查找`,
    noYear: (r: string) => `档案中没有${r}年的记录，已按文字查找`,
    rewrite: (how: RewriteHow, word: string, used: string[]) => {
      const u = used.map((x) => `“${x}”`).join('、')
      return { synonym: `“${word}”同时按同义词${u}查找`, abbreviation: `简称“${word}”按全称${u}查找`, number: `“${word}”按${u}查找`, sound: `“${word}”没有完全相同的记录，按读音找到${u}` }[how]
    },
    ignored: (w: string[]) => `已忽略：${w.join('、')}`,
    onlyPartial: (missing: string[]) => `没有同时包含全部词语的记录，以下按包含的词语多少排列${missing.length ? `；未找到：${missing.join('、')}` : ''}。`,
    noneHas: (missing: string[]) => `没有任何记录包含：${missing.join('、')}`,
    partial: (missing: string[]) => `（部分匹配，缺少：${missing.join('、')}）`,
    warning: (w: SearchWarning, p: (k: string) => string): string =>
      ({
        unknown_field: `未知的检索字段“${p('field')}:”，已忽略。可用字段：${p('fields')}`,
        missing_value: `“${p('field')}:”后面缺少要查找的值。`,
        bad_batch: `batch: 需要批次号，例如 batch:5 或 batch:3..5（收到“${p('value')}”）。`,
        bad_year: `year: 需要年份，例如 year:2024 或 year:2024..2025（收到“${p('value')}”）。`,
        bad_type: `type: 不认识“${p('value')}”。可用：photo（照片）、report（文书）、achievement（成果）、batch（批次），多个用 | 分隔。`,
        bad_has: `has: 不认识“${p('value')}”。可用：photo（有照片）、file（有附件）、metric（有指标）、tag（有标签）、link（有关联）。`,
        no_batch: `没有第 ${p('range')} 批的批次记录。`,
        no_area: `area: 没有名称含“${p('value')}”的领域。可用：${p('areas')}。`,
        too_common: `“${p('char')}”太常见，单字只在标题、标签、地点、人物和说明中查找。`,
        sound: `“${p('word')}”没有完全相同的记录，已按读音（${p('reading')}）查找${p('matches') ? `：${p('matches')}` : ''}。`,
      })[w.code],
  },
  en: {
    kind: KIND_EN,
    none: (q: string) => `No results for “${q}”.`,
    tryInstead: (s: string[]) => `Try: ${s.join(' / ')}`,
    heading: (n: number, q: string) => `${n} result(s) for “${q}”:`,
    read: (parts: string[]) => `Read as: ${parts.join('; ')}`,
    chip: { batch: (r: string) => `batch ${r}`, year: (r: string) => `year ${r}`, kind: (k: string) => `type ${k}` },
    noBatch: (r: string) => `no batch ${r} in the archive, searched as words`,
    noYear: (r: string) => `nothing from ${r} in the archive, searched as words`,
    rewrite: (how: RewriteHow, word: string, used: string[]) =>
      `“${word}” (${{ synonym: 'synonym', abbreviation: 'short form', number: 'number', sound: 'sound' }[how]}) also as ${used.map((u) => `“${u}”`).join(', ')}`,
    ignored: (w: string[]) => `ignored: ${w.join(', ')}`,
    onlyPartial: (missing: string[]) => `No record contains all the words; below, records by how many they contain${missing.length ? `. Not found: ${missing.join(', ')}` : ''}.`,
    noneHas: (missing: string[]) => `No record contains: ${missing.join(', ')}`,
    partial: (missing: string[]) => `  (partial match, lacks: ${missing.join(', ')})`,
    warning: (w: SearchWarning, p: (k: string) => string): string =>
      ({
        unknown_field: `Unknown search field “${p('field')}:”, ignored. Fields: ${p('fields')}`,
        missing_value: `“${p('field')}:” needs a value to look for.`,
        bad_batch: `batch: needs a batch number, e.g. batch:5 or batch:3..5 (got “${p('value')}”).`,
        bad_year: `year: needs a year, e.g. year:2024 or year:2024..2025 (got “${p('value')}”).`,
        bad_type: `type: “${p('value')}” is not a kind. Kinds: photo, report, achievement, batch; several with |.`,
        bad_has: `has: “${p('value')}” is not known. Use photo, file, metric, tag or link.`,
        no_batch: `No batch numbered ${p('range')} in the archive.`,
        no_area: `area: no area named like “${p('value')}”. Areas: ${p('areas')}.`,
        too_common: `“${p('char')}” is too common: a single character is looked up in titles, tags, places, people and captions only.`,
        sound: `Nothing has “${p('word')}” exactly; searched by its sound (${p('reading')})${p('matches') ? `: ${p('matches')}` : ''}.`,
      })[w.code],
  },
} satisfies Record<Locale, unknown>

const span = (lo: number, hi: number | undefined) => (hi === undefined || hi === lo ? String(lo) : `${lo}–${hi}`)

/** How the query was read (chips, words found through others, ignored words), as one line; '' when word for word. */
function readLine(res: SearchResult, w: (typeof WORDS)[Locale]): string {
  const u = res.understood
  if (!u) return ''
  const parts: string[] = []
  for (const c of u.chips) {
    if (c.type === 'kind') parts.push(w.chip.kind(c.kind ? w.kind[c.kind]! : safeText(c.source)))
    else if (c.lo === undefined) parts.push(safeText(c.source))
    else if (c.type === 'batch') parts.push((c.unmatched ? w.noBatch : w.chip.batch)(span(c.lo, c.hi)))
    else parts.push((c.unmatched ? w.noYear : w.chip.year)(span(c.lo, c.hi)))
  }
  for (const r of u.rewrites) if (r.used.length) parts.push(w.rewrite(r.how, safeText(r.word), r.used.map(safeText)))
  if (u.ignored.length) parts.push(w.ignored(u.ignored.map(safeText)))
  return parts.length ? w.read(parts) : ''
}

export function formatHits(res: SearchResult, locale: Locale = 'en'): string {
  const w = WORDS[locale]
  const lines = res.warnings.map((x) => `! ${w.warning(x, (k) => safeText(x.params[k] ?? ''))}`)
  const read = readLine(res, w)
  if (read) lines.push(read)
  const missing = (res.understood?.missing ?? []).map(safeText)
  if (!res.hits.length) {
    lines.push(w.none(safeText(res.query)))
    if (missing.length) lines.push(w.noneHas(missing))
    if (res.suggestions.length) lines.push(w.tryInstead(res.suggestions.map(safeText)))
    return lines.join('\n')
  }
  if (res.understood && res.understood.strictTotal === 0) lines.push(w.onlyPartial(missing))
  lines.push(w.heading(res.total, safeText(res.query)))
  for (const h of res.hits) {
    const extra = [h.summary.refCode, h.summary.date].filter(Boolean).map(safeText).join(' ')
    const partial = h.missing?.length ? w.partial(h.missing.map(safeText)) : ''
    lines.push(`${h.score.toFixed(3)}  ${w.kind[h.kind] ?? safeText(h.kind)}  ${safeText(h.id)}  ${safeText(h.title)}${extra ? `  (${extra})` : ''}${partial}`)
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
