import { createHash } from 'node:crypto'
import { unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/errors'
import { locate, readContainer, readContainerSync } from './container'
import { crc32, DEFAULT_LIMITS, isSafeName, MANIFEST, type ContainerEntry } from './container-format'
import { writeContainer } from './container-write'

const enc = new TextEncoder()
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** A small binary "photo": every byte value, then pseudo-random bytes. */
function binary(n: number, seed = 7): Uint8Array {
  const b = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) b[i] = i < 256 ? i : (x = (x * 1103515245 + 12345) >>> 0) >>> 24
  return b
}

const photo = binary(3000)
const changes = enc.encode(['{"coll":"records","id":"r1","title":"阜康市教育援疆座谈会"}', '{"coll":"tags","id":"t1","name":"教育"}'].join('\n') + '\n')
const META = { archiveId: 'a-1', name: '后方办公室', createdAt: '2025-03-01T08:00:00.000Z', note: '奇台工作组 ✓' }
const ENTRIES: ContainerEntry[] = [
  { name: 'changes.jsonl', data: changes },
  { name: `files/${sha(photo)}`, data: photo },
  { name: 'files/empty', data: new Uint8Array(0) },
]
const good = writeContainer(META, ENTRIES)

/** The refusal's reason (and params), or fails the test if it is anything else. */
function refusal(f: () => unknown): { reason: string; params: Record<string, unknown> } {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    const err = e as ApiError
    expect(err.code).toBe('invalid_input')
    expect(err.reason).toMatch(/^package\./)
    return { reason: err.reason, params: err.params }
  }
  throw new Error('expected a refusal')
}
const reasonOf = (bytes: Uint8Array, limits = {}) => refusal(() => readContainerSync(bytes, limits)).reason

/** A zip built by another tool (fflate), with a manifest as given. */
function otherZip(manifest: unknown, files: Record<string, Uint8Array>): Uint8Array {
  return zipSync({ [MANIFEST]: enc.encode(typeof manifest === 'string' ? manifest : JSON.stringify(manifest)), ...files })
}
const manifestOf = (files: Record<string, Uint8Array>, meta: Record<string, unknown> = {}) => ({
  format: 'aidpkg',
  version: 1,
  meta,
  entries: Object.entries(files).map(([name, data]) => ({ name, size: data.length, sha256: sha(data) })),
})

function expectSame(got: { meta: Record<string, unknown>; entries: Map<string, Uint8Array> }) {
  expect(got.meta).toEqual(META)
  expect([...got.entries.keys()]).toEqual(ENTRIES.map((e) => e.name))
  for (const e of ENTRIES) expect(Buffer.from(got.entries.get(e.name)!).equals(Buffer.from(e.data))).toBe(true)
}

