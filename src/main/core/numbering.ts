// 件号 (DA/T 22-2015): a running number inside its (年度, 保管期限, 机构) class.
import { filingClassKey } from '../../shared/archival'
import type { ArchiveRecord, Filing } from '../../shared/domain'

/** The next free 件号 in the class: one past the highest used (gaps are not refilled). */
export function nextItemNo(records: Iterable<ArchiveRecord>, cls: Pick<Filing, 'year' | 'retention' | 'orgCode'>): number {
  const key = filingClassKey(cls)
  let max = 0
  for (const r of records) if (r.kind === 'report' && r.filing && filingClassKey(r.filing) === key) max = Math.max(max, r.filing.itemNo)
  // Past 9999 the 档号 schema refuses the filing (件号 is four digits).
  return max + 1
}
