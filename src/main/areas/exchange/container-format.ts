// The transfer package (.aidpkg): one zip holding manifest.json, which lists every other
// entry with its size and sha256, and those entries (changes.jsonl, files/<sha256>…). This
// file holds what the writer and the reader share: the limits, the names an entry may have,
// and the checks (sha256, the zip's CRC-32).
//
// The manifest has no hash of its own: its zip CRC-32 is checked instead (it catches any
// damaged byte; a forger could rewrite the manifest with its hashes anyway, so a package
// proves integrity, not origin).
import { createHash } from 'node:crypto'
import zlib from 'node:zlib'
import { ApiError, type Params, type Reason } from '../../../shared/errors'

export interface ContainerEntry {
  name: string
  data: Uint8Array
  /** Deflate this entry; by default only text by its extension (.json, .jsonl, …): originals
   * (jpg, png, docx, zip) are already compressed and are stored as they are. */
  compress?: boolean
}

export interface ContainerLimits {
  /** The package file itself. */
  maxPackageBytes: number
  /** Entries besides manifest.json. */
  maxEntries: number
  /** One entry, unpacked. */
  maxEntryBytes: number
  /** All entries together, unpacked. */
  maxTotalBytes: number
  /** manifest.json, unpacked. */
  maxManifestBytes: number
}

const MiB = 1024 * 1024
const GiB = 1024 * MiB

export const DEFAULT_LIMITS: Readonly<ContainerLimits> = Object.freeze({
  maxPackageBytes: 2 * GiB,
  maxEntries: 200_000,
  maxEntryBytes: 512 * MiB,
  maxTotalBytes: 4 * GiB,
  maxManifestBytes: 64 * MiB,
})

export const MANIFEST = 'manifest.json'
export const FORMAT = 'aidpkg'
export const VERSION = 1

export interface ManifestEntry {
  name: string
  size: number
  sha256: string
}

export interface Container {
  meta: Record<string, unknown>
  entries: Map<string, Uint8Array>
}

// ---- names --------------------------------------------------------------------------------

const SEGMENT = /^[A-Za-z0-9._-]+$/

/**
 * A name the archive will ever write: relative, '/'-separated segments of ASCII letters,
 * digits, '.', '_', '-', none of them '.' or '..'. Anything else (absolute paths, '..',
 * backslashes, drive letters, control characters) may mean something else to whoever
 * unpacks the package next, so it is refused rather than cleaned.
 */
export function isSafeName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false
  return name.split('/').every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')
}

export function refuse(reason: Reason, params: Params = {}): never {
  throw new ApiError('invalid_input', reason, params)
}

export function sizeText(n: number): string {
  return n >= GiB && n % GiB === 0 ? `${n / GiB} GB` : n >= MiB ? `${Math.round((n / MiB) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

// ---- CRC-32 (the zip's own check) ----------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c
  }
  return t
})()

export function crc32(b: Uint8Array): number {
  // Node's own (20.15+, as in Electron) is some ten times faster than the table.
  if (typeof zlib.crc32 === 'function') return zlib.crc32(b) >>> 0
  let c = -1
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ -1) >>> 0
}
