// One call's changes before they are committed: the store with the pending items laid
// over it. The kernel, the derivations and the rules read the archive through this, so
// they see the state the commit would leave.
import { filingKey } from '../../../shared/archival'
import type { ArchiveRecord, Conflict, Filing, Link, PhotoGroup, SavedSearch, Settings, Tag } from '../../../shared/domain'
import type { ArchiveReader } from '../store/reader'
import type { Coll } from './changes'

type ItemOf = { records: ArchiveRecord; tags: Tag; links: Link; photoGroups: PhotoGroup; savedSearches: SavedSearch; conflicts: Conflict }

/** What the rules read: the state after the change (or the stored state, for verify). */
export interface StateView {
  readonly settings: Settings
  record(id: string): ArchiveRecord | undefined
  tag(id: string): Tag | undefined
  link(id: string): Link | undefined
  group(id: string): PhotoGroup | undefined
  records(): Iterable<ArchiveRecord>
  tags(): Iterable<Tag>
  links(): Iterable<Link>
  linksOf(recordId: string): Link[]
  withPhotoNo(no: string): ArchiveRecord[]
  withFiling(f: Filing): ArchiveRecord[]
  batchesNumbered(n: number): ArchiveRecord[]
  counter(key: string): number
}

export class Draft implements StateView {
  /** coll → id → item after the change (null: deleted); insertion order = order touched. */
  readonly pending: { [C in Coll]: Map<string, ItemOf[C] | null> } = {
    records: new Map(),
    tags: new Map(),
    links: new Map(),
    photoGroups: new Map(),
    savedSearches: new Map(),
    conflicts: new Map(),
  }
  readonly counters = new Map<string, number | null>()
  /** Pending items by the keys the rules look up (an import may stage 100,000 of them). */
  private pendingLinksOf = new Map<string, Set<string>>()
  private pendingKeys = { byPhotoNo: new Map<string, Set<string>>(), byFiling: new Map<string, Set<string>>(), byBatchNo: new Map<string, Set<string>>() }
  settings: Settings
  settingsChanged = false
  /** Photos whose 照片号 is withheld in this change (see VersionSpec.hold). */
  readonly hold = new Set<string>()

  constructor(readonly store: ArchiveReader) {
    this.settings = store.settings
  }

  get<C extends Coll>(coll: C, id: string): ItemOf[C] | undefined {
    const p = this.pending[coll] as Map<string, ItemOf[C] | null>
    if (p.has(id)) return p.get(id) ?? undefined
    return (this.store[coll] as ReadonlyMap<string, ItemOf[C]>).get(id)
  }
  /** The stored item, as it was before this call. */
  before<C extends Coll>(coll: C, id: string): ItemOf[C] | undefined {
    return (this.store[coll] as ReadonlyMap<string, ItemOf[C]>).get(id)
  }
  set<C extends Coll>(coll: C, id: string, item: ItemOf[C] | null): void {
    ;(this.pending[coll] as Map<string, ItemOf[C] | null>).set(id, item)
    if (coll === 'links' && item) {
      const l = item as Link
      for (const end of [l.from, l.to]) (this.pendingLinksOf.get(end) ?? this.pendingLinksOf.set(end, new Set()).get(end)!).add(id)
    } else if (coll === 'records' && item) {
      const r = item as ArchiveRecord
      const key = r.kind === 'photo' ? (['byPhotoNo', r.photoNo] as const) : r.kind === 'report' && r.filing ? (['byFiling', filingKey(r.filing)] as const) : r.kind === 'batch' ? (['byBatchNo', String(r.number)] as const) : null
      // Stale entries (an item re-staged with another key) are filtered out on lookup.
      if (key && key[1]) {
        const m = this.pendingKeys[key[0]]
        ;(m.get(key[1]) ?? m.set(key[1], new Set()).get(key[1])!).add(id)
      }
    }
  }

  record(id: string) {
    return this.get('records', id)
  }
  tag(id: string) {
    return this.get('tags', id)
  }
  link(id: string) {
    return this.get('links', id)
  }
  group(id: string) {
    return this.get('photoGroups', id)
  }

  private *all<C extends Coll>(coll: C): Iterable<ItemOf[C]> {
    const p = this.pending[coll] as Map<string, ItemOf[C] | null>
    for (const [id, item] of this.store[coll] as ReadonlyMap<string, ItemOf[C]>) {
      if (!p.has(id)) yield item
    }
    for (const item of p.values()) if (item) yield item
  }
  records() {
    return this.all('records')
  }
  tags() {
    return this.all('tags')
  }
  links() {
    return this.all('links')
  }

  linksOf(recordId: string): Link[] {
    const out = new Map<string, Link>()
    for (const l of this.store.linksOf(recordId)) if (!this.pending.links.has(l.id)) out.set(l.id, l)
    for (const id of this.pendingLinksOf.get(recordId) ?? []) {
      const l = this.pending.links.get(id)
      if (l && (l.from === recordId || l.to === recordId)) out.set(id, l)
    }
    return [...out.values()]
  }

  /** Records now holding a key: the stored holders still holding it, and pending ones. */
  private holding(index: 'byPhotoNo' | 'byFiling' | 'byBatchNo', key: string, has: (r: ArchiveRecord) => boolean): ArchiveRecord[] {
    const out = new Map<string, ArchiveRecord>()
    for (const id of this.store.holders(index, key)) {
      const r = this.record(id)
      if (r && has(r)) out.set(id, r)
    }
    for (const id of this.pendingKeys[index].get(key) ?? []) {
      const r = this.pending.records.get(id)
      if (r && has(r)) out.set(id, r)
    }
    return [...out.values()]
  }
  withPhotoNo(no: string) {
    return this.holding('byPhotoNo', no, (r) => r.kind === 'photo' && r.photoNo === no)
  }
  withFiling(f: Filing) {
    const key = filingKey(f)
    return this.holding('byFiling', key, (r) => r.kind === 'report' && !!r.filing && filingKey(r.filing) === key)
  }
  batchesNumbered(n: number) {
    return this.holding('byBatchNo', String(n), (r) => r.kind === 'batch' && r.number === n)
  }
  counter(key: string): number {
    if (this.counters.has(key)) return this.counters.get(key) ?? 0
    return this.store.counters.get(key) ?? 0
  }
}
