// The query language. Words are ANDed across fields; a few field filters narrow the set:
//   阜康 焦化            both words, anywhere in the record
//   fukang / fu kang / fk / jmse    pinyin: full, spaced, initials (matched by the index)
//   "汾水连天山"          an exact phrase
//   -照片                 exclude records matching a word (or a filter: -type:photo)
//   batch:5  batch:3..5  area:教育  place:阜康  year:2024  year:2024..2025
//   type:photo|report|achievement|batch   tag:煤化工   has:photo|file|metric|tag|link
// Field names have Chinese aliases (批次: 领域: 地点: 年份: 类型: 标签: 有:) and full-width
// colons work (the query is normalised first). An unknown field gives a warning and is
// left out; a bad value likewise.
import type { SearchWarning } from '../../shared/api'
import type { RecordKind } from '../../shared/domain'
import { normalize, charClasses, CJK, ALNUM } from './normalize'
import { isSyllable } from './pinyin'
import { F_FILE, F_LINKS, F_METRICS, F_PHOTO, F_TAGS, G_PLACES, G_TAGS, ALL_GROUPS } from './doc'

export type TermKind = 'cjk' | 'latin' | 'literal' | 'phrase' | 'pinyin'

export interface TextTerm {
  kind: TermKind
  /** Normalised text (for a spaced pinyin group, the syllables joined by spaces). */
  text: string
  /** Syllables of a spaced pinyin group ("fu kang"). */
  syllables?: string[]
  negate: boolean
  /** Field groups the term may match (a bit per group). */
  groups: number
  /** Share of the ranking (field-filter values count less than words). */
  weight: number
  /** The last word of the query as typed: a half-typed pinyin syllable may complete. */
  last: boolean
  /** Index of the clause it came from. */
  clause: number
  /** Typed with a leading + : must be found even when the rest of the query is matched loosely. */
  required?: boolean
}

export type Filter =
  | { type: 'batch'; lo: number; hi: number; negate: boolean; clause: number }
  | { type: 'area'; value: string; negate: boolean; clause: number }
  | { type: 'year'; lo: number; hi: number; negate: boolean; clause: number }
  | { type: 'kind'; kinds: RecordKind[]; negate: boolean; clause: number }
  | { type: 'has'; flag: number; negate: boolean; clause: number }

export interface Clause {
  /** The clause as typed (for suggestions that drop it). */
  raw: string
  type: 'text' | 'filter' | 'ignored'
}

export interface ParsedQuery {
  terms: TextTerm[]
  filters: Filter[]
  clauses: Clause[]
  warnings: SearchWarning[]
}

export const FIELD_NAMES = ['batch', 'area', 'place', 'year', 'type', 'tag', 'has'] as const
type FieldName = (typeof FIELD_NAMES)[number]
/** A table lookup that a key like constructor or __proto__ cannot reach past. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined
}

const FIELD_ALIASES: Record<string, FieldName> = {
  batch: 'batch', b: 'batch', 批次: 'batch', 批: 'batch',
  area: 'area', 领域: 'area', 方向: 'area',
  place: 'place', places: 'place', 地点: 'place', 地方: 'place', 地区: 'place',
  year: 'year', y: 'year', 年: 'year', 年份: 'year', 年度: 'year',
  type: 'type', kind: 'type', 类型: 'type', 门类: 'type',
  tag: 'tag', tags: 'tag', 标签: 'tag',
  has: 'has', 有: 'has', 含: 'has',
}
const KIND_ALIASES: Record<string, RecordKind> = {
  photo: 'photo', photos: 'photo', 照片: 'photo', 图片: 'photo', zp: 'photo',
  report: 'report', reports: 'report', 文书: 'report', 报告: 'report', 文件: 'report', ws: 'report', doc: 'report',
  achievement: 'achievement', achievements: 'achievement', 成果: 'achievement',
  batch: 'batch', batches: 'batch', 批次: 'batch', 工作队: 'batch',
}
const HAS_ALIASES: Record<string, number> = {
  photo: F_PHOTO, photos: F_PHOTO, 照片: F_PHOTO, 图片: F_PHOTO,
  file: F_FILE, files: F_FILE, attachment: F_FILE, attachments: F_FILE, 附件: F_FILE, 文件: F_FILE,
  metric: F_METRICS, metrics: F_METRICS, 指标: F_METRICS, 数据: F_METRICS,
  tag: F_TAGS, tags: F_TAGS, 标签: F_TAGS,
  link: F_LINKS, links: F_LINKS, 关联: F_LINKS,
}
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 5, 十二, 二十, 第五批 → number; null if not a number. */
export function parseBatchNumber(s: string): number | null {
  const v = s.replace(/^第/, '').replace(/批$/, '')
  if (/^\d{1,3}$/.test(v)) return Number(v)
  if (!/^[一二两三四五六七八九十]{1,3}$/.test(v)) return null
  if (v === '十') return 10
  const i = v.indexOf('十')
  if (i < 0) return v.length === 1 ? CN_DIGITS[v]! : null
  const tens = i === 0 ? 1 : (CN_DIGITS[v[0]!] ?? NaN)
  const ones = i === v.length - 1 ? 0 : (CN_DIGITS[v[i + 1]!] ?? NaN)
  const n = tens * 10 + ones
  return Number.isFinite(n) ? n : null
}

