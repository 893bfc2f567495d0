// The browser host: the built renderer and the contract over HTTP, on 127.0.0.1 only.
// - POST /api/<method>, JSON body, Authorization: Bearer <token> → the method's result,
//   or 4xx/5xx with { error: { code, message } }.
// - GET /api/status, Bearer → { phase, done?, total?, error? }: how far the archive's open is.
//   The host listens before the archive is open (a large one takes seconds): the status and
//   the renderer's files are answered at once; a method, medium or file waits for the open
//   (at most openWaitMs, then 503 archive_opening) and gets the open's error if it failed.
// - GET /api/events?token=… → server-sent change events (EventSource cannot set headers).
// - GET /media/<recordId>/<variant> → the record's file (Bearer or ?token=, for <img>).
// - GET /files/<recordId>/<sha256> → an original as a download under its name (attachments.ts).
// - Anything else: the renderer's static files (no data in them, so no token needed).
// Refusals: no/wrong token 401; Host not 127.0.0.1:PORT or localhost:PORT 403 (DNS
// rebinding); an Origin from any other site 403; a malformed %-escape anywhere in the path
// or query 400; a body over the method's limit 413 (answered before the body is read: the
// rest is read and dropped, so the answer is not lost to a reset and the connection stays
// usable); a "__proto__" key anywhere in a body 400.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { ChangeEvent } from '../../shared/api'
import { changeEventOf } from '../../shared/changes'
import { ApiError, type ErrorCode } from '../../shared/errors'
import { dispatch, type ArchiveOpening } from '../app'
import type { ArchiveService } from '../core/service'
import { resolveMedia } from '../media/resolve'
import { FILES_PREFIX, serveAttachment } from './attachments'

export interface BridgeOptions {
  /** The open service, or an open under way (startOpening in app.ts). */
  service: ArchiveService | ArchiveOpening
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  token?: string
  /** Largest request body of the upload methods (UPLOAD_METHODS), bytes. */
  maxUploadBody?: number
  /** Largest request body of every other method, bytes. */
  maxBody?: number
  /** How long a call waits for an archive still opening before archive_opening, ms. */
  openWaitMs?: number
}

/** Methods whose input carries files (base64) or a whole archive: the large limit. */
export const UPLOAD_METHODS: ReadonlySet<string> = new Set(['intake.photos', 'intake.reports', 'intake.catalogue', 'io.importJson', 'exchange.preview'])
const MAX_UPLOAD_BODY = 256 * 1024 * 1024
/**
 * Every other method. Not 1 MB: the largest inputs the contract allows are a report body of
 * 2,000,000 characters (6 MB as UTF-8, 12 MB \u-escaped) and 100,000 ids (about 7 MB).
 */
const MAX_BODY = 16 * 1024 * 1024
/** After a 413, this much more of the body is read and dropped before the connection is closed instead. */
const MAX_DRAIN = 64 * 1024 * 1024
/** A first open of a very large archive takes tens of seconds; longer than this is stuck. */
const OPEN_WAIT_MS = 120_000

export interface Bridge {
  url: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  archive_locked: 423,
  archive_opening: 503,
  archive_damaged: 500,
  io_error: 500,
  internal: 500,
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** The page may talk to its own origin only; nothing remote is allowed. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const tokenBuf = Buffer.from(token)
  const maxUploadBody = opts.maxUploadBody ?? MAX_UPLOAD_BODY
  const maxBody = opts.maxBody ?? MAX_BODY
  const opening = asOpening(opts.service)
  const openWaitMs = opts.openWaitMs ?? OPEN_WAIT_MS
  const opened = () => opening.whenOpen(openWaitMs)
  const streams = new Set<ServerResponse>()
  let port = 0

