// Words for an error, in the user's locale: used by the renderer (toasts, messages under
// form fields) and by the CLI (LANG zh_* → Chinese). The core only names reasons.
import { errorsEn, type Reason } from './errors.en'
import { errorsZh } from './errors.zh-CN'
import { fieldLabel } from './fields'
import { formatDate } from '../dates'

export type Locale = 'zh-CN' | 'en'
export type Params = Record<string, string | number>

export interface ErrorIssue {
  /** Where in the input, dotted: record.title, records.3.date. */
  path: string
  reason: Reason
  params?: Params
}

/** What any error carries across a host: data only. */
export interface ErrorData {
  reason: Reason
  params?: Params
  /** The field the error is about, in the input's terms (title, batchId, patch.fondsCode). */
  field?: string
  issues?: ErrorIssue[]
  /** The archive rule that refused the change, when a rule did. */
  rule?: string
}

const MESSAGES: Record<Locale, Record<Reason, string>> = { 'zh-CN': errorsZh, en: errorsEn }

export function isReason(v: unknown): v is Reason {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(errorsEn, v)
}

/** The reason's message with {name} parameters filled in. */
export function formatReason(locale: Locale, reason: string, params: Params = {}): string {
  const table = MESSAGES[locale] ?? errorsZh
  const text = isReason(reason) ? table[reason] : table['internal.unexpected']
  const all: Params = isReason(reason) ? params : { detail: reason, ...params }
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (all[k] !== undefined ? word(locale, k, all[k]) : m))
}

/** Parameters that are dates (a period's start and end) read the locale's way: 2021年3月. */
const DATE_PARAMS = new Set(['start', 'end'])
function word(locale: Locale, key: string, value: string | number): string {
  return DATE_PARAMS.has(key) && typeof value === 'string' ? formatDate(value, locale) : String(value)
}

/** "第 4 条 · 题名" / "item 4 · title": a path in words (array indices counted from 1). */
export function formatPath(locale: Locale, path: string): string {
  const parts = path.split('.').filter(Boolean)
  const words: string[] = []
  for (const p of parts) {
    if (/^\d+$/.test(p)) words.push(locale === 'en' ? `#${Number(p) + 1}` : `第 ${Number(p) + 1} 条`)
    else {
      const label = fieldLabel(locale, p)
      if (label) words.push(label)
    }
  }
  return words.join(' · ')
}

/** One line for a toast or a terminal: the reason, and the first issue with its place. */
export function formatError(locale: Locale, e: ErrorData): string {
  const main = formatReason(locale, e.reason, e.params)
  const first = e.issues?.[0]
  if (!first || (first.reason === e.reason && !first.path)) return main
  const issue = formatReason(locale, first.reason, first.params)
  // "照片号：照片号 … 已被使用" says the field twice: a message that names its field stands alone.
  const field = first.path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? ''
  const label = field ? fieldLabel(locale, field) : ''
  const where = label && issue.toLowerCase().startsWith(label.toLowerCase()) ? formatPath(locale, first.path.slice(0, first.path.lastIndexOf('.') + 1).replace(/\.$/, '')) : formatPath(locale, first.path)
  const more = e.issues!.length > 1 ? (locale === 'en' ? ` (+${e.issues!.length - 1} more)` : `（另有 ${e.issues!.length - 1} 处）`) : ''
  // The full-width colon belongs to Chinese text only.
  const colon = locale === 'en' ? ': ' : '：'
  return where ? `${where}${colon}${issue}${more}` : `${issue}${more}`
}