interface RawToken {
  text: string
  negate: boolean
  required: boolean
  quoted: boolean
  field: string | null
  /** Source text of the clause (for suggestions). */
  raw: string
}

/** Splits the normalised query into tokens: whitespace-separated, quotes kept together. */
function lex(q: string): RawToken[] {
  const out: RawToken[] = []
  let i = 0
  const n = q.length
  while (i < n) {
    while (i < n && /\s/.test(q[i]!)) i++
    if (i >= n) break
    const start = i
    let negate = false
    let required = false
    if (q[i] === '-' && i + 1 < n && !/\s/.test(q[i + 1]!)) {
      negate = true
      i++
    } else if ((q[i] === '+' || q[i] === '＋') && i + 1 < n && !/\s/.test(q[i + 1]!)) {
      required = true
      i++
    }
    let field: string | null = null
    const m = /^([a-z]+|[\u4e00-\u9fff]{1,3}):/.exec(q.slice(i, i + 8))
    if (m) {
      field = m[1]!
      i += m[0].length
    }
    let text = ''
    let quoted = false
    if (q[i] === '"') {
      quoted = true
      const end = q.indexOf('"', i + 1)
      text = end < 0 ? q.slice(i + 1) : q.slice(i + 1, end)
      i = end < 0 ? n : end + 1
    } else {
      const s = i
      while (i < n && !/\s/.test(q[i]!)) i++
      text = q.slice(s, i)
    }
    out.push({ text, negate, required, quoted, field, raw: q.slice(start, i) })
  }
  return out
}

interface Run {
  cls: number
  start: number
  end: number
}

/** Splits an unquoted word into terms: Chinese runs, Latin runs; digits stick to adjacent Chinese ("5万", "2024年"). */
export function splitWord(w: string): { kind: TermKind; text: string }[] {
  const cls = charClasses()
  const runs: Run[] = []
  for (let i = 0; i < w.length; ) {
    const c = cls[w.charCodeAt(i)]!
    let j = i + 1
    while (j < w.length && cls[w.charCodeAt(j)] === c) j++
    if (c !== 0) runs.push({ cls: c, start: i, end: j })
    else {
      // Decimal points and the like inside numbers stay ("3.15").
      const prev = runs[runs.length - 1]
      if (j - i === 1 && (w[i] === '.' || w[i] === ',') && prev?.cls === ALNUM && prev.end === i && /\d$/.test(w.slice(0, i)) && /^\d/.test(w.slice(j))) {
        runs.push({ cls: -1, start: i, end: j })
      }
    }
    i = j
  }
  // Merge: numbers with what touches them.
  const groups: { start: number; end: number; kinds: Set<number>; digits: boolean }[] = []
  for (const r of runs) {
    const text = w.slice(r.start, r.end)
    const digits = r.cls === -1 || /\d/.test(text)
    const g = groups[groups.length - 1]
    const touching = g && g.end === r.start
    if (g && touching && (digits || g.digits || r.cls === -1)) {
      g.end = r.end
      g.kinds.add(r.cls)
      g.digits ||= digits
    } else groups.push({ start: r.start, end: r.end, kinds: new Set([r.cls]), digits })
  }
  return groups.map((g) => {
    const text = w.slice(g.start, g.end)
    if (g.kinds.size === 1 && g.kinds.has(CJK)) return { kind: 'cjk' as const, text }
    if (g.kinds.size === 1 && g.kinds.has(ALNUM) && !g.digits) return { kind: 'latin' as const, text }
    return { kind: 'literal' as const, text }
  })
}

/** Full-width and typographic forms of the query syntax's characters. */
const SYNTAX: Record<string, string> = { '：': ':', '－': '-', '—': '-', '“': '"', '”': '"', '＂': '"', '「': '"', '」': '"', '｜': '|', '，': ',', '、': ',' }

