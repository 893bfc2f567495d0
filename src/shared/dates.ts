// Dates as staff write them (2025年3月18日, 2025.3.18, 20250318, ２０２５年…, 二〇二五年三月十八日)
// read into the archive's ISO partial dates: YYYY, YYYY-MM or YYYY-MM-DD, '' for no date.
// Shared by the core (validation, intake) and the renderer (display), so pure and zod-only.
import { z } from 'zod'

export type DateReason = 'date.unreadable' | 'date.not_in_calendar'
export type ParsedDate = { ok: true; iso: string } | { ok: false; reason: DateReason }

/** The stored form; '' (no date) is not included. */
const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

const MIN_YEAR = 1000
const MAX_YEAR = 2999

// 〇 is the proper zero in written years, but ○ (a drawing circle) and the letter O are
// what input methods often produce for it, so they count as zero inside a Chinese numeral.
const CN_DIGIT: Record<string, number> = {
  〇: 0, '○': 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const CN_RUN = /[〇○零Oo一二三四五六七八九十]+/g
const CN_TENS = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/

/** 二〇二五 → 2025 (digit by digit, as years are written); 十八 → 18, 三十一 → 31. */
function cnNumber(run: string): string {
  // A run of only Os is Latin text, not a numeral.
  if (!/[〇○零一二三四五六七八九十]/.test(run)) return run
  if (run.includes('十')) {
    const m = CN_TENS.exec(run)
    if (!m) return run // 十十, 一百… : left as is, so the whole date is unreadable
    return String((m[1] ? CN_DIGIT[m[1]]! : 1) * 10 + (m[2] ? CN_DIGIT[m[2]]! : 0))
  }
  return [...run].map((c) => String(CN_DIGIT[c])).join('')
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Checks the parts against the calendar and writes them the stored way. */
function calendar(y: string, m?: string, d?: string): ParsedDate {
  const year = Number(y)
  const month = m === undefined ? 0 : Number(m)
  const day = d === undefined ? 0 : Number(d)
  const bad: ParsedDate = { ok: false, reason: 'date.not_in_calendar' }
  if (year < MIN_YEAR || year > MAX_YEAR) return bad
  if (m === undefined) return { ok: true, iso: y }
  if (month < 1 || month > 12) return bad
  const mm = String(month).padStart(2, '0')
  if (d === undefined) return { ok: true, iso: `${y}-${mm}` }
  if (day < 1 || day > daysIn(year, month)) return bad
  return { ok: true, iso: `${y}-${mm}-${String(day).padStart(2, '0')}` }
}

// Catalogues exported by other tools carry timestamps; the date as written is the one meant
// (shifting it by a time zone would be a guess), so only the date part is kept.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/

const FORMS: RegExp[] = [
  /^(\d{4})(\d{2})(\d{2})$/, // 20250318
  /^(\d{4})(\d{2})?$/, // 2025, 202503
  /^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号]?)?)?$/, // 2025年3月18日, 2025年3月, 2025年
  /^(\d{4})([-./])(\d{1,2})(?:\2(\d{1,2}))?$/, // 2025-3-18, 2025.03.18, 2025/3 — one separator throughout
]

/** Reads a date as staff write it; '' or blank is "no date". */
export function parseHumanDate(s: string): ParsedDate {
  // NFKC turns full-width digits and punctuation (２０２５／３／１８) into ASCII.
  const t = s.normalize('NFKC').trim()
  if (!t) return { ok: true, iso: '' }
  const ts = TIMESTAMP.exec(t)
  if (ts) return calendar(ts[1]!, ts[2], ts[3])
  const u = t.replace(/\s+/g, '').replace(CN_RUN, cnNumber)
  for (const [i, re] of FORMS.entries()) {
    const m = re.exec(u)
    if (!m) continue
    // The separated form captures its separator as group 2.
    return i === 3 ? calendar(m[1]!, m[3], m[4]) : calendar(m[1]!, m[2], m[3])
  }
  return { ok: false, reason: 'date.unreadable' }
}

/**
 * A date field as staff fill it in: any form parseHumanDate reads, output in the stored form.
 * A failure is one issue whose message is the reason key and whose input is what was written,
 * which validation.ts turns into a localized error quoting that text. zod keeps an issue's
 * input only when parsed with { reportInput: true }, so the text is also in params.value,
 * which zod always keeps.
 */
export const DateField = z.string().transform((s, ctx) => {
  const r = parseHumanDate(s)
  if (r.ok) return r.iso
  ctx.addIssue({ code: 'custom', message: r.reason, input: s, params: { value: s } })
  return z.NEVER
})

/**
 * Orders two stored dates on the precision both have: <0 when a is certainly before b, >0
 * certainly after, 0 when they overlap ('2022' and '2022-05') or either is ''. Not a total
 * order — for sorting, the stored strings already sort correctly as plain strings.
 */
export function comparePartialDates(a: string, b: string): number {
  if (!a || !b) return 0
  const n = Math.min(a.length, b.length)
  const x = a.slice(0, n)
  const y = b.slice(0, n)
  return x < y ? -1 : x > y ? 1 : 0
}

/** A period whose end is certainly before its start; vague or missing ends never count. */
export function periodReversed(start: string, end: string): boolean {
  return comparePartialDates(start, end) > 0
}

/** A stored date for reading: 2025年3月18日 in Chinese, the ISO form otherwise. */
export function formatDate(iso: string, locale: 'zh-CN' | 'en'): string {
  const m = ISO_PARTIAL.exec(iso)
  // Anything not in the stored form (older data) is shown as written rather than hidden.
  if (!m || locale !== 'zh-CN') return iso
  const [, y, mo, d] = m
  return `${y}年${mo ? `${Number(mo)}月` : ''}${d ? `${Number(d)}日` : ''}`
}
