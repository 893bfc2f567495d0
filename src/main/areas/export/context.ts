// What every export reads: a read-only view of the archive. The store satisfies it as
// is, and tests can build one from plain data, so each export stays a pure function.
import type { ArchiveRecord, Link, PhotoGroup, Settings } from '../../../shared/domain'

export interface ExportContext {
  settings: Settings
  records: ReadonlyMap<string, ArchiveRecord>
  links: ReadonlyMap<string, Link>
  photoGroups: ReadonlyMap<string, PhotoGroup>
}

/** 2024-09 → 2024年9月; YYYY-MM-DD → 2024年6月23日; '' stays ''. */
export function zhDate(d: string): string {
  if (!d) return ''
  const [y, m, day] = d.split('-')
  return `${y}年${m ? `${Number(m)}月` : ''}${day ? `${Number(day)}日` : ''}`
}

/** 1 → 一, 12 → 十二, 21 → 二十一 (headings 一、 up to 99). */
export function cnNumber(n: number): string {
  const d = '零一二三四五六七八九'
  if (n < 10) return d[n]!
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : d[tens]}十${ones ? d[ones] : ''}`
}
