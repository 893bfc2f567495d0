// Sync's remote: one CouchDB database, reached with PouchDB's HTTP adapter. This module only
// moves documents faithfully (their shape: couch-docs.ts); what wins is the merge's business.
// Originals are `file/<sha256>` documents with one attachment `data`.
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { ApiError } from '../../../shared/errors'
import { AllDocs, BulkGet, BulkResult, ChangesPage, FILE_PREFIX, isOurs, shownId, toRemoteDoc, type RemoteDoc, type RemoteLeaf } from './couch-docs'
import { NoAnswer, fetchWithDeadline, statusOf, target, type RemoteOptions } from './couch-url'

const PAGE = 500
const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_FILE = 512 * 1024 * 1024
const SHA256 = /^[0-9a-f]{64}$/

// ---- PouchDB, loaded as CommonJS (its ESM build expects a bundler) ------------------

interface PouchDatabase {
  fetch(path: string, init?: { method?: string; headers?: Headers; body?: Uint8Array | string }): Promise<Response>
  changes(opts: Record<string, unknown>): Promise<unknown>
  allDocs(opts: Record<string, unknown>): Promise<unknown>
  bulkGet(opts: { docs: { id: string; rev: string }[] }): Promise<unknown>
  bulkDocs(docs: object[]): Promise<unknown>
  close(): Promise<void>
}
type PouchConstructor = new (name: string, opts: Record<string, unknown>) => PouchDatabase

let Pouch: PouchConstructor | null = null
function pouch(): PouchConstructor {
  if (Pouch) return Pouch
  const req = createRequire(import.meta.url)
  const core = req('pouchdb-core') as PouchConstructor & { plugin(p: unknown): void }
  core.plugin(req('pouchdb-adapter-http'))
  return (Pouch = core)
}

