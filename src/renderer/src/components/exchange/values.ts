// A conflict's versions as staff read them: one row per field, labelled as the record form
// labels it, values in words (2025年3月18日, tag paths, a 档号, a caption in its parts), and
// which rows differ. Pure, so the side-by-side table can be tested without a page.
import type { ExchangedColl } from '@shared/contract/exchange'
import type { Filing, Metric } from '@shared/domain'
import { renderRefCode } from '@shared/archival'
import { formatDate } from '@shared/dates'
import { metricText } from '@shared/metrics'
import { fieldWord, type Words } from '@renderer/components/relations/journal-words'

export interface ValueWords extends Words {
  tagPath(id: string): string | undefined
  batchTitle(id: string): string | undefined
  groupTitle(id: string): string | undefined
  fondsCode: string
}

export interface FieldRow {
  key: string
  label: string
  current: string
  other: string
  differs: boolean
}

/** Stamps and identity: the same thing on every version, or not the user's to choose. */
const HIDDEN = new Set(['id', 'kind', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'])
const DATES = new Set(['date', 'startDate', 'endDate'])
const ENUMS = new Set(['status', 'retention', 'openness', 'classification', 'reportType'])
/** A value longer than this (a report's body) is cut; the whole is in the record. */
const LONG = 240

/** Equal as data: object keys in any order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return stable(a ?? null) === stable(b ?? null)
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/** The label of a field in the record form's words; the raw key only in en. */
export function fieldName(w: ValueWords, key: string): string {
  return fieldWord(w, key)
}

function cut(w: ValueWords, s: string): string {
  return s.length > LONG ? `${s.slice(0, LONG)}${w.t('exchange.conflicts.more', { n: s.length })}` : s
}

function metricLine(m: unknown): string {
  if (!isObj(m) || typeof m.value !== 'number') return ''
  const x = m as Partial<Metric>
  return `${x.label ?? ''} ${metricText({ value: x.value!, unit: x.unit ?? '', qualifier: x.qualifier ?? '', before: x.before ?? null })}`.trim()
}

function isFiling(v: Record<string, unknown>): v is Filing {
  return typeof v.year === 'number' && typeof v.itemNo === 'number' && typeof v.orgCode === 'string'
}

/** One value in words. `coll` tells a link's type from a record's. */
export function valueText(w: ValueWords, coll: ExchangedColl, key: string, v: unknown): string {
  const list = w.t('exchange.conflicts.list')
  const sep = w.t('exchange.conflicts.sep')
  if (blank(v)) return w.t('exchange.conflicts.blank')
  if (typeof v === 'boolean') return w.t(v ? 'exchange.conflicts.yes' : 'exchange.conflicts.no')
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') {
    if (DATES.has(key)) return formatDate(v, w.locale)
    if (key === 'batchId') return w.batchTitle(v) ?? v
    if (key === 'groupId') return w.groupTitle(v) ?? v
    if (key === 'area') return w.areaName(v) || v
    if (ENUMS.has(key)) return w.has(`enums.${key}.${v}`) ? w.t(`enums.${key}.${v}`) : v
    if (coll === 'links' && key === 'type') return w.has(`links.types.${v}`) ? w.t(`links.types.${v}`) : v
    return cut(w, v)
  }
  if (Array.isArray(v)) {
    if (key === 'tags') return v.map((id) => w.tagPath(String(id)) ?? String(id)).join(list)
    if (key === 'metrics') return v.map(metricLine).filter(Boolean).join(sep)
    // Files (attachments) by their names; anything else by its own words.
    return v.map((x) => (isObj(x) && typeof x.name === 'string' ? x.name : typeof x === 'object' ? compact(w, coll, x) : String(x))).join(list)
  }
  if (isObj(v)) {
    if (key === 'filing' && isFiling(v)) return renderRefCode(w.fondsCode, 'WS', v)
    if (key === 'file' && typeof v.name === 'string') return v.name
    return compact(w, coll, v, key)
  }
  return w.t('exchange.conflicts.someValue')
}

/** An object (a caption, EXIF) as "事由：…；时间：…", empty parts left out. */
function compact(w: ValueWords, coll: ExchangedColl, v: unknown, parent = ''): string {
  if (!isObj(v)) return blank(v) ? '' : valueText(w, coll, parent, v)
  const parts = Object.entries(v)
    .filter(([, x]) => !blank(x) && typeof x !== 'object')
    .map(([k, x]) => w.t('exchange.conflicts.pair', { k: subLabel(w, parent, k), v: valueText(w, coll, k, x) }))
  return parts.length ? parts.join(w.t('exchange.conflicts.sep')) : w.t('exchange.conflicts.blank')
}

function subLabel(w: ValueWords, parent: string, k: string): string {
  if (parent && w.has(`field.${parent}.${k}`)) return w.t(`field.${parent}.${k}`)
  if (w.has(`field.caption.${k}`)) return w.t(`field.caption.${k}`)
  return fieldWord(w, k)
}

/**
 * The rows of the side-by-side table: every field either version has (stamps left out),
 * in the order the current version lists them, then the other's; `differs` marks the rows
 * the user chooses between.
 */
export function fieldRows(w: ValueWords, coll: ExchangedColl, current: Record<string, unknown> | null, other: Record<string, unknown> | null): FieldRow[] {
  const keys = [...new Set([...Object.keys(current ?? {}), ...Object.keys(other ?? {})])].filter((k) => !HIDDEN.has(k) && !k.startsWith('_'))
  return keys.map((key) => {
    const a = current?.[key]
    const b = other?.[key]
    return {
      key,
      label: fieldName(w, key),
      current: current ? valueText(w, coll, key, a) : '',
      other: other ? valueText(w, coll, key, b) : '',
      differs: !sameValue(blank(a) ? null : a, blank(b) ? null : b),
    }
  })
}
