// Reading a transfer package, which arrives from another workstation on a USB stick or by
// mail: hostile until read whole. The reader walks the zip's own directory, checks every
// declared size against the limits before a byte is inflated, inflates each entry (native
// zlib, stopped at its declared size: a bomb that under-declares gets cut, never more
// memory), and checks every entry against the manifest. Any failure refuses the whole
// package: nothing is returned, so nothing can change. It runs in a worker thread.
import { Worker } from 'node:worker_threads'
import { inflateRawSync } from 'node:zlib'
import { ApiError, type Params, type Reason } from '../../../shared/errors'
import { locateWorkerScript, type WorkerScript } from '../../core/worker-script'
import { DEFAULT_LIMITS, FORMAT, MANIFEST, VERSION, crc32, isSafeName, refuse, sha256, sizeText, type Container, type ContainerLimits, type ManifestEntry } from './container-format'

interface ZipEntry {
  name: string
  method: 0 | 8
  crc: number
  size: number
  originalSize: number
  /** Where its local header starts in the package. */
  local: number
  /** Where its stored bytes start. */
  start: number
}

const u16 = (b: Uint8Array, p: number): number => b[p]! | (b[p + 1]! << 8)
const u32 = (b: Uint8Array, p: number): number => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0
/** A 64-bit size or offset; anything past 2^53 is no size this reader takes. */
function u64(b: Uint8Array, p: number): number {
  const hi = u32(b, p + 4)
  if (hi >= 0x200000) refuse('package.truncated')
  return hi * 0x100000000 + u32(b, p)
}

const LOCAL_SIG = [0x50, 0x4b, 0x03, 0x04]

/** Not a zip at all, or one cut short (it starts like one): the two say different things to a user. */
function notFound(bytes: Uint8Array): never {
  const n = Math.min(bytes.length, 4)
  if (n > 0 && LOCAL_SIG.slice(0, n).every((c, i) => bytes[i] === c)) refuse('package.truncated')
  refuse('package.not_zip')
}

/** The end record: where the central directory is and how many entries it has. */
function endRecord(bytes: Uint8Array): { count: number; cdOffset: number; cdSize: number; cdLimit: number } {
  const len = bytes.length
  let e = -1
  // The comment must reach exactly to the end: a cut file whose stored data happens to hold
  // the signature is not taken for a zip.
  for (let i = len - 22; i >= 0 && i >= len - 22 - 0xffff; i--) {
    if (u32(bytes, i) === 0x06054b50 && i + 22 + u16(bytes, i + 20) === len) {
      e = i
      break
    }
  }
  if (e < 0) notFound(bytes)
  if (u16(bytes, e + 4) !== 0 || u16(bytes, e + 6) !== 0) refuse('package.not_zip') // multi-disk
  let count = u16(bytes, e + 10)
  let cdSize = u32(bytes, e + 12)
  let cdOffset = u32(bytes, e + 16)
  let cdLimit = e
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = e - 20
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) refuse('package.truncated')
    const z = u64(bytes, loc + 8)
    if (z + 56 > loc || u32(bytes, z) !== 0x06064b50) refuse('package.truncated')
    count = u64(bytes, z + 32)
    cdSize = u64(bytes, z + 40)
    cdOffset = u64(bytes, z + 48)
    cdLimit = z
  }
  if (cdOffset + cdSize > cdLimit) refuse('package.truncated')
  return { count, cdOffset, cdSize, cdLimit }
}

