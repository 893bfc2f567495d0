// The journal in the user's words: what kind of change (新建记录, 打标签), what it changed
// (field labels with readable values, titles instead of ids), in the UI's language. The
// data comes from journal.query (src/main/areas/relations/journal-detail.ts).
import type { JournalItem, JournalQueryEntry, JournalRef, JournalValue } from '@shared/contract/relations'
import type { Metric } from '@shared/domain'
import { formatDate } from '@shared/dates'
import { fieldLabel } from '@shared/i18n/fields'
import { metricText } from '@shared/metrics'

export interface Words {
  t: (key: string, named?: Record<string, unknown>) => string
  /** The key exists and is a message (not a group of messages). */
  has: (key: string) => boolean
  locale: 'zh-CN' | 'en'
  areaName: (id: string) => string
}

/** Fields whose values are dates, record ids, or words of a closed list. */
const DATES = new Set(['date', 'startDate', 'endDate'])
const REFS = new Set(['batchId', 'groupId'])
const ENUMS = new Set(['status', 'retention', 'openness', 'classification', 'reportType', 'qualifier'])
const LINES_PER_ENTRY = 3

/** 操作类型: the kind of change, never the method's name. */
export function methodWord(w: Words, method: string): string {
  const key = `relations.journal.ops.${method}`
  return w.has(key) ? w.t(key) : w.t('relations.journal.ops.other')
}

/** A field's label as the record form calls it; a field with no label is called 其他字段. */
export function fieldWord(w: Words, key: string, sub?: string): string {
  if (sub) {
    const k = `field.${key}.${sub}`
    return w.t('relations.journal.subField', { field: fieldWord(w, key), sub: w.has(k) ? w.t(k) : fieldLabel(w.locale, sub) || w.t('relations.journal.otherField') })
  }
  if (w.has(`field.${key}`)) return w.t(`field.${key}`)
  // Groups of fields in the form (a photo's caption) have no label of their own there.
  if (w.has(`relations.journal.field.${key}`)) return w.t(`relations.journal.field.${key}`)
  return fieldLabel(w.locale, key) || w.t('relations.journal.otherField')
}

const isOpaque = (v: JournalValue): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { opaque?: boolean }).opaque === true
const isBlank = (v: JournalValue) => v === null || v === '' || (Array.isArray(v) && !v.length)

/** A value as the user reads it: 2025年3月18日, the batch's title, 已完成, 5万立方米以上. */
export function valueText(w: Words, key: string, v: JournalValue, refs: Record<string, string>): string {
  if (isBlank(v)) return w.t('relations.journal.blank')
  if (isOpaque(v)) return w.t('relations.journal.fileValue')
  if (typeof v === 'boolean') return w.t(v ? 'common.yes' : 'common.no')
  if (typeof v === 'string') {
    if (DATES.has(key)) return formatDate(v, w.locale)
    if (REFS.has(key)) return refs[v] ?? w.t('relations.journal.goneRecord')
    if (key === 'area') return w.areaName(v) || v
    if (ENUMS.has(key)) return w.has(`enums.${key}.${v || 'none'}`) ? w.t(`enums.${key}.${v || 'none'}`) : v
    if (key === 'locale') return w.t(`relations.journal.language.${v === 'en' ? 'en' : 'zh'}`)
    return v
  }
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) {
    if (key === 'tags') return v.map((id) => refs[String(id)] ?? w.t('relations.journal.goneTag')).join(list(w))
    if (key === 'metrics') return v.map((m) => metricLine(m)).join(w.t('relations.journal.sep'))
    if (key === 'areas') return v.map((a) => (typeof a === 'object' && a && 'name' in a ? String((a as { name: unknown }).name) : String(a))).join(list(w))
    return v.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : w.t('relations.journal.someValue'))).join(list(w))
  }
  return w.t('relations.journal.someValue')
}

