// Sync's remote: one CouchDB database, reached with PouchDB's HTTP adapter. This module only
// moves documents faithfully; what wins is the merge's business. Every item is one document
// `<coll>/<itemId>` carrying its version vector; a deletion is `value: null` (never CouchDB's
// _deleted, so the vector survives). Originals are `file/<sha256>` with one attachment `data`.
// The server is hostile input like any file: every document we read is checked and capped.
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { z } from 'zod'
import { EXCHANGED, type ExchangedColl } from '../../../shared/contract/exchange'
import { Id } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'

export interface Leaf {
  coll: ExchangedColl
  id: string
  vv: Record<string, number>
  value: Record<string, unknown> | null
  at: string
  from: string
}

export interface RemoteOptions {
  /** The database's URL (http or https). Credentials in it are taken out and used as basic auth. */
  url: string
  username?: string
  password?: string
  /** How long a request may wait for the server's answer (default 30 s). */
  timeoutMs?: number
  /** The largest file getFile accepts (default 512 MB). */
  maxFileBytes?: number
}

export interface RemoteDoc {
  leaf: Leaf
  rev: string
  /** Versions the writer kept as an open conflict: they travel with the document so that no side's edit is lost. */
  others?: Leaf[]
}

/** CouchDB's default max_document_size; a larger "document" is not one a CouchDB would hold. */
export const MAX_DOC_CHARS = 8_000_000
const PAGE = 500
const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_FILE = 512 * 1024 * 1024
const SHA256 = /^[0-9a-f]{64}$/
const FILE_PREFIX = 'file/'
const ITEM_PREFIXES = EXCHANGED.map((c) => `${c}/`)

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

// ---- what a document must look like ------------------------------------------------

const Rev = z.string().regex(/^[1-9]\d{0,9}-[0-9A-Za-z]{1,128}$/)
const ItemDoc = z.object({
  _id: z.string(),
  _rev: Rev,
  _conflicts: z.array(Rev).max(10_000).optional(),
  coll: z.enum(EXCHANGED),
  id: Id,
  vv: z
    .record(z.string().min(1).max(200), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
    .refine((v) => Object.keys(v).length <= 10_000),
  value: z.record(z.string(), z.unknown()).nullable(),
  at: z.iso.datetime({ offset: true }),
  from: z.string().min(1).max(200),
  others: z
    .array(
      z.object({
        vv: z.record(z.string().min(1).max(200), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
        value: z.record(z.string(), z.unknown()).nullable(),
        at: z.string().max(40),
        from: z.string().max(200),
      }),
    )
    .max(100)
    .optional(),
})
type ItemDoc = z.infer<typeof ItemDoc>

const Change = z.object({
  id: z.string(),
  deleted: z.boolean().optional(),
  doc: z.unknown().optional(),
})
const ChangesPage = z.object({ results: z.array(Change), last_seq: z.union([z.string(), z.number()]) })
const BulkGet = z.object({
  results: z.array(z.object({ id: z.string(), docs: z.array(z.object({ ok: z.unknown().optional() }).loose()) })),
})
const AllDocs = z.object({
  rows: z.array(
    z
      .object({
        key: z.string(),
        error: z.string().optional(),
        value: z.object({ rev: z.string(), deleted: z.boolean().optional() }).loose().nullish(),
        doc: z.unknown().optional(),
      })
      .loose(),
  ),
})
const BulkResult = z.array(z.object({ rev: z.string().optional(), status: z.number().optional(), error: z.unknown().optional() }).loose())

const isOurs = (id: string) => ITEM_PREFIXES.some((p) => id.startsWith(p))

/** A readable, bounded id for an error message (the id came from the server). */
const shownId = (id: string) => (id.length > 120 ? `${id.slice(0, 120)}…` : id)

/** An item document as a leaf, or a refusal if it is not of our shape. */
function toRemoteDoc(id: string, raw: unknown): RemoteDoc & { conflicts: string[] } {
  const bad = () => new ApiError('invalid_input', 'sync.bad_document', { id: shownId(id) })
  let size: number
  try {
    size = JSON.stringify(raw)?.length ?? 0
  } catch {
    throw bad()
  }
  if (size > MAX_DOC_CHARS) throw bad()
  const parsed = ItemDoc.safeParse(raw)
  if (!parsed.success || parsed.data._id !== id || id !== `${parsed.data.coll}/${parsed.data.id}`) throw bad()
  const d: ItemDoc = parsed.data
  // The value as the server sent it (already checked above): zod's copy would rebuild the
  // object key by key, and a key such as __proto__ must stay a plain own key.
  const value = (raw as { value: Record<string, unknown> | null }).value
  const others = (d.others ?? []).map((o) => ({ coll: d.coll, id: d.id, vv: { ...o.vv }, value: o.value, at: o.at, from: o.from }))
  return { leaf: { coll: d.coll, id: d.id, vv: { ...d.vv }, value, at: d.at, from: d.from }, rev: d._rev, conflicts: d._conflicts ?? [], ...(others.length ? { others } : {}) }
}

function chunks<T>(xs: readonly T[], n = PAGE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

// ---- URLs and credentials --------------------------------------------------------------

/** The URL as it may be shown and remembered: no credentials, no query, no fragment. */
export function publicUrl(url: string): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    // Not parseable: still never let a user:password@ through.
    return url.replace(/\/\/[^/?#]*@/, '//').replace(/[?#].*$/, '')
  }
  u.username = ''
  u.password = ''
  u.search = ''
  u.hash = ''
  const s = u.toString()
  return u.pathname.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s
}

interface Target {
  url: string
  auth?: { username: string; password: string }
}

function target(opts: RemoteOptions): Target {
  let u: URL
  try {
    u = new URL(opts.url)
  } catch {
    throw new ApiError('invalid_input', 'sync.bad_url', {}, { field: 'url' })
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname.replace(/\/+$/, '') === '') {
    throw new ApiError('invalid_input', 'sync.bad_url', {}, { field: 'url' })
  }
  const fromUrl = (s: string) => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  }
  const username = opts.username ?? (u.username ? fromUrl(u.username) : undefined)
  const password = opts.password ?? (u.password ? fromUrl(u.password) : undefined)
  const url = publicUrl(opts.url)
  return username !== undefined || password !== undefined ? { url, auth: { username: username ?? '', password: password ?? '' } } : { url }
}

/** Thrown by our fetch when no answer came: refused, reset, unknown host or timed out. */
class NoAnswer extends Error {
  override readonly name = 'NoAnswer'
}

/**
 * The fetch PouchDB uses: Node's own, with a deadline for the server's answer (the headers;
 * a large body may take longer) and every network failure made one recognisable error.
 */
function fetchWithDeadline(timeoutMs: number) {
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const ctl = new AbortController()
    const timer = setTimeout(() => ctl.abort(), timeoutMs)
    try {
      // PouchDB hands over its own (node-fetch) Headers; an iterable of pairs either way.
      const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0])
      return await fetch(url, { ...init, headers, signal: ctl.signal })
    } catch {
      // Not the cause's text: Node's messages can carry the address as typed.
      throw new NoAnswer('no answer')
    } finally {
      clearTimeout(timer)
    }
  }
}

const statusOf = (e: unknown): number | undefined => {
  const s = (e as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
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
  async push(writes: { leaf: Leaf; rev?: string; prune?: string[]; others?: Leaf[] }[]): Promise<{ written: Map<string, string>; refused: string[] }> {
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
