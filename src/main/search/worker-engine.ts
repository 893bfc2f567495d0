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
import { IndexCache, type IndexSource } from './index-cache'
import type { SavedIndexMeta } from './index-persist'
import type { LoadReply, Reply, Request, SaveReply } from './protocol'
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

/** Message id of a prestart's load (the engine's own ids start at 1). */
const PRESTART_ID = 0

/**
 * The search worker started before the store is open, already loading the saved index
 * under the epoch the open cache names: the index loads on one core while the archive is
 * parsed on the other. The engine adopts it (see fromCache) if the store's epoch agrees.
 */
export class Prestart {
  readonly worker: Worker
  readonly load: Promise<LoadReply | null>
  failed = false

  constructor(loc: WorkerLocation, readonly file: string, readonly epoch: string) {
    this.worker = new Worker(loc.url, { workerData: loc.workerData, name: 'aid-archive-search' })
    this.load = new Promise<LoadReply | null>((resolve) => {
      const done = (r: LoadReply | null) => {
        this.worker.off('message', onMessage)
        resolve(r)
      }
      const onMessage = (r: Reply) => {
        if (r.id === PRESTART_ID) done(r.ok ? (r.result as LoadReply) : null)
      }
      this.worker.on('message', onMessage)
      // Until the engine takes the worker over, a failure only means: no early index.
      this.worker.once('error', () => ((this.failed = true), done(null)))
      this.worker.once('exit', () => ((this.failed = true), done(null)))
    })
    this.worker.postMessage({ id: PRESTART_ID, type: 'load', file, epoch, maxSeq: Number.MAX_SAFE_INTEGER } satisfies Request)
    this.worker.unref()
  }

  /** The store did not open: nobody will adopt the worker. */
  close(): void {
    void this.worker.terminate().catch(() => {})
  }
}
type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