/** The central directory, every declared size checked against the limits; nothing inflated. */
function directory(bytes: Uint8Array, lim: ContainerLimits): ZipEntry[] {
  const { count, cdOffset, cdSize } = endRecord(bytes)
  // The manifest is one more entry than the limit counts.
  if (count > lim.maxEntries + 1) refuse('package.too_many_entries', { limit: lim.maxEntries })
  const cdEnd = cdOffset + cdSize
  const out: ZipEntry[] = []
  const seen = new Set<string>()
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let total = 0
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdEnd || u32(bytes, p) !== 0x02014b50) refuse('package.truncated')
    const flags = u16(bytes, p + 8)
    const method = u16(bytes, p + 10)
    // Encrypted, or packed some way the archive never writes: not one of its packages.
    if (flags & 1 || (method !== 0 && method !== 8)) refuse('package.not_zip')
    const nameLen = u16(bytes, p + 28)
    const extraLen = u16(bytes, p + 30)
    const next = p + 46 + nameLen + extraLen + u16(bytes, p + 32)
    if (next > cdEnd) refuse('package.truncated')
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen)
    let name: string
    try {
      name = decoder.decode(rawName)
    } catch {
      refuse('package.unsafe_name', { name: new TextDecoder().decode(rawName) })
    }
    if (!isSafeName(name) || seen.has(name.toLowerCase())) refuse('package.unsafe_name', { name })
    seen.add(name.toLowerCase())
    let size = u32(bytes, p + 20)
    let originalSize = u32(bytes, p + 24)
    let local = u32(bytes, p + 42)
    if (size === 0xffffffff || originalSize === 0xffffffff || local === 0xffffffff) {
      // The zip64 extra field holds, in this order, only the values marked 0xffffffff.
      let x = p + 46 + nameLen
      const xEnd = x + extraLen
      let found = false
      while (x + 4 <= xEnd) {
        const id = u16(bytes, x)
        const len = u16(bytes, x + 2)
        if (x + 4 + len > xEnd) break
        if (id === 1) {
          let q = x + 4
          const take = (): number => {
            if (q + 8 > x + 4 + len) refuse('package.truncated')
            const n = u64(bytes, q)
            q += 8
            return n
          }
          if (originalSize === 0xffffffff) originalSize = take()
          if (size === 0xffffffff) size = take()
          if (local === 0xffffffff) local = take()
          found = true
          break
        }
        x += 4 + len
      }
      if (!found) refuse('package.truncated')
    }
    const limit = name === MANIFEST ? lim.maxManifestBytes : lim.maxEntryBytes
    if (originalSize > limit) refuse('package.entry_too_large', { name, limit: sizeText(limit) })
    if (name !== MANIFEST) {
      total += originalSize
      if (total > lim.maxTotalBytes) refuse('package.too_large', { limit: sizeText(lim.maxTotalBytes) })
    }
    if (method === 0 && size !== originalSize) refuse('package.truncated')
    // The local header must be where the directory says, under the same name, and its data
    // must end before the directory starts.
    if (local + 30 > cdOffset || u32(bytes, local) !== 0x04034b50) refuse('package.truncated')
    const localNameLen = u16(bytes, local + 26)
    const start = local + 30 + localNameLen + u16(bytes, local + 28)
    if (localNameLen !== nameLen || start + size > cdOffset) refuse('package.truncated')
    for (let k = 0; k < nameLen; k++) if (bytes[local + 30 + k] !== rawName[k]) refuse('package.truncated')
    out.push({ name, method: method as 0 | 8, crc: u32(bytes, p + 16), size, originalSize, local, start })
    p = next
  }
  // Entries that share bytes are how the densest zip bombs are built; ours never do.
  const byPlace = [...out].sort((a, b) => a.local - b.local)
  for (let i = 1; i < byPlace.length; i++) {
    const prev = byPlace[i - 1]!
    if (prev.start + prev.size > byPlace[i]!.local) refuse('package.truncated')
  }
  return out
}

/**
 * One entry's bytes, of exactly the declared size. zlib (native) stops inflating at the
 * declared size (maxOutputLength), so a deflate stream that unpacks past it, a bomb, costs
 * no more than the size the directory admitted, which the limits already checked.
 */
function inflate(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const raw = bytes.subarray(e.start, e.start + e.size)
  if (e.method === 0) return raw.slice()
  let out: Uint8Array
  try {
    // One byte of room over the declared size, so that "more than declared" is seen as such.
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.originalSize + 1) })
  } catch {
    refuse('package.hash_mismatch', { name: e.name })
  }
  if (out.length !== e.originalSize) refuse('package.hash_mismatch', { name: e.name })
  return out
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function parseManifest(data: Uint8Array, lim: ContainerLimits): { meta: Record<string, unknown>; entries: ManifestEntry[] } {
  let m: unknown
  try {
    m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data))
  } catch {
    refuse('package.bad_manifest')
  }
  if (!isObject(m) || m.format !== FORMAT || m.version !== VERSION || !isObject(m.meta) || !Array.isArray(m.entries)) refuse('package.bad_manifest')
  if (m.entries.length > lim.maxEntries) refuse('package.too_many_entries', { limit: lim.maxEntries })
  const seen = new Set<string>()
  const entries: ManifestEntry[] = []
  for (const e of m.entries as unknown[]) {
    if (!isObject(e) || typeof e.name !== 'string' || typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) refuse('package.bad_manifest')
    if (typeof e.size !== 'number' || !Number.isSafeInteger(e.size) || e.size < 0) refuse('package.bad_manifest')
    if (e.name === MANIFEST) refuse('package.bad_manifest')
    if (!isSafeName(e.name) || seen.has(e.name.toLowerCase())) refuse('package.unsafe_name', { name: e.name })
    seen.add(e.name.toLowerCase())
    entries.push({ name: e.name, size: e.size, sha256: e.sha256 })
  }
  return { meta: m.meta, entries }
}

