// Chinese archival rules that both the core and the renderer apply.
import type { Filing, Settings } from './domain'

/** 门类代码: WS documents, ZP photos (DA/T 22-2015). */
export type Category = 'WS' | 'ZP'

/**
 * Renders a 档号 from its stored parts:
 * 全宗号-门类代码·年度-保管期限-机构(问题)代码-件号, e.g. Z109-WS·2024-Y-BGS-0001.
 */
export function renderRefCode(fondsCode: string, category: Category, f: Filing): string {
  return `${fondsCode}-${category}·${f.year}-${f.retention}-${f.orgCode}-${String(f.itemNo).padStart(4, '0')}`
}

export function refCodeFor(settings: Pick<Settings, 'fondsCode'>, f: Filing | null, category: Category = 'WS'): string {
  return f ? renderRefCode(settings.fondsCode, category, f) : ''
}

/** The class inside which 件号 run: year, retention and organisation. */
export function filingClassKey(f: Pick<Filing, 'year' | 'retention' | 'orgCode'>): string {
  return `${f.year}|${f.retention}|${f.orgCode}`
}

/** 日期 in a catalogue: 8 digits, YYYYMMDD; missing month/day are written as 00. */
export function catalogueDate(date: string): string {
  if (!date) return ''
  const [y = '', m = '00', d = '00'] = date.split('-')
  return `${y}${m}${d}`
}

/** An archivist-written title is shown in square brackets. */
export function catalogueTitle(title: string, supplied: boolean): string {
  return supplied ? `[${title}]` : title
}

/** One 档号 among all: its class and its 件号 (unique per archive, whose 全宗号 is one). */
export function filingKey(f: Filing): string {
  return `${filingClassKey(f)}|${f.itemNo}`
}

/**
 * 照片号 in the archive's form (settings.photoNoFormat, e.g. ZP·{year}-{n} → ZP·2024-0001).
 * The sequence is the text around {n} with the year filled in, so each year numbers from 1
 * when the form has {year}, and the whole archive runs one sequence when it does not.
 */
export function photoNoSequence(format: string, year: number): string {
  return format.replace(/\{year\}/g, String(year))
}
export function renderPhotoNo(format: string, year: number, n: number): string {
  return photoNoSequence(format, year).replace(/\{n\}/g, String(n).padStart(4, '0'))
}

/** 参见号 of a photo: the 档号 of the filed reports it is linked to, in link order, joined by ；. */
export function joinRefNos(codes: string[]): string {
  return [...new Set(codes.filter(Boolean))].join('；')
}
