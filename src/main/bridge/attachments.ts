// GET /files/<recordId>/<sha256>?token=… : a record's original (a report's attachment, a
// photo's file) as a download under its own name. The token is checked by the server
// before this is reached; the file is found by the core from the record, never from a path.
import { createReadStream } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { ApiError } from '../../shared/errors'
import type { ArchiveReader } from '../core/store/reader'
import { contentDisposition, resolveAttachment } from '../media/attachment'

export const FILES_PREFIX = '/files/'

export async function serveAttachment(store: ArchiveReader, method: string | undefined, pathname: string, res: ServerResponse): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') throw new ApiError('not_found', 'host.not_found')
  const parts = pathname.slice(FILES_PREFIX.length).split('/')
  if (parts.length !== 2) throw new ApiError('not_found', 'host.not_found')
  const f = await resolveAttachment(store, decodeURIComponent(parts[0]!), parts[1])
  res.writeHead(200, {
    'Content-Type': f.mime,
    'Content-Length': f.size,
    'Content-Disposition': contentDisposition(f.name),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Should a browser show it rather than save it, nothing in it may run.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  })
  if (method === 'HEAD') return void res.end()
  createReadStream(f.path).pipe(res)
}