/**
 * Reads a package in this thread: the whole of it checked before anything is returned.
 * Throws ApiError('invalid_input', 'package.*') on any refusal.
 */
export function readContainerSync(bytes: Uint8Array, limits: Partial<ContainerLimits> = {}): Container {
  const lim = { ...DEFAULT_LIMITS, ...limits }
  if (bytes.length > lim.maxPackageBytes) refuse('package.too_large', { limit: sizeText(lim.maxPackageBytes) })
  const dir = directory(bytes, lim)
  const man = dir.find((e) => e.name === MANIFEST)
  if (!man) refuse('package.no_manifest')
  const manifestData = inflate(bytes, man)
  if (crc32(manifestData) !== man.crc) refuse('package.hash_mismatch', { name: MANIFEST })
  const { meta, entries: listed } = parseManifest(manifestData, lim)

  const inZip = new Map(dir.filter((e) => e !== man).map((e) => [e.name, e]))
  for (const l of listed) {
    const z = inZip.get(l.name)
    if (!z) refuse('package.missing_entry', { name: l.name })
    if (z.originalSize !== l.size) refuse('package.hash_mismatch', { name: l.name })
  }
  const names = new Set(listed.map((l) => l.name))
  for (const name of inZip.keys()) if (!names.has(name)) refuse('package.extra_entry', { name })

  const entries = new Map<string, Uint8Array>()
  for (const l of listed) {
    const data = inflate(bytes, inZip.get(l.name)!)
    if (data.length !== l.size || sha256(data) !== l.sha256) refuse('package.hash_mismatch', { name: l.name })
    entries.set(l.name, data)
  }
  return { meta, entries }
}

// ---- off the main thread ---------------------------------------------------------------------

/** Built app: exchangeWorker.js beside the bundle; from source: container-worker.ts through tsx. */
export function locate(from: string = import.meta.url): WorkerScript | null {
  return locateWorkerScript(from, 'exchangeWorker.js', 'container-worker.ts')
}

/** What the worker posts back. */
export type WorkerAnswer =
  | { ok: true; meta: Record<string, unknown>; entries: [string, Uint8Array][] }
  | { ok: false; reason: string; params: Params; code?: string }

/**
 * Reads a package in a worker thread, so inflating and hashing gigabytes never stalls the
 * process serving the UI. The worker gets a copy of the bytes (the caller keeps its own) and
 * hands the entries back without a copy. Where no worker script exists, it reads in this
 * thread under the same limits.
 */
export async function readContainer(bytes: Uint8Array, limits: Partial<ContainerLimits> = {}, where: WorkerScript | null = locate()): Promise<Container> {
  const lim = { ...DEFAULT_LIMITS, ...limits }
  // Refused before a copy is made for the worker.
  if (bytes.length > lim.maxPackageBytes) refuse('package.too_large', { limit: sizeText(lim.maxPackageBytes) })
  if (!where) return readContainerSync(bytes, lim)
  const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
    const w = new Worker(where.url, { workerData: { ...where.workerData, bytes, limits: lim } })
    let settled = false
    const done = (f: () => void): void => {
      if (settled) return
      settled = true
      f()
      void w.terminate()
    }
    w.once('message', (m: WorkerAnswer) => done(() => resolve(m)))
    w.once('error', (e) => done(() => reject(new ApiError('internal', 'internal.unexpected', { detail: `package reader: ${e.message.split('\n')[0]}` }))))
    w.once('exit', (code) => done(() => reject(new ApiError('internal', 'internal.unexpected', { detail: `package reader exited (${code})` }))))
  })
  if (!answer.ok) {
    if (answer.reason.startsWith('package.')) throw new ApiError('invalid_input', answer.reason as Reason, answer.params)
    throw new ApiError('internal', 'internal.unexpected', { detail: `package reader: ${String(answer.params.detail ?? answer.reason)}` })
  }
  return { meta: answer.meta, entries: new Map(answer.entries) }
}