export function parseQuery(input: string): ParsedQuery {
  const q = normalize(input).replace(/[：－—“”＂「」｜]/g, (c) => SYNTAX[c]!)
  const endsWithSpace = /\s$/.test(q)
  const tokens = lex(q)
  const terms: TextTerm[] = []
  const filters: Filter[] = []
  const clauses: Clause[] = []
  const warnings: SearchWarning[] = []

  const addText = (tok: RawToken, clause: number, groups: number, weight: number) => {
    if (tok.quoted) {
      const text = tok.text.trim().replace(/\s+/g, ' ')
      if (text) terms.push({ kind: 'phrase', text, negate: tok.negate, groups, weight, last: false, clause, required: true })
      return
    }
    for (const p of splitWord(tok.text)) terms.push({ ...p, negate: tok.negate, groups, weight, last: false, clause, required: tok.required })
  }

  tokens.forEach((tok, ci) => {
    const field = tok.field ? own(FIELD_ALIASES, tok.field) : undefined
    if (tok.field && !field) {
      if (/^[a-z]+$/.test(tok.field)) {
        warnings.push({ code: 'unknown_field', params: { field: tok.field, fields: FIELD_NAMES.map((f) => f + ':').join(' ') } })
        clauses.push({ raw: tok.raw, type: 'ignored' })
        return
      }
      // A Chinese word followed by a colon is just text.
      tok = { ...tok, text: `${tok.field}:${tok.text}`, field: null }
    }
    if (!field) {
      clauses.push({ raw: tok.raw, type: 'text' })
      addText(tok, ci, ALL_GROUPS, 1)
      return
    }
    const value = tok.text.trim()
    if (!value) {
      warnings.push({ code: 'missing_value', params: { field } })
      clauses.push({ raw: tok.raw, type: 'ignored' })
      return
    }
    const bad = (code: SearchWarning['code'], what = value) => {
      warnings.push({ code, params: { value: what } })
      clauses.push({ raw: tok.raw, type: 'ignored' })
    }
    switch (field) {
      case 'place':
      case 'tag': {
        clauses.push({ raw: tok.raw, type: 'filter' })
        const groups = field === 'place' ? 1 << G_PLACES : 1 << G_TAGS
        // A tag path (产业/煤化工) or any value with punctuation is matched as one phrase.
        const phrase = tok.quoted || /[^\s\p{L}\p{N}]/u.test(value)
        addText({ ...tok, text: value, quoted: phrase }, ci, groups, 0.3)
        return
      }
      case 'batch': {
        const [a, b] = value.split(/\.\.|~|-|－|—|至|到/)
        const lo = parseBatchNumber(a ?? '')
        const hi = b === undefined ? lo : parseBatchNumber(b)
        if (lo === null || hi === null) return bad('bad_batch')
        clauses.push({ raw: tok.raw, type: 'filter' })
        filters.push({ type: 'batch', lo: Math.min(lo, hi), hi: Math.max(lo, hi), negate: tok.negate, clause: ci })
        return
      }
      case 'year': {
        const m = /^(\d{4})?(?:(\.\.|~|-|至|到)(\d{4})?)?年?$/.exec(value)
        if (!m || (!m[1] && !m[3]) || (m[2] === undefined && !m[1]))
          return bad('bad_year')
        const lo = m[1] ? Number(m[1]) : 0
        const hi = m[2] === undefined ? lo : m[3] ? Number(m[3]) : 9999
        clauses.push({ raw: tok.raw, type: 'filter' })
        filters.push({ type: 'year', lo: Math.min(lo, hi), hi: Math.max(lo, hi), negate: tok.negate, clause: ci })
        return
      }
      case 'type': {
        const parts = value.split(/[|,、/]/).filter(Boolean)
        const kinds = parts.map((p) => own(KIND_ALIASES, p))
        const unknown = parts.filter((_, i) => !kinds[i])
        if (unknown.length || !kinds.length)
          return bad('bad_type', unknown.join('、') || value)
        clauses.push({ raw: tok.raw, type: 'filter' })
        filters.push({ type: 'kind', kinds: [...new Set(kinds as RecordKind[])], negate: tok.negate, clause: ci })
        return
      }
      case 'has': {
        const flag = own(HAS_ALIASES, value)
        if (!flag) return bad('bad_has')
        clauses.push({ raw: tok.raw, type: 'filter' })
        filters.push({ type: 'has', flag, negate: tok.negate, clause: ci })
        return
      }
      case 'area': {
        clauses.push({ raw: tok.raw, type: 'filter' })
        filters.push({ type: 'area', value, negate: tok.negate, clause: ci })
        return
      }
    }
  })

  // Spaced pinyin ("fu kang", "ji mu sa er"): runs of single-syllable words become one
  // pinyin term (the words themselves still match as Latin text).
  const merged: TextTerm[] = []
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!
    const isSyl = (x: TextTerm | undefined) => !!x && x.kind === 'latin' && !x.negate && x.groups === ALL_GROUPS && isSyllable(x.text)
    if (isSyl(t)) {
      let j = i
      while (isSyl(terms[j + 1]) && terms[j + 1]!.clause === terms[j]!.clause + 1) j++
      if (j > i) {
        const group = terms.slice(i, j + 1)
        merged.push({ ...t, kind: 'pinyin', text: group.map((g) => g.text).join(' '), syllables: group.map((g) => g.text), clause: t.clause })
        i = j
        continue
      }
    }
    merged.push(t)
  }
  const lastText = merged[merged.length - 1]
  if (lastText && !endsWithSpace && !lastText.negate && lastText.clause === tokens.length - 1) lastText.last = true
  return { terms: merged, filters, clauses, warnings }
}