  const tokenOk = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false
    const b = Buffer.from(candidate)
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => sendError(res, ApiError.from(e)))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(req.headers.host ?? '')) return sendError(res, new ApiError('forbidden', 'host.bad_host'))
    const origin = req.headers.origin
    if (origin && !allowedHosts.some((h) => origin === `http://${h}`)) return sendError(res, new ApiError('forbidden', 'host.cross_site'))
    // Checked once here, so that no decodeURIComponent below can throw (which was a 500).
    if (badEscape(req.url ?? '/')) return sendError(res, new ApiError('invalid_input', 'host.bad_url'))
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]

    if (url.pathname === '/api/status') {
      if (!tokenOk(bearer)) return sendError(res, new ApiError('unauthorized', 'host.token'))
      if (req.method !== 'GET') {
        res.writeHead(405, { Allow: 'GET', 'Content-Type': 'application/json', ...SECURITY_HEADERS })
        return void res.end(JSON.stringify({ error: { code: 'invalid_input', message: 'Use GET.' } }))
      }
      return sendJson(res, 200, opening.status())
    }
    if (url.pathname === '/api/events') {
      if (!tokenOk(bearer ?? url.searchParams.get('token'))) return sendError(res, new ApiError('unauthorized', 'host.token'))
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', ...SECURITY_HEADERS })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    if (url.pathname.startsWith('/api/')) {
      if (!tokenOk(bearer)) return sendError(res, new ApiError('unauthorized', 'host.token'))
      if (req.method !== 'POST') {
        res.writeHead(405, { Allow: 'POST', 'Content-Type': 'application/json', ...SECURITY_HEADERS })
        return void res.end(JSON.stringify({ error: { code: 'invalid_input', message: 'Use POST.' } }))
      }
      const method = decodeURIComponent(url.pathname.slice(5))
      const started = performance.now()
      const body = await readBody(req, res, UPLOAD_METHODS.has(method) ? maxUploadBody : maxBody)
      if (!body) return
      let input: unknown = {}
      if (body.length) {
        const text = body.toString('utf8')
        try {
          input = JSON.parse(text)
        } catch {
          return sendError(res, new ApiError('invalid_input', 'host.bad_json'))
        }
        // A "__proto__" key is refused by dispatch, for every host (see protoKeyAt).
      }
      const result = await dispatch(await opened(), method, input)
      // The host's own share of the call (the bench sets it beside what the client waited).
      res.setHeader('Server-Timing', `app;dur=${(performance.now() - started).toFixed(2)}`)
      return sendJson(res, 200, result)
    }
    if (url.pathname.startsWith(FILES_PREFIX)) return tokenOk(bearer ?? url.searchParams.get('token')) ? serveAttachment((await opened()).store, req.method, url.pathname, res) : sendError(res, new ApiError('unauthorized', 'host.token'))
    if (url.pathname.startsWith('/media/')) {
      if (!tokenOk(bearer ?? url.searchParams.get('token'))) return sendError(res, new ApiError('unauthorized', 'host.token'))
      const [, , id = '', variant = ''] = url.pathname.split('/')
      const m = await resolveMedia((await opened()).store, decodeURIComponent(id), decodeURIComponent(variant))
      res.writeHead(200, {
        'Content-Type': m.mime,
        'Content-Length': m.size,
        'Cache-Control': 'private, max-age=3600',
        ...SECURITY_HEADERS,
        // An SVG opened directly must not run anything.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      })
      createReadStream(m.path).pipe(res)
      return
    }
    return serveStatic(opts.rendererDir, url.pathname, res)
  }

  // Change events go to every stream from the moment the archive is open.
  const emitChanges = (svc: ArchiveService) => svc.store.onCommit((c) => {
    const e: ChangeEvent = changeEventOf(c)
    const line = `data: ${JSON.stringify(e)}\n\n`
    for (const s of streams) s.write(line)
  })
  let unsubscribe = (): void => undefined
  let closed = false
  void opening.service.then((svc) => {
    if (!closed) unsubscribe = emitChanges(svc)
  }, () => undefined)
  const heartbeat = setInterval(() => {
    for (const s of streams) s.write(': ping\n\n')
  }, 25_000)
  heartbeat.unref()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: async () => {
      closed = true
      unsubscribe()
      clearInterval(heartbeat)
      for (const s of streams) s.end()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

/** A service already open as an open that has ended. */
function asOpening(s: ArchiveService | ArchiveOpening): ArchiveOpening {
  if ('whenOpen' in s) return s
  const service = Promise.resolve(s)
  return { status: () => ({ phase: 'ready' }), service, whenOpen: () => service }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS })
  res.end(body)
}

function sendError(res: ServerResponse, e: ApiError): void {
  if (res.headersSent) return void res.end()
  sendJson(res, STATUS[e.code] ?? 500, { error: e.toJSON() })
}

/** Does any %-escape in the path or query fail to decode (a lone %, %zz, bytes that are not UTF-8)? */
export function badEscape(rawUrl: string): boolean {
  const q = rawUrl.indexOf('?')
  for (const part of q < 0 ? [rawUrl] : [rawUrl.slice(0, q), rawUrl.slice(q + 1)]) {
    try {
      decodeURIComponent(part)
    } catch {
      return true
    }
  }
  return false
}

/** The body, or null once a 413 has been answered (see refuseBody). */
function readBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > max) {
    refuseBody(req, res, max)
    return Promise.resolve(null)
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (c: Buffer) => {
      size += c.length
      if (size <= max) return void chunks.push(c)
      // A chunked body, or one longer than it said.
      req.off('data', onData).off('end', onEnd).off('error', reject)
      chunks.length = 0
      refuseBody(req, res, max)
      resolve(null)
    }
    const onEnd = () => resolve(Buffer.concat(chunks))
    req.on('data', onData).on('end', onEnd).on('error', reject)
  })
}

/**
 * 413 now, then the rest of the body read and dropped: closing a socket with unread data
 * makes the kernel send a reset, which can destroy the answer before the client reads it.
 * Reading on keeps the connection usable; a body that goes on past MAX_DRAIN is cut off,
 * long after the answer was sent.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, max: number): void {
  sendJson(res, 413, { error: new ApiError('invalid_input', 'host.too_large', { max }).toJSON() })
  let dropped = 0
  let cutting = false
  const cut = () => req.socket.destroy()
  req.on('data', (c: Buffer) => {
    dropped += c.length
    if (dropped <= MAX_DRAIN || cutting) return
    cutting = true
    if (res.writableFinished) cut()
    else res.once('finish', cut)
  })
  req.on('error', () => {})
  req.resume()
}

async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  let file = join(root, rel)
  if (!file.startsWith(root + sep) && file !== root) return sendError(res, new ApiError('not_found', 'host.not_found'))
  let s = await stat(file).catch(() => null)
  // The app routes in the page (hash history), so unknown paths get index.html.
  if (!s?.isFile()) {
    if (extname(rel)) return sendError(res, new ApiError('not_found', 'host.not_found'))
    file = join(root, 'index.html')
    s = await stat(file).catch(() => null)
    if (!s?.isFile()) return sendError(res, new ApiError('not_found', 'host.not_built'))
  }
  const isHtml = extname(file) === '.html'
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': s.size,
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  })
  createReadStream(file).pipe(res)
}