const list = (w: Words) => w.t('relations.journal.list')
const change = (w: Words, field: string, before: string, after: string) => w.t('relations.journal.change', { field, before, after })

function metricLine(m: JournalValue): string {
  const x = m as unknown as Partial<Metric>
  if (typeof x?.value !== 'number') return ''
  return `${x.label ?? ''} ${metricText({ value: x.value, unit: x.unit ?? '', qualifier: x.qualifier ?? '', before: x.before ?? null })}`.trim()
}

/** One changed field: "日期：2024年5月 → 2024年6月"; tags as added and removed; a photo's caption part by part. */
export function fieldChanges(w: Words, f: JournalItem['fields'][number], refs: Record<string, string>): string[] {
  const obj = (v: JournalValue) => (typeof v === 'object' && v !== null && !Array.isArray(v) && !isOpaque(v) ? (v as Record<string, JournalValue>) : null)
  const b = obj(f.before)
  const a = obj(f.after)
  if (b || a) {
    const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
    return keys
      .filter((k) => JSON.stringify(b?.[k] ?? null) !== JSON.stringify(a?.[k] ?? null))
      .map((k) => change(w, fieldWord(w, f.key, k), valueText(w, k, b?.[k] ?? null, refs), valueText(w, k, a?.[k] ?? null, refs)))
  }
  if (f.key === 'tags' && Array.isArray(f.before) && Array.isArray(f.after)) {
    const before = f.before.map(String)
    const after = f.after.map(String)
    const added = after.filter((x) => !before.includes(x))
    const removed = before.filter((x) => !after.includes(x))
    const parts = [
      ...(added.length ? [w.t('relations.journal.added', { v: valueText(w, 'tags', added, refs) })] : []),
      ...(removed.length ? [w.t('relations.journal.removed', { v: valueText(w, 'tags', removed, refs) })] : []),
    ]
    return [w.t('relations.journal.changes', { what: fieldWord(w, 'tags'), changes: parts.join(w.t('relations.journal.sep')) })]
  }
  return [change(w, fieldWord(w, f.key), valueText(w, f.key, f.before, refs), valueText(w, f.key, f.after, refs))]
}

/** A record by kind and title; one deleted since by the title it had, else 已删除的记录. */
export function recordWord(w: Words, r: JournalRef): string {
  if (!r.title) return w.t('relations.journal.goneRecord')
  return w.t('relations.journal.record', { kind: r.kind ? w.t(`kind.${r.kind}`) : '', title: r.title }).trim()
}

/** One item an entry changed, as a line. */
export function itemLine(w: Words, it: JournalItem, refs: Record<string, string>): string {
  const op = w.t(`relations.journal.op.${it.op}`)
  const changes = it.fields.flatMap((f) => fieldChanges(w, f, refs)).join(w.t('relations.journal.sep'))
  if (it.link) {
    const what = w.t('relations.journal.link', { from: recordWord(w, it.link.from), type: w.t(`links.types.${it.link.type}`), to: recordWord(w, it.link.to) })
    return it.op === 'create' ? what : `${op} ${what}`
  }
  const what =
    it.coll === 'records' && it.record
      ? recordWord(w, it.record)
      : it.coll === 'settings'
        ? w.t('relations.journal.coll.settings')
        : `${w.t(`relations.journal.coll.${it.coll}`)} ${it.title}`.trim()
  if (it.op !== 'update') return `${op} ${what}`
  return changes ? w.t('relations.journal.changes', { what, changes }) : `${op} ${what}`
}

/** 内容: the first items as lines, and how many more there were. */
export function entryLines(w: Words, e: JournalQueryEntry): string[] {
  const lines = e.items.slice(0, LINES_PER_ENTRY).map((it) => itemLine(w, it, e.refs))
  const shown = Math.min(e.items.length, LINES_PER_ENTRY)
  if (e.itemCount > shown) lines.push(w.t('relations.journal.andMore', { n: e.itemCount - shown }))
  return lines
}