export class WorkerEngine implements SearchEngine {
  get kind(): 'worker' | 'inline' {
    return this.fallback ? 'inline' : 'worker'
  }
  /** Set when the worker failed and the engine went on in-thread. */
  failure: string | null = null
  /** Worker-side time of the last rebuild or load (ms), for diagnostics and the bench. */
  lastBuildMs = 0
  private ownSource: IndexSource = 'rebuilt'
  /** The index came from the worker started before the store opened (diagnostics, tests). */
  adoptedPrestart = false
  /** The last save: its size and time (worker side), or why it failed. */
  lastSave: SaveReply | null = null
  private cache: IndexCache | null
  /** Seq of the saved index that matches the worker's, while no update came since. */
  private savedSeq = -1
  private dirty = true
  private saving: Promise<void> = Promise.resolve()

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
    /** A worker started before the store opened (see Prestart), or null. */
    private prestart: Prestart | null = null,
  ) {
    this.feed = new StoreFeed(store)
    this.cache = IndexCache.of(store)
    if (prestart?.failed) this.prestart = prestart = null
    this.worker = this.start(prestart?.worker)
  }

  get source(): IndexSource {
    return this.fallback ? this.fallback.source : this.ownSource
  }

  private start(prestarted?: Worker): Worker {
    const w = prestarted ?? new Worker(this.loc.url, { workerData: this.loc.workerData, name: 'aid-archive-search' })
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

  /** Sends and answers with the reply's result. */
  private async ask<T>(body: Body): Promise<T> {
    return ((await this.send(body)) as unknown as { result: T }).result
  }

  /** Sends without waiting; a failure there is a worker failure. */
  private post(body: Body): void {
    this.send(body).catch((e: Error) => this.fail(e))
  }

  /** Ids edited while a rebuild is sending records (posted once it ends). */
  private deferred: Set<string> | null = null

  warmUp(): void {
    if (!this.fallback) this.post({ type: 'warm' })
  }

  async rebuild(): Promise<void> {
    if (this.fallback) return this.fallback.rebuild()
    const run = async () => {
      // The seq this build is fed at: records are read later, so they are at least this new.
      const seq = this.cache?.committed ?? 0
      if (await this.fromCache()) return
      // Edits during the build wait until it ends: a record is read when its chunk is sent,
      // and an update in the middle of the bulk load could add it twice.
      this.deferred = new Set()
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
      const ended = this.send({ type: 'end' })
      const later = this.deferred
      this.deferred = null
      if (later.size) this.update([...later])
      const r = await ended
      this.lastBuildMs = (r.ok && (r.result as { ms: number } | undefined)?.ms) || 0
      this.ownSource = 'rebuilt'
      this.dirty = true
      // Saved in the background: queries sent meanwhile wait for it in the worker's queue.
      if (this.cache?.writable) this.saving = this.saveAt(seq)
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

  /**
   * The saved index, if it is of this history and not ahead of the store, loaded in the
   * worker while the journal's tail is read here; then the tail's records are updated.
   * False (the caller rebuilds) if anything is missing or refused.
   */
  private async fromCache(): Promise<boolean> {
    const c = this.cache
    if (!c) return false
    const pre = this.prestart
    this.prestart = null
    if (pre && pre.epoch === c.epoch && pre.file === c.file) {
      // A pending load keeps the process alive like any request (a CLI search waits for it).
      this.worker?.ref()
      const r = await pre.load
      if (!this.waiting.size) this.worker?.unref()
      const touched = r?.loaded ? await c.tail(r) : null
      if (r?.loaded && touched !== null) return (this.adoptedPrestart = true), this.adopt(r, touched)
    }
    const meta = await this.ask<SavedIndexMeta | null>({ type: 'peek', file: c.file })
    if (!meta || !c.fits(meta)) return false
    const loading = this.ask<LoadReply>({ type: 'load', file: c.file, epoch: c.epoch, maxSeq: this.store.seq })
    const touched = await c.tail(meta)
    const r = await loading
    // (A loaded index that cannot be caught up is emptied by the rebuild's 'begin'.)
    if (!r.loaded || touched === null) return false
    return this.adopt(r, touched)
  }

  /** The worker holds a loaded index as of r.seq: catch it up with the records touched since. */
  private adopt(r: Extract<LoadReply, { loaded: true }>, touched: string[]): boolean {
    this.ownSource = 'cache'
    this.lastBuildMs = r.ms
    this.savedSeq = r.seq
    this.dirty = false
    this.update(touched)
    return true
  }

  /** Saves the worker's index as of `seq` (every update posted so far is in it). */
  private async saveAt(seq: number): Promise<void> {
    const c = this.cache
    if (!c) return
    const wasDirty = this.dirty
    this.dirty = false
    try {
      const r = await this.ask<SaveReply>({ type: 'save', file: c.file, epoch: c.epoch, seq })
      this.lastSave = r
      if ('error' in r) this.dirty ||= wasDirty
      else this.savedSeq = seq
    } catch {
      // The worker failed or the engine closed: the fallback (if any) has its own index.
      this.dirty ||= wasDirty
    }
  }

  async persist(): Promise<void> {
    const c = this.cache
    if (!c?.writable || this.closed) return
    await this.building.catch(() => {})
    await this.saving
    await c.settle()
    if (this.fallback) return this.fallback.persist()
    if (!this.dirty && this.savedSeq === c.committed) return
    this.saving = this.saveAt(c.committed)
    await this.saving
  }

  update(ids: string[]): void {
    if (this.fallback) return this.fallback.update(ids)
    if (this.deferred) {
      for (const id of ids) this.deferred.add(id)
      return
    }
    const { docs, removed } = this.feed.changes(ids)
    if (docs.length || removed.length) {
      this.dirty = true
      this.post({ type: 'update', docs, removed })
    }
  }

  async query(input: EngineQuery): Promise<EngineResult> {
    await this.building.catch(() => {})
    if (this.fallback) return this.fallback.query(input)
    try {
      const r = await this.send({ type: 'query', input: { q: input.q, limit: (input.offset ?? 0) + input.limit, offset: input.offset, kinds: input.kinds, strict: input.strict }, areas: this.store.settings.areas, thesaurus: this.store.settings.thesaurus, thesaurusOff: this.store.settings.thesaurusOff })
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
    // A save under way finishes first (terminating the worker mid-write would leave its temporary file).
    await this.saving
    this.closed = true
    this.cache?.close()
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
    this.cache?.close()
    this.fallback = new InlineEngine(this.store, `worker failed: ${e.message}`)
    this.building = this.fallback.rebuild()
  }
}
