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

/**
 * A store's lookups, built from its maps when first needed, or a slice at a time while the
 * store is idle (idle()): at 100,000 records and links building them took ~0.2 s of the open,
 * before the library's first page. A change is applied to them only once they exist (or are
 * being built: the rest is built first); until then a build reads the maps as they are.
 */
export class LazyIndexes {
  private built: StoreIndexes | null = null
  private building: { ix: StoreIndexes; records: Iterator<ArchiveRecord>; links: Iterator<Link> } | null = null

  constructor(
    private readonly records: ReadonlyMap<string, ArchiveRecord>,
    private readonly links: ReadonlyMap<string, Link>,
  ) {}

  /** The lookups, built now if they are not yet. */
  get(): StoreIndexes {
    if (!this.built) this.step(Infinity)
    return this.built!
  }

  /** The lookups a change must be applied to; null while none is built or being built. */
  current(): StoreIndexes | null {
    return this.built ?? (this.building ? this.get() : null)
  }

  /** Builds up to `budget` more entries; true once built. */
  step(budget: number): boolean {
    if (this.built) return true
    const b = (this.building ??= { ix: new StoreIndexes(), records: this.records.values(), links: this.links.values() })
    let n = 0
    for (let r = b.records.next(); !r.done; r = b.records.next()) {
      b.ix.record(r.value.id, null, r.value)
      if (++n >= budget) return false
    }
    for (let l = b.links.next(); !l.done; l = b.links.next()) {
      b.ix.link(l.value.id, null, l.value)
      if (++n >= budget) return false
    }
    this.built = b.ix
    this.building = null
    return true
  }

  /**
   * After `delayMs`, builds in slices (~5 ms each at 5,000) `gapMs` apart, until built or
   * `stop()` says so: a call that comes meanwhile waits for one slice at most, and the
   * first queries typed after the open share the two cores with a fraction of it.
   */
  idle(stop: () => boolean, delayMs = 500, slice = 5_000, gapMs = 10): void {
    const next = () => {
      if (!stop() && !this.step(slice)) setTimeout(next, gapMs).unref()
    }
    setTimeout(next, delayMs).unref()
  }
}
