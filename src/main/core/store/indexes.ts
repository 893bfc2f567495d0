// Lookups the rules and the kernel need on every change, kept up to date as mutations are
// applied (on commit and on journal replay), so that checking a change never scans the
// archive: the links of a record, and who holds a 照片号, a 档号 or a batch number.
import { filingKey } from '../../../shared/archival'
import type { ArchiveRecord, Link } from '../../../shared/domain'

type Multi = Map<string, Set<string>>

function add(m: Multi, key: string, id: string): void {
  let s = m.get(key)
  if (!s) m.set(key, (s = new Set()))
  s.add(id)
}
function remove(m: Multi, key: string, id: string): void {
  const s = m.get(key)
  if (!s) return
  s.delete(id)
  if (!s.size) m.delete(key)
}

function recordKeys(r: ArchiveRecord): { photoNo?: string; filing?: string; batchNo?: string } {
  if (r.kind === 'photo') return r.photoNo ? { photoNo: r.photoNo } : {}
  if (r.kind === 'report') return r.filing ? { filing: filingKey(r.filing) } : {}
  if (r.kind === 'batch') return { batchNo: String(r.number) }
  return {}
}

export class StoreIndexes {
  readonly linksByRecord: Multi = new Map()
  readonly byPhotoNo: Multi = new Map()
  readonly byFiling: Multi = new Map()
  readonly byBatchNo: Multi = new Map()

  record(id: string, before: ArchiveRecord | null, after: ArchiveRecord | null): void {
    if (before) {
      const k = recordKeys(before)
      if (k.photoNo) remove(this.byPhotoNo, k.photoNo, id)
      if (k.filing) remove(this.byFiling, k.filing, id)
      if (k.batchNo) remove(this.byBatchNo, k.batchNo, id)
    }
    if (after) {
      const k = recordKeys(after)
      if (k.photoNo) add(this.byPhotoNo, k.photoNo, id)
      if (k.filing) add(this.byFiling, k.filing, id)
      if (k.batchNo) add(this.byBatchNo, k.batchNo, id)
    }
  }

  link(id: string, before: Link | null, after: Link | null): void {
    if (before) {
      remove(this.linksByRecord, before.from, id)
      remove(this.linksByRecord, before.to, id)
    }
    if (after) {
      add(this.linksByRecord, after.from, id)
      add(this.linksByRecord, after.to, id)
    }
  }
}