describe('writeContainer / readContainer', () => {
  it('round-trips meta with Chinese text, a jsonl and a binary file', () => {
    expectSame(readContainerSync(good))
  })

  it('writes a zip other tools read: manifest first, text deflated, originals stored', () => {
    const order: { name: string; compression: number }[] = []
    const files = unzipSync(good, { filter: (f) => (order.push({ name: f.name, compression: f.compression }), true) })
    expect(order.map((o) => o.name)).toEqual([MANIFEST, ...ENTRIES.map((e) => e.name)])
    expect(order.map((o) => o.compression)).toEqual([8, 8, 0, 0])
    const manifest = JSON.parse(new TextDecoder().decode(files[MANIFEST]))
    expect(manifest).toEqual({ format: 'aidpkg', version: 1, meta: META, entries: ENTRIES.map((e) => ({ name: e.name, size: e.data.length, sha256: sha(e.data) })) })
    expect(Buffer.from(files[`files/${sha(photo)}`]!).equals(Buffer.from(photo))).toBe(true)
  })

  it('is deterministic, and a compress flag overrides the choice by extension', () => {
    expect(Buffer.from(writeContainer(META, ENTRIES)).equals(Buffer.from(good))).toBe(true)
    const text = enc.encode('援疆'.repeat(2000))
    const methods: number[] = []
    const bytes = writeContainer({}, [{ name: 'files/abc', data: text, compress: true }])
    unzipSync(bytes, { filter: (f) => (methods.push(f.compression), false) })
    expect(methods).toEqual([8, 8])
    expect(bytes.length).toBeLessThan(text.length / 10)
    expect(new TextDecoder().decode(readContainerSync(bytes).entries.get('files/abc'))).toBe('援疆'.repeat(2000))
  })

  it('reads a package written by another zip tool', () => {
    const files = { 'changes.jsonl': changes, 'files/x': photo }
    const got = readContainerSync(otherZip(manifestOf(files, { name: '奇台' }), files))
    expect(got.meta).toEqual({ name: '奇台' })
    expect(got.entries.size).toBe(2)
  })

  it('an empty package round-trips', () => {
    const got = readContainerSync(writeContainer({}, []))
    expect(got.meta).toEqual({})
    expect(got.entries.size).toBe(0)
  })

  it('writes and reads more than 65 535 entries (zip64 end records)', () => {
    const many: ContainerEntry[] = Array.from({ length: 70_000 }, (_, i) => ({ name: `f/${i}`, data: new Uint8Array([i & 255, (i >> 8) & 255]) }))
    const bytes = writeContainer({ n: many.length }, many)
    const got = readContainerSync(bytes)
    expect(got.entries.size).toBe(70_000)
    expect([...got.entries.get('f/69999')!]).toEqual([69999 & 255, (69999 >> 8) & 255])
  })

  it('the writer refuses names and sizes the reader would refuse', () => {
    for (const name of ['../x', '/etc/passwd', 'a\\b', 'a//b', './a', MANIFEST, '', 'C:x', 'a b'])
      expect(refusal(() => writeContainer({}, [{ name, data: photo }])).reason).toBe('package.unsafe_name')
    expect(refusal(() => writeContainer({}, [{ name: 'a', data: photo }, { name: 'A', data: photo }])).reason).toBe('package.unsafe_name')
    expect(refusal(() => writeContainer({}, [{ name: 'a', data: photo }], { maxEntryBytes: 100 })).params).toEqual({ name: 'a', limit: '100 B' })
    expect(refusal(() => writeContainer({}, [{ name: 'a', data: photo }, { name: 'b', data: photo }], { maxEntries: 1 })).reason).toBe('package.too_many_entries')
  })

  it('names: relative ASCII segments only', () => {
    expect(isSafeName('files/0a1b')).toBe(true)
    expect(isSafeName('changes.jsonl')).toBe(true)
    for (const n of ['..', 'a/../b', '/a', 'a/', 'a\\b', '照片.jpg', 'a\u0000b', 'x'.repeat(256)]) expect(isSafeName(n)).toBe(false)
  })
})

