// An original kept with a record (a report's attachment, a photo's file), found by record id
// and sha256: the one place the hosts turn what the renderer names into a file on disk.
// The renderer never names a path; a sha256 that is not among the record's files is refused.
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { Id, type FileRef } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { ArchiveReader } from '../core/store/reader'
import { filePath } from './files'

export interface ResolvedAttachment {
  /** The stored copy: files/ab/<sha256>, inside the archive folder. */
  path: string
  /** The file's own name, made safe to write on any desktop, with its extension. */
  name: string
  mime: string
  size: number
}

const SHA = /^[0-9a-f]{64}$/

export function filesOf(store: ArchiveReader, recordId: string): FileRef[] {
  const r = store.records.get(recordId)
  return r?.kind === 'report' ? r.attachments : r?.kind === 'photo' && r.file && !r.file.placeholder ? [r.file] : []
}

export async function resolveAttachment(store: ArchiveReader, recordId: unknown, hash: unknown): Promise<ResolvedAttachment> {
  if (typeof recordId !== 'string' || !Id.safeParse(recordId).success) throw new ApiError('invalid_input', 'field.malformed_id', {}, { field: 'id' })
  if (typeof hash !== 'string' || !SHA.test(hash)) throw new ApiError('invalid_input', 'field.sha256', {}, { field: 'sha256' })
  const ref = filesOf(store, recordId).find((f) => f.sha256 === hash)
  if (!ref) throw new ApiError('not_found', 'media.none', { id: recordId })
  const path = filePath(store.dir, hash)
  const s = await stat(path).catch(() => null)
  if (!s?.isFile()) throw new ApiError('not_found', 'media.missing', { id: recordId })
  const mime = MIME_TOKEN.test(ref.mime) ? ref.mime.toLowerCase() : 'application/octet-stream'
  return { path, name: safeFileName(ref.name, mime), mime, size: s.size }
}

// type/subtype only: a stored mime with parameters or odd characters is not put into a header.
const MIME_TOKEN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i

const EXT_OF: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/markdown': '.md',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/tiff': '.tif',
  'image/webp': '.webp',
  'image/heic': '.heic',
}
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i

/**
 * A name Windows, macOS and Linux all accept: no separators, no <>:"|?* or control
 * characters, no trailing dots or spaces, no device names, at most 120 characters, and the
 * extension of its type when it has none (a desktop picks the program by it).
 */
export function safeFileName(name: string, mime = ''): string {
  let n = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/[. ]+$/, '')
    .trim()
  let ext = extname(n)
  if (!ext || ext.length > 10) {
    ext = EXT_OF[mime] ?? ''
    n += ext
  }
  const stem = n.slice(0, n.length - ext.length).replace(/^[. ]+/, '')
  const short = [...stem].slice(0, 120 - ext.length).join('').replace(/[. ]+$/, '')
  const base = !short || RESERVED.test(short) ? `_${short}` : short
  return base + ext
}

/**
 * Content-Disposition for a download: an ASCII fallback for old clients, and the real name
 * as RFC 5987 filename*=UTF-8''… (every byte outside attr-char percent-encoded).
 */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'file'
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
