// Writing a transfer package. The zip is laid out here by hand: fflate's zipSync writes a
// wrong entry count past 65 535 entries (no zip64), and a whole archive's photos can be more;
// the zip64 end records are written only then. A fixed time stamp: the same content gives
// the same bytes.
import { deflateRawSync } from 'node:zlib'
import { DEFAULT_LIMITS, MANIFEST, FORMAT, VERSION, crc32, isSafeName, refuse, sha256, sizeText, type ContainerEntry, type ContainerLimits, type ManifestEntry } from './container-format'

const TEXT = /\.(json|jsonl|txt|csv|md|xml)$/i

// A fixed stamp (1980-01-01 00:00, the first DOS date): the same content gives the same bytes.
const DOS_TIME = 0
const DOS_DATE = (1 << 5) | 1
const UTF8_FLAG = 0x0800

/**
 * The package bytes: manifest.json first, then the entries in the order given. Refuses what
 * readContainer with the same limits would refuse (unsafe or duplicate names, sizes).
 */
export function writeContainer(meta: Record<string, unknown>, entries: ContainerEntry[], limits: Partial<ContainerLimits> = {}): Uint8Array {
  const lim = { ...DEFAULT_LIMITS, ...limits }
  if (entries.length > lim.maxEntries) refuse('package.too_many_entries', { limit: lim.maxEntries })
  const seen = new Set<string>()
  let total = 0
  for (const e of entries) {
    if (!isSafeName(e.name) || e.name === MANIFEST || seen.has(e.name.toLowerCase())) refuse('package.unsafe_name', { name: e.name })
    seen.add(e.name.toLowerCase())
    if (e.data.length > lim.maxEntryBytes) refuse('package.entry_too_large', { name: e.name, limit: sizeText(lim.maxEntryBytes) })
    total += e.data.length
  }
  if (total > lim.maxTotalBytes) refuse('package.too_large', { limit: sizeText(lim.maxTotalBytes) })
  const manifest = {
    format: FORMAT,
    version: VERSION,
    meta,
    entries: entries.map((e): ManifestEntry => ({ name: e.name, size: e.data.length, sha256: sha256(e.data) })),
  }
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest))
  if (manifestBytes.length > lim.maxManifestBytes) refuse('package.entry_too_large', { name: MANIFEST, limit: sizeText(lim.maxManifestBytes) })

  const parts = [{ name: MANIFEST, data: manifestBytes, compress: true }, ...entries.map((e) => ({ name: e.name, data: e.data, compress: e.compress ?? TEXT.test(e.name) }))]
  const laid = parts.map((p) => {
    const stored = p.compress ? deflateRawSync(p.data, { level: 6 }) : p.data
    return { name: new TextEncoder().encode(p.name), method: p.compress ? 8 : 0, crc: crc32(p.data), size: p.data.length, stored, offset: 0 }
  })
  let offset = 0
  for (const l of laid) {
    l.offset = offset
    offset += 30 + l.name.length + l.stored.length
  }
  const cdOffset = offset
  const cdSize = laid.reduce((n, l) => n + 46 + l.name.length, 0)
  const zip64 = laid.length > 0xfffe
  const length = cdOffset + cdSize + (zip64 ? 56 + 20 : 0) + 22
  if (length > lim.maxPackageBytes || length > 0xfffffffe) refuse('package.too_large', { limit: sizeText(Math.min(lim.maxPackageBytes, 0xfffffffe)) })

  const out = new Uint8Array(length)
  const v = new DataView(out.buffer)
  for (const l of laid) {
    let p = l.offset
    v.setUint32(p, 0x04034b50, true)
    v.setUint16(p + 4, 20, true)
    v.setUint16(p + 6, UTF8_FLAG, true)
    v.setUint16(p + 8, l.method, true)
    v.setUint16(p + 10, DOS_TIME, true)
    v.setUint16(p + 12, DOS_DATE, true)
    v.setUint32(p + 14, l.crc, true)
    v.setUint32(p + 18, l.stored.length, true)
    v.setUint32(p + 22, l.size, true)
    v.setUint16(p + 26, l.name.length, true)
    v.setUint16(p + 28, 0, true)
    out.set(l.name, p + 30)
    out.set(l.stored, p + 30 + l.name.length)
  }
  let p = cdOffset
  for (const l of laid) {
    v.setUint32(p, 0x02014b50, true)
    v.setUint16(p + 4, 20, true)
    v.setUint16(p + 6, 20, true)
    v.setUint16(p + 8, UTF8_FLAG, true)
    v.setUint16(p + 10, l.method, true)
    v.setUint16(p + 12, DOS_TIME, true)
    v.setUint16(p + 14, DOS_DATE, true)
    v.setUint32(p + 16, l.crc, true)
    v.setUint32(p + 20, l.stored.length, true)
    v.setUint32(p + 24, l.size, true)
    v.setUint16(p + 28, l.name.length, true)
    // extra, comment, disk, internal and external attributes: 0
    v.setUint32(p + 42, l.offset, true)
    out.set(l.name, p + 46)
    p += 46 + l.name.length
  }
  if (zip64) {
    const z = p
    v.setUint32(p, 0x06064b50, true)
    v.setBigUint64(p + 4, 44n, true)
    v.setUint16(p + 12, 45, true)
    v.setUint16(p + 14, 45, true)
    v.setBigUint64(p + 24, BigInt(laid.length), true)
    v.setBigUint64(p + 32, BigInt(laid.length), true)
    v.setBigUint64(p + 40, BigInt(cdSize), true)
    v.setBigUint64(p + 48, BigInt(cdOffset), true)
    p += 56
    v.setUint32(p, 0x07064b50, true)
    v.setBigUint64(p + 8, BigInt(z), true)
    v.setUint32(p + 16, 1, true)
    p += 20
  }
  v.setUint32(p, 0x06054b50, true)
  v.setUint16(p + 8, zip64 ? 0xffff : laid.length, true)
  v.setUint16(p + 10, zip64 ? 0xffff : laid.length, true)
  v.setUint32(p + 12, cdSize, true)
  v.setUint32(p + 16, cdOffset, true)
  return out
}