function chunks<T>(xs: readonly T[], n = PAGE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

// ---- the remote ----------------------------------------------------------------------

export class CouchRemote {
  private constructor(
    private readonly db: PouchDatabase,
    /** publicUrl of the database: what errors name. */
    readonly url: string,
    private readonly secrets: string[],
    private readonly maxFileBytes: number,
  ) {}

  /** Connects and checks that the database answers; it is never created here. */
  static async open(opts: RemoteOptions): Promise<CouchRemote> {
    const t = target(opts)
    const Db = pouch()
    const db = new Db(t.url, {
      adapter: 'http',
      // The database exists before sync (the server's administrator makes it); PouchDB
      // would otherwise create one at a mistyped address.
      skip_setup: true,
      ...(t.auth ? { auth: t.auth } : {}),
      fetch: fetchWithDeadline(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
    // What must never reach an error's words: the credentials, and the URL as typed if it carried any.
    const typed = /[@?#]/.test(opts.url) ? opts.url : undefined
    const secrets = [t.auth?.password, t.auth?.username, typed].filter((s): s is string => !!s)
    const remote = new CouchRemote(db, t.url, secrets, opts.maxFileBytes ?? DEFAULT_MAX_FILE)
    const res = await remote.request('', { method: 'GET' })
    remote.refuseStatus(res.status)
    if (res.status === 404) throw remote.noDatabase()
    if (!res.ok) throw remote.failed(`HTTP ${res.status}`)
    // A server's root or any other web page answers 200 too: a database says its name.
    const info: unknown = await res.json().catch(() => null)
    if (typeof (info as { db_name?: unknown } | null)?.db_name !== 'string') throw remote.noDatabase()
    return remote
  }

  /**
   * Every changed item document since `since` (0: all), with all its leaf revisions: the
   * winner first, then CouchDB's conflict leaves. Documents CouchDB itself deleted, files,
   * design documents and documents not of ours are passed over; one of ours that is
   * malformed stops the pull (sync.bad_document) before anything is returned.
   */
  async pull(since: string | number): Promise<{ docs: Map<string, RemoteDoc[]>; lastSeq: string }> {
    const docs = new Map<string, RemoteDoc[]>()
    let seq: string | number = since
    for (;;) {
      const raw = await this.call(() =>
        this.db.changes({ since: seq, limit: PAGE, batch_size: PAGE, include_docs: true, conflicts: true }),
      )
      const page = ChangesPage.safeParse(raw)
      if (!page.success) throw this.failed('malformed _changes answer')
      const ours = page.data.results.filter((c) => isOurs(c.id) && !c.deleted)
      const found = await this.withConflicts(
        ours.map((c) => c.id),
        ours.map((c) => c.doc),
      )
      // A document changed again while paging shows up once more, later: the later one holds.
      for (const [id, leaves] of found) docs.set(id, leaves)
      for (const c of page.data.results) if (c.deleted) docs.delete(c.id)
      seq = page.data.last_seq
      if (page.data.results.length < PAGE) break
    }
    return { docs, lastSeq: String(seq) }
  }

  /** The current leaves of these documents (winner first); ids with no live document are left out. */
  async leaves(ids: string[]): Promise<Map<string, RemoteDoc[]>> {
    const out = new Map<string, RemoteDoc[]>()
    for (const part of chunks([...new Set(ids)])) {
      const raw = await this.call(() => this.db.allDocs({ keys: part, include_docs: true, conflicts: true }))
      const parsed = AllDocs.safeParse(raw)
      if (!parsed.success) throw this.failed('malformed _all_docs answer')
      const live = parsed.data.rows.filter((r) => !r.error && r.value && !r.value.deleted && r.doc)
      for (const [id, leaves] of await this.withConflicts(
        live.map((r) => r.key),
        live.map((r) => r.doc),
      ))
        out.set(id, leaves)
    }
    return out
  }

  /**
   * Writes each item on top of `rev` (none: a new document), then deletes the leaf
   * revisions in `prune` of the documents written, so a conflict the merge settled stops
   * being a CouchDB conflict. A write someone else got in before (409) is refused and its
   * prunes are not touched (they may hold what the caller has not seen).
   */
  async push(writes: { leaf: RemoteLeaf; rev?: string; prune?: string[]; others?: RemoteLeaf[] }[]): Promise<{ written: Map<string, string>; refused: string[] }> {
    const written = new Map<string, string>()
    const refused: string[] = []
    const seen = new Set<string>()
    for (const w of writes) {
      const id = `${w.leaf.coll}/${w.leaf.id}`
      if (seen.has(id)) throw new ApiError('internal', 'internal.unexpected', { detail: `push: ${id} twice` })
      seen.add(id)
    }
    for (const part of chunks(writes)) {
      const docs = part.map((w) => ({
        _id: `${w.leaf.coll}/${w.leaf.id}`,
        ...(w.rev ? { _rev: w.rev } : {}),
        coll: w.leaf.coll,
        id: w.leaf.id,
        vv: w.leaf.vv,
        value: w.leaf.value,
        at: w.leaf.at,
        from: w.leaf.from,
        ...(w.others?.length ? { others: w.others.map((o) => ({ vv: o.vv, value: o.value, at: o.at, from: o.from })) } : {}),
      }))
      const results = this.bulkResults(await this.call(() => this.db.bulkDocs(docs)), docs.length)
      const prunes: { _id: string; _rev: string; _deleted: true }[] = []
      results.forEach((r, i) => {
        const w = part[i]!
        const id = docs[i]!._id
        if (r.rev) {
          written.set(id, r.rev)
          for (const rev of new Set(w.prune ?? [])) if (rev !== w.rev) prunes.push({ _id: id, _rev: rev, _deleted: true })
        } else if (r.status === 409) refused.push(id)
        else throw this.failed(`${shownId(id)}: HTTP ${r.status ?? '?'}`)
      })
      for (const pp of chunks(prunes)) {
        const pr = this.bulkResults(await this.call(() => this.db.bulkDocs(pp)), pp.length)
        pr.forEach((r, i) => {
          // 409/404: that leaf was built on or removed meanwhile; the next pull shows what is there.
          if (!r.rev && r.status !== 409 && r.status !== 404) throw this.failed(`${shownId(pp[i]!._id)}: HTTP ${r.status ?? '?'}`)
        })
      }
    }
    return { written, refused }
  }

  /** Which of these files the server holds. */
  async hasFiles(sha256s: string[]): Promise<Set<string>> {
    const have = new Set<string>()
    for (const sha of sha256s) checkSha(sha)
    for (const part of chunks([...new Set(sha256s)])) {
      const raw = await this.call(() => this.db.allDocs({ keys: part.map((s) => FILE_PREFIX + s) }))
      const parsed = AllDocs.safeParse(raw)
      if (!parsed.success) throw this.failed('malformed _all_docs answer')
      for (const r of parsed.data.rows) if (!r.error && r.value && !r.value.deleted) have.add(r.key.slice(FILE_PREFIX.length))
    }
    return have
  }

  /** Uploads a file (its bytes must hash to sha256). One already there is left as it is: files are content-addressed. */
  async putFile(sha256: string, mime: string, data: Uint8Array): Promise<void> {
    checkSha(sha256)
    if (createHash('sha256').update(data).digest('hex') !== sha256) throw new ApiError('invalid_input', 'sync.file_mismatch', { sha256 })
    const type = /^[\w.+-]{1,100}\/[\w.+-]{1,100}$/.test(mime) ? mime : 'application/octet-stream'
    const res = await this.request(`${encodeURIComponent(FILE_PREFIX + sha256)}/data`, { method: 'PUT', headers: new Headers({ 'Content-Type': type }), body: data })
    this.refuseStatus(res.status)
    await res.body?.cancel()
    if (res.status === 409 || res.ok) return
    throw this.failed(`HTTP ${res.status}`)
  }

  /** Downloads a file, capped in size and checked against its sha256. */
  async getFile(sha256: string): Promise<Uint8Array> {
    checkSha(sha256)
    const res = await this.request(`${encodeURIComponent(FILE_PREFIX + sha256)}/data`, { method: 'GET' })
    this.refuseStatus(res.status)
    if (res.status === 404) {
      await res.body?.cancel()
      throw new ApiError('not_found', 'sync.file_missing', { sha256 })
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel()
      throw this.failed(`HTTP ${res.status}`)
    }
    const tooLarge = () => new ApiError('invalid_input', 'file.too_large', { limit: `${Math.round(this.maxFileBytes / 1024 / 1024)} MB` })
    if (Number(res.headers.get('content-length') ?? 0) > this.maxFileBytes) {
      await res.body.cancel()
      throw tooLarge()
    }
    const hash = createHash('sha256')
    const parts: Uint8Array[] = []
    let size = 0
    const reader = res.body.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        size += value.byteLength
        // The header may lie: count what actually comes.
        if (size > this.maxFileBytes) {
          await reader.cancel()
          throw tooLarge()
        }
        hash.update(value)
        parts.push(value)
      }
    } catch (e) {
      if (e instanceof ApiError) throw e
      throw new ApiError('io_error', 'sync.unreachable', { url: this.url })
    }
    if (hash.digest('hex') !== sha256) throw new ApiError('invalid_input', 'sync.file_mismatch', { sha256 })
    return Buffer.concat(parts, size)
  }

  async close(): Promise<void> {
    await this.db.close().catch(() => undefined)
  }

  // ---- helpers --------------------------------------------------------------------

  /** Winner documents (in order) with their conflict leaves fetched, checked, winner first. */
  private async withConflicts(ids: string[], winners: unknown[]): Promise<Map<string, RemoteDoc[]>> {
    const out = new Map<string, RemoteDoc[]>()
    const wanted: { id: string; rev: string }[] = []
    ids.forEach((id, i) => {
      const { conflicts, ...w } = toRemoteDoc(id, winners[i])
      out.set(id, [w])
      for (const rev of conflicts) wanted.push({ id, rev })
    })
    for (const part of chunks(wanted)) {
      const raw = await this.call(() => this.db.bulkGet({ docs: part }))
      const parsed = BulkGet.safeParse(raw)
      if (!parsed.success) throw this.failed('malformed _bulk_get answer')
      for (const r of parsed.data.results) {
        const list = out.get(r.id)
        if (!list) continue
        for (const d of r.docs) {
          // A leaf gone since the winner was read (an error entry) or CouchDB-deleted is no version.
          if (d.ok === undefined || (d.ok as { _deleted?: unknown })._deleted) continue
          const { conflicts: _, ...leaf } = toRemoteDoc(r.id, d.ok)
          if (!list.some((x) => x.rev === leaf.rev)) list.push(leaf)
        }
      }
    }
    return out
  }

  private bulkResults(raw: unknown, n: number) {
    const parsed = BulkResult.safeParse(raw)
    if (!parsed.success || parsed.data.length !== n) throw this.failed('malformed _bulk_docs answer')
    return parsed.data
  }

  /** A request of our own through PouchDB's fetch (credentials and deadline included). */
  private async request(path: string, init: { method: string; headers?: Headers; body?: Uint8Array }): Promise<Response> {
    return this.call(() => this.db.fetch(path, { headers: new Headers(), ...init }))
  }

  /** Runs a PouchDB call, turning whatever it throws into one of our errors. */
  private async call<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f()
    } catch (e) {
      throw this.toApiError(e)
    }
  }

  private toApiError(e: unknown): ApiError {
    if (e instanceof ApiError) return e
    if (e instanceof NoAnswer || (e as { name?: unknown } | null)?.name === 'NoAnswer') return new ApiError('io_error', 'sync.unreachable', { url: this.url })
    const status = statusOf(e)
    if (status === 401 || status === 403) return this.unauthorized()
    const msg = e instanceof Error ? e.message : String(e)
    return this.failed(status ? `HTTP ${status}: ${msg}` : msg)
  }

  private refuseStatus(status: number): void {
    if (status === 401 || status === 403) throw this.unauthorized()
  }

  private unauthorized(): ApiError {
    // invalid_input, not unauthorized: that code means the app's own token to its hosts.
    return new ApiError('invalid_input', 'sync.unauthorized', { url: this.url }, { field: 'password' })
  }

  private noDatabase(): ApiError {
    return new ApiError('not_found', 'sync.no_database', { url: this.url }, { field: 'url' })
  }

  /** sync.failed, its detail cleared of anything secret (the server's words may echo them). */
  private failed(detail: string): ApiError {
    let d = detail
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) d = d.split(s).join('***')
    return new ApiError('io_error', 'sync.failed', { detail: d.slice(0, 500) })
  }
}

function checkSha(sha: string): void {
  if (!SHA256.test(sha)) throw new ApiError('invalid_input', 'field.sha256', {}, { field: 'sha256' })
}
