// 件号 (DA/T 22-2015): a running number inside its (年度, 保管期限, 机构) class.
import { filingClassKey } from '../../shared/archival'
import type { ArchiveRecord, Filing } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { ArchiveReader } from './store/reader'

/** The next free 件号 in the class: one past the highest used (gaps are not refilled). */
export function nextItemNo(records: Iterable<ArchiveRecord>, cls: Pick<Filing, 'year' | 'retention' | 'orgCode'>): number {
  const key = filingClassKey(cls)
  let max = 0
  for (const r of records) if (r.kind === 'report' && r.filing && filingClassKey(r.filing) === key) max = Math.max(max, r.filing.itemNo)
  // Past 9999 the 档号 schema refuses the filing (件号 is four digits).
  return max + 1
}

/** A batch as a command line names it: its number (5) or its record id (bat_x). */
export function batchIdOf(store: Pick<ArchiveReader, 'holders'>, v: string): string {
  if (!/^\d+$/.test(v)) return v
  const id = store.holders('byBatchNo', String(Number(v)))[0]
  if (!id) throw new ApiError('not_found', 'batch.number_not_found', { number: v })
  return id
}
