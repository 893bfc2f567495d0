// The store side of the search engine: turns records into index documents (tag paths
// and links resolved) on the thread that owns the store. The kernel tells the engine
// which records a commit touched (link ends and carriers of a renamed tag included); who
// is linked to whom comes from the store's own lookups (linksOf), kept by every commit,
// so a commit costs what it changed, never a pass over every link.
import type { Area, Link } from '../../shared/domain'
import type { ArchiveReader } from '../core/store/reader'
import { projectRecord, type IndexDoc, type ProjectionContext } from './doc'

export class StoreFeed {
  readonly ctx: ProjectionContext

  constructor(private readonly store: ArchiveReader) {
    this.ctx = {
      tagPath: (id) => store.tags.get(id)?.path,
      linked: (id) => linkedTo(store.linksOf(id), id),
      kindOf: (id) => store.records.get(id)?.kind,
    }
  }

  doc(id: string): IndexDoc | null {
    const r = this.store.records.get(id)
    return r ? projectRecord(r, this.ctx) : null
  }

  /** The documents of these records as they are now; the ids no longer in the store are removed. */
  changes(ids: Iterable<string>): { docs: IndexDoc[]; removed: string[] } {
    const docs: IndexDoc[] = []
    const removed: string[] = []
    for (const id of new Set(ids)) {
      const d = this.doc(id)
      if (d) docs.push(d)
      else removed.push(id)
    }
    return { docs, removed }
  }

  allDocs(): IndexDoc[] {
    const out: IndexDoc[] = []
    for (const r of this.store.records.values()) out.push(projectRecord(r, this.ctx))
    return out
  }

  get recordIds(): IterableIterator<string> {
    return this.store.records.keys()
  }

  areas(): Area[] {
    return this.store.settings.areas
  }

}

/** The other ends of a record's links, each once. */
function linkedTo(links: readonly Link[], id: string): Set<string> {
  const out = new Set<string>()
  for (const l of links) out.add(l.from === id ? l.to : l.from)
  return out
}
