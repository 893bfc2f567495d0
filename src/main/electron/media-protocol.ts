// aid-media://media/<recordId>/<variant> → the record's file, resolved inside the archive
// folder by the core (resolveMedia). The URL carries an id, never a path.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { CustomScheme } from 'electron'
import { MEDIA_SCHEME, type MediaVariant } from '../../shared/api'
import { Id } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { ArchiveReader } from '../core/store/reader'
import { isVariant, resolveMedia } from '../media/resolve'

export const MEDIA_HOST = 'media'

/** Registered before app ready: standard (real URLs), secure, fetchable, streamable; CSP not bypassed. */
export const MEDIA_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, bypassCSP: false, corsEnabled: false },
}

export interface MediaRequest {
  id: string
  variant: MediaVariant
}

/** Strict: exactly aid-media://media/<id>/<variant>, a well-formed id, a known variant. */
export function parseMediaUrl(raw: string): MediaRequest | null {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return null
  }
  if (u.protocol !== `${MEDIA_SCHEME}:` || u.hostname.toLowerCase() !== MEDIA_HOST) return null
  if (u.username || u.password || u.port) return null
  const m = /^\/([^/]+)\/([^/]+)$/.exec(u.pathname)
  if (!m) return null
  let id: string
  let variant: string
  try {
    id = decodeURIComponent(m[1]!)
    variant = decodeURIComponent(m[2]!)
  } catch {
    return null
  }
  if (!Id.safeParse(id).success || !isVariant(variant)) return null
  return { id, variant }
}

const MEDIA_HEADERS = {
  'Cache-Control': 'private, max-age=3600',
  'X-Content-Type-Options': 'nosniff',
  // An SVG opened on its own must not run anything.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })
}

/** The protocol.handle handler: GET/HEAD only; 404 for a bad URL or a record without media. */
export function createMediaHandler(store: () => ArchiveReader | null): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed')
    const req = parseMediaUrl(request.url)
    if (!req) return textResponse(404, 'Not found')
    const s = store()
    if (!s) return textResponse(503, 'The archive is closed')
    try {
      const m = await resolveMedia(s, req.id, req.variant)
      const headers = { ...MEDIA_HEADERS, 'Content-Type': m.mime || 'application/octet-stream', 'Content-Length': String(m.size) }
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers })
      const body = Readable.toWeb(createReadStream(m.path)) as unknown as ReadableStream<Uint8Array>
      return new Response(body, { status: 200, headers })
    } catch (e) {
      const err = ApiError.from(e)
      return textResponse(err.code === 'not_found' ? 404 : 500, err.code === 'not_found' ? 'Not found' : 'Media could not be read')
    }
  }
}
