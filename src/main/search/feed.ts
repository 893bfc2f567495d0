// The store side of the search engine: turns records into index documents (tag paths
// and links resolved) on the thread that owns the store. The kernel tells the engine
// which records a commit touched (link ends and carriers of a renamed tag included); the
// feed keeps its mirror of who is linked to whom from the same commits' link mutations,
// so a commit costs what it changed, never a pass over every link.
import type { Area, Link } from '../../shared/domain'
import type { ArchiveReader } from '../core/store/reader'
import { projectRecord, type IndexDoc, type ProjectionContext } from './doc'

export class StoreFeed {
  private linkEnds = new Map<string, [string, string]>()
  /** Record → linked record → number of links between them. */
  private adj = new Map<string, Map<string, number>>()
  private unsubscribe: () => void
  readonly ctx: ProjectionContext

  constructor(private readonly store: ArchiveReader) {
    this.ctx = {
      tagPath: (id) => store.tags.get(id)?.path,
      linked: (id) => this.adj.get(id)?.keys() ?? [],
      kindOf: (id) => store.records.get(id)?.kind,
    }
    for (const [id, l] of store.links) this.add(id, l)
    this.unsubscribe = store.onCommit((c) => {
      for (const m of c.changes) {
        if (m.coll !== 'links') continue
        this.remove(m.id)
        if (m.after) this.add(m.id, m.after as Link)
      }
    })
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

  close(): void {
    this.unsubscribe()
  }

  private add(id: string, l: Link): void {
    this.linkEnds.set(id, [l.from, l.to])
    link(this.adj, l.from, l.to)
    link(this.adj, l.to, l.from)
  }

  private remove(id: string): void {
    const ends = this.linkEnds.get(id)
    if (!ends) return
    this.linkEnds.delete(id)
    unlink(this.adj, ends[0], ends[1])
    unlink(this.adj, ends[1], ends[0])
  }
}

function link(adj: Map<string, Map<string, number>>, a: string, b: string): void {
  let m = adj.get(a)
  if (!m) adj.set(a, (m = new Map()))
  m.set(b, (m.get(b) ?? 0) + 1)
}

function unlink(adj: Map<string, Map<string, number>>, a: string, b: string): void {
  const m = adj.get(a)
  const n = m?.get(b)
  if (!m || n === undefined) return
  if (n > 1) m.set(b, n - 1)
  else m.delete(b)
  if (!m.size) adj.delete(a)
}
