// The search engine off the thread that serves the UI: this front projects records to
// index documents (it owns the store) and posts them to a worker thread that holds the
// index and answers queries. Messages are handled in order, so a query sent after an
// update sees it. If the worker dies, the engine carries on in-thread (InlineEngine).
import { Worker } from 'node:worker_threads'
import type { ArchiveReader } from '../core/store/reader'
import type { IndexDoc } from './doc'
import type { EngineQuery, EngineResult, SearchEngine } from './engine'
import { StoreFeed } from './feed'
import { InlineEngine } from './inline-engine'
import type { Reply, Request } from './protocol'
import type { IndexStats } from './search-index'
import { locateWorkerScript, type WorkerScript } from '../core/worker-script'

export type WorkerLocation = WorkerScript

/**
 * Where the worker script is. Built app: searchWorker.js beside the bundle this module
 * ended up in (out/main/ or out/main/chunks/). From source (tsx, vitest): worker.ts,
 * loaded through worker-dev.mjs, if tsx can be resolved. Null if neither.
 */
export function locateWorker(from: string = import.meta.url): WorkerLocation | null {
  return locateWorkerScript(from, 'searchWorker.js', 'worker.ts')
}

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void }
type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

export class WorkerEngine implements SearchEngine {
  get kind(): 'worker' | 'inline' {
    return this.fallback ? 'inline' : 'worker'
  }
  /** Set when the worker failed and the engine went on in-thread. */
  failure: string | null = null
  /** Worker-side time of the last rebuild (ms), for diagnostics and the bench. */
  lastBuildMs = 0

  private worker: Worker | null
  private feed: StoreFeed
  private nextId = 1
  private waiting = new Map<number, Pending>()
  private building: Promise<void> = Promise.resolve()
  private fallback: InlineEngine | null = null
  private closed = false

  constructor(
    private readonly store: ArchiveReader,
    private readonly loc: WorkerLocation,
    /** Documents per message while rebuilding (the front yields between messages). */
    private readonly chunk = 500,
  ) {
    this.feed = new StoreFeed(store)
    this.worker = this.start()
  }

  private start(): Worker {
    const w = new Worker(this.loc.url, { workerData: this.loc.workerData, name: 'aid-archive-search' })
    w.on('message', (r: Reply) => {
      const p = this.waiting.get(r.id)
      if (!p) return
      this.waiting.delete(r.id)
      if (!this.waiting.size) w.unref()
      if (r.ok) p.resolve(r)
      else p.reject(new Error(`search worker: ${r.error}`))
    })
    w.on('error', (e) => this.fail(e))
    w.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`search worker exited with code ${code}`))
    })
    // Only a pending request keeps the process alive (a CLI run ends when its work does).
    w.unref()
    return w
  }

  private send(body: Body): Promise<Reply> {
    const w = this.worker
    if (!w) return Promise.reject(new Error(this.failure ?? 'search worker is not running'))
    const id = this.nextId++
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      w.ref()
      w.postMessage({ ...body, id } as Request)
    })
  }

  /** Sends without waiting; a failure there is a worker failure. */
  private post(body: Body): void {
    this.send(body).catch((e: Error) => this.fail(e))
  }

  async rebuild(): Promise<void> {
    if (this.fallback) return this.fallback.rebuild()
    const run = async () => {
      const ids = [...this.feed.recordIds]
      let begun = false
      for (let i = 0; i < ids.length || !begun; i += this.chunk) {
        const docs: IndexDoc[] = []
        for (const id of ids.slice(i, i + this.chunk)) {
          const d = this.feed.doc(id)
          if (d) docs.push(d)
        }
        if (!begun) {
          // Size the worker's buffers from the first chunk.
          let chars = 0
          for (const d of docs) for (const p of d.parts) chars += p.text.length
          this.post({ type: 'begin', chars: docs.length ? Math.ceil((chars / docs.length) * ids.length) : 0 })
          begun = true
        }
        if (docs.length) this.post({ type: 'add', docs })
        // Let the thread serve other work between chunks.
        await new Promise((r) => setImmediate(r))
      }
      const r = await this.send({ type: 'end' })
      this.lastBuildMs = (r.ok && (r.result as { ms: number } | undefined)?.ms) || 0
    }
    this.building = run()
    try {
      await this.building
    } catch (e) {
      // The worker failed meanwhile: fail() started the in-thread engine's rebuild.
      const fb = this.inThread()
      if (!fb) throw e
      await this.building
    }
  }

  update(ids: string[]): void {
    if (this.fallback) return this.fallback.update(ids)
    const docs: IndexDoc[] = []
    const removed: string[] = []
    for (const id of new Set(ids)) {
      const d = this.feed.doc(id)
      if (d) docs.push(d)
      else removed.push(id)
    }
    if (docs.length || removed.length) this.post({ type: 'update', docs, removed })
  }

  async query(input: EngineQuery): Promise<EngineResult> {
    await this.building.catch(() => {})
    if (this.fallback) return this.fallback.query(input)
    try {
      const r = await this.send({ type: 'query', input: { q: input.q, limit: (input.offset ?? 0) + input.limit, kinds: input.kinds, strict: input.strict }, areas: this.store.settings.areas, thesaurus: this.store.settings.thesaurus, thesaurusOff: this.store.settings.thesaurusOff })
      return (r as { result: EngineResult }).result
    } catch (e) {
      const fb = this.inThread()
      if (!fb) throw e
      await this.building
      return fb.query(input)
    }
  }

  /** The in-thread engine, once the worker has failed. */
  private inThread(): InlineEngine | null {
    return this.fallback
  }

  async stats(): Promise<IndexStats> {
    if (this.fallback) return this.fallback.index.stats()
    return (await this.send({ type: 'stats' }) as { result: IndexStats }).result
  }

  async close(): Promise<void> {
    this.closed = true
    this.feed.close()
    await this.fallback?.close()
    const w = this.worker
    this.worker = null
    for (const p of this.waiting.values()) p.reject(new Error('search engine closed'))
    this.waiting.clear()
    if (w) await w.terminate()
  }

  /** The worker failed: answer what was waiting with an error, then go on in-thread. */
  private fail(e: Error): void {
    if (this.closed || this.fallback) return
    this.failure = e.message
    const w = this.worker
    this.worker = null
    for (const p of this.waiting.values()) p.reject(e)
    this.waiting.clear()
    void w?.terminate().catch(() => {})
    process.emitWarning(`search worker failed (${e.message}); searching in the main thread`)
    this.feed.close()
    this.fallback = new InlineEngine(this.store, `worker failed: ${e.message}`)
    this.building = this.fallback.rebuild()
  }
}