describe('readContainer refuses the whole package', () => {
  it('not a zip', () => {
    expect(reasonOf(new Uint8Array(0))).toBe('package.not_zip')
    expect(reasonOf(enc.encode('{"format":"aidpkg"}'))).toBe('package.not_zip')
    expect(reasonOf(binary(5000))).toBe('package.not_zip')
  })

  it('cut short at any of several places', () => {
    for (const at of [1, 3, 4, 30, 100, good.length >> 1, good.length - 23, good.length - 22, good.length - 1]) {
      expect(['package.truncated', 'package.not_zip']).toContain(reasonOf(good.subarray(0, at)))
    }
    expect(reasonOf(good.subarray(0, good.length - 1))).toBe('package.truncated')
    expect(reasonOf(good.subarray(0, 2))).toBe('package.truncated')
  })

  it('no manifest, or a manifest that is not one', () => {
    expect(reasonOf(zipSync({ 'changes.jsonl': changes }))).toBe('package.no_manifest')
    const files = { 'changes.jsonl': changes }
    const m = manifestOf(files)
    for (const bad of [
      'not json',
      '[]',
      'null',
      { ...m, format: 'zip' },
      { ...m, version: 2 },
      { ...m, meta: [] },
      { ...m, meta: undefined },
      { ...m, entries: {} },
      { ...m, entries: [{ name: 'changes.jsonl', size: changes.length, sha256: 'XYZ' }] },
      { ...m, entries: [{ name: 'changes.jsonl', size: -1, sha256: sha(changes) }] },
      { ...m, entries: [...m.entries, { name: MANIFEST, size: 1, sha256: sha(changes) }] },
    ])
      expect(reasonOf(otherZip(bad, files))).toBe('package.bad_manifest')
    // Not UTF-8.
    expect(reasonOf(zipSync({ [MANIFEST]: new Uint8Array([0x7b, 0xff, 0x7d]) }))).toBe('package.bad_manifest')
  })

  it('an entry listed but absent', () => {
    const files = { 'changes.jsonl': changes, 'files/x': photo }
    const { params, reason } = refusal(() => readContainerSync(otherZip(manifestOf(files), { 'changes.jsonl': changes })))
    expect(reason).toBe('package.missing_entry')
    expect(params).toEqual({ name: 'files/x' })
  })

  it('an entry present but not listed', () => {
    const files = { 'changes.jsonl': changes }
    const { params, reason } = refusal(() => readContainerSync(otherZip(manifestOf(files), { ...files, 'files/extra': photo })))
    expect(reason).toBe('package.extra_entry')
    expect(params).toEqual({ name: 'files/extra' })
  })

  it('a tampered byte inside a stored file, or a size that differs', () => {
    const name = `files/${sha(photo)}`
    const at = Buffer.from(good).indexOf(Buffer.from(photo.subarray(300, 340)))
    expect(at).toBeGreaterThan(0)
    const bad = good.slice()
    bad[at + 5]! ^= 0x01
    expect(refusal(() => readContainerSync(bad))).toEqual({ reason: 'package.hash_mismatch', params: { name } })

    const files = { 'files/x': photo }
    const m = manifestOf(files)
    m.entries[0]!.size += 1
    expect(refusal(() => readContainerSync(otherZip(m, files)))).toEqual({ reason: 'package.hash_mismatch', params: { name: 'files/x' } })
    const m2 = manifestOf(files)
    m2.entries[0]!.sha256 = sha(changes)
    expect(reasonOf(otherZip(m2, files))).toBe('package.hash_mismatch')
  })

  it('unsafe or duplicate names, in the zip or in the manifest', () => {
    for (const name of ['../x', '/abs', 'a\\b', 'files/../../x']) {
      const files = { [name]: photo }
      expect(refusal(() => readContainerSync(otherZip(manifestOf(files), files)))).toEqual({ reason: 'package.unsafe_name', params: { name } })
    }
    const files = { 'files/x': photo }
    const m = manifestOf(files)
    m.entries.push({ ...m.entries[0]! })
    expect(reasonOf(otherZip(m, files))).toBe('package.unsafe_name')
    // The same name twice in the zip's directory: fflate's reader would keep the last one.
    const dup = writeContainer({}, [{ name: 'files/a', data: photo }, { name: 'files/b', data: changes, compress: false }])
    const renamed = dup.slice()
    for (let i = 0; i + 7 <= renamed.length; i++) if (Buffer.from(renamed.subarray(i, i + 7)).toString('latin1') === 'files/b') renamed[i + 6] = 0x61
    expect(refusal(() => readContainerSync(renamed))).toEqual({ reason: 'package.unsafe_name', params: { name: 'files/a' } })
  })

  it('declared sizes over the limits, before anything is inflated', () => {
    expect(refusal(() => readContainerSync(good, { maxPackageBytes: 100 }))).toEqual({ reason: 'package.too_large', params: { limit: '100 B' } })
    expect(refusal(() => readContainerSync(good, { maxEntryBytes: 1000 }))).toEqual({ reason: 'package.entry_too_large', params: { name: `files/${sha(photo)}`, limit: '1000 B' } })
    expect(reasonOf(good, { maxTotalBytes: 3000 })).toBe('package.too_large')
    expect(reasonOf(good, { maxManifestBytes: 50 })).toBe('package.entry_too_large')
    expect(reasonOf(good, { maxEntries: 2 })).toBe('package.too_many_entries')
  })

  it('a bomb: a huge declared size is refused; an under-declared one is cut, never inflated past it', () => {
    const zeros = new Uint8Array(50 * 1024 * 1024)
    const files = { 'changes.jsonl': zeros }
    const bomb = otherZip(manifestOf(files), files)
    expect(bomb.length).toBeLessThan(200_000)
    expect(refusal(() => readContainerSync(bomb, { maxEntryBytes: DEFAULT_LIMITS.maxEntryBytes, maxTotalBytes: 10 * 1024 * 1024 })).reason).toBe('package.too_large')
    // Lie in the directory: declare 1000 bytes for 50 MiB of zeros (and in the manifest too).
    const m = manifestOf({ 'changes.jsonl': zeros.subarray(0, 1000) })
    const lied = otherZip(m, files)
    const v = new DataView(lied.buffer)
    for (let p = 0; p + 4 <= lied.length; p++) {
      const sig = v.getUint32(p, true)
      if (sig === 0x02014b50 && v.getUint32(p + 24, true) === zeros.length) v.setUint32(p + 24, 1000, true)
    }
    expect(refusal(() => readContainerSync(lied))).toEqual({ reason: 'package.hash_mismatch', params: { name: 'changes.jsonl' } })
  })

  it('a damaged manifest is caught by its CRC-32', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926)
    // A stored manifest (written by another tool) with one character of meta changed.
    const files = { 'files/x': photo }
    const bytes = zipSync({ [MANIFEST]: [enc.encode(JSON.stringify(manifestOf(files, { name: 'AAAA' }))), { level: 0 }], ...files })
    const at = Buffer.from(bytes).indexOf('AAAA')
    bytes[at] = 0x42
    expect(refusal(() => readContainerSync(bytes))).toEqual({ reason: 'package.hash_mismatch', params: { name: MANIFEST } })
  })

  it('never returns content other than what was written (random cuts and byte flips)', () => {
    let seed = 12345
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n
    const seen = new Set<string>()
    for (let i = 0; i < 240; i++) {
      const bad = i % 3 === 0 ? good.subarray(0, rand(good.length)) : good.slice()
      if (i % 3 !== 0) {
        bad[rand(bad.length)]! ^= 1 + rand(255)
        if (i % 3 === 2) bad[rand(bad.length)]! ^= 1 + rand(255)
      }
      let got: ReturnType<typeof readContainerSync>
      try {
        got = readContainerSync(bad)
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError)
        expect((e as ApiError).reason).toMatch(/^package\./)
        seen.add((e as ApiError).reason)
        continue
      }
      // Only a flip in bytes nobody reads (the DOS time, version fields) may pass: then the content is the original.
      expectSame(got)
    }
    expect(seen.size).toBeGreaterThan(2)
  })
})

describe('readContainer off the main thread', () => {
  it('finds its worker from source', () => {
    expect(locate()?.url.href).toMatch(/worker-dev\.mjs$/)
  })

  it('reads in a worker and hands the entries back', async () => {
    expectSame(await readContainer(good))
  })

  it('a refusal in the worker comes back as the same ApiError; the caller keeps its bytes', async () => {
    const bad = good.slice()
    bad[Buffer.from(bad).indexOf(Buffer.from(photo.subarray(300, 340))) + 1]! ^= 0xff
    await expect(readContainer(bad)).rejects.toMatchObject({ code: 'invalid_input', reason: 'package.hash_mismatch', params: { name: `files/${sha(photo)}` } })
    await expect(readContainer(good.subarray(0, 50))).rejects.toMatchObject({ reason: 'package.truncated' })
    expect(bad.length).toBe(good.length)
  })

  it('in this thread where no worker exists, the same', async () => {
    expectSame(await readContainer(good, {}, null))
    await expect(readContainer(good, { maxPackageBytes: 10 }, null)).rejects.toMatchObject({ reason: 'package.too_large' })
  })
})
