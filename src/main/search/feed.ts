// The store side of the search engine: turns records into index documents (tag paths
// and links resolved) on the thread that owns the store. The service tells the engine
// which records changed; links are not records, so the feed also watches commits for
// link changes (they change has:photo and has:link of both ends).
import type { Area } from '../../shared/domain'
import type { ArchiveStore } from '../core/store/archive-store'
import { projectRecord, type IndexDoc, type ProjectionContext } from './doc'

export class StoreFeed {
  private linkEnds = new Map<string, [string, string]>()
  /** Record → linked record → number of links between them. */
  private adj = new Map<string, Map<string, number>>()
  private unsubscribe: () => void
  readonly ctx: ProjectionContext

  constructor(
    private readonly store: ArchiveStore,
    /** Called with records whose links changed. */
    onLinksChanged: (ids: string[]) => void,
  ) {
    this.ctx = {
      tagPath: (id) => store.tags.get(id)?.path,
      linked: (id) => this.adj.get(id)?.keys() ?? [],
      kindOf: (id) => store.records.get(id)?.kind,
    }
    this.syncLinks()
    this.unsubscribe = store.onCommit(() => {
      const affected = this.syncLinks()
      if (affected.length) onLinksChanged(affected)
    })
  }

  doc(id: string): IndexDoc | null {
    const r = this.store.records.get(id)
    return r ? projectRecord(r, this.ctx) : null
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

  /** Brings the link mirror up to date; returns the ends of links that appeared or went. */
  private syncLinks(): string[] {
    const links = this.store.links
    const affected = new Set<string>()
    for (const [id, [from, to]] of this.linkEnds) {
      const l = links.get(id)
      if (l && l.from === from && l.to === to) continue
      this.linkEnds.delete(id)
      unlink(this.adj, from, to)
      unlink(this.adj, to, from)
      affected.add(from).add(to)
    }
    if (links.size !== this.linkEnds.size) {
      for (const [id, l] of links) {
        if (this.linkEnds.has(id)) continue
        this.linkEnds.set(id, [l.from, l.to])
        link(this.adj, l.from, l.to)
        link(this.adj, l.to, l.from)
        affected.add(l.from).add(l.to)
      }
    }
    return [...affected].filter((id) => this.store.records.has(id))
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
