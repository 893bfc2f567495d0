// Reading the saved search index (the format: index-format.ts): every byte is checked
// before the index is handed out; anything wrong is an IndexRefused.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { crc32 } from '../core/crc32'
import type { FlatMap, IndexState } from './index-state'
import { ARRAYS, BOM, CTOR, INDEX_FORMAT, IndexRefused, MAGIC, MAX_INDEX_FILE, MAX_SECTION, MAX_TABLE, PROLOGUE, RUN, SCALARS, SHARED, SHARED_MAX, SIZE, STRINGS, nativeLE, type NumType, type SavedIndexMeta, type Section, type Table } from './index-format'
import { SearchIndex } from './search-index'

/** Bytes [at, at + n) of the file, in a buffer of their own (aligned for typed arrays). */
function readAt(fd: number, at: number, n: number): Uint8Array<ArrayBuffer> {
  const u8 = new Uint8Array(new ArrayBuffer(n))
  for (let off = 0; off < n; ) {
    const got = readSync(fd, u8, off, n - off, at + off)
    if (got <= 0) throw new IndexRefused('truncated')
    off += got
  }
  return u8
}

function readTable(fd: number): { table: Table; bytes: number } {
  const bytes = fstatSync(fd).size
  if (bytes < PROLOGUE) throw new IndexRefused('too short')
  if (bytes > MAX_INDEX_FILE) throw new IndexRefused('too large')
  const head = Buffer.from(readAt(fd, 0, PROLOGUE).buffer)
  if (!head.subarray(0, 8).equals(MAGIC)) throw new IndexRefused('not a saved index')
  const format = head.readUInt32LE(8)
  if (format !== INDEX_FORMAT) throw new IndexRefused(`format ${format}`)
  if (new DataView(head.buffer).getUint32(12, nativeLE()) !== BOM) throw new IndexRefused('byte order')
  const tableAt = head.readDoubleLE(16)
  const tableLen = head.readUInt32LE(24)
  if (!Number.isInteger(tableAt) || tableAt < PROLOGUE || tableLen > MAX_TABLE || tableAt + tableLen !== bytes) throw new IndexRefused('truncated')
  const json = readAt(fd, tableAt, tableLen)
  if (crc32(json) !== head.readUInt32LE(28)) throw new IndexRefused('damaged table')
  let table: Table
  try {
    table = JSON.parse(Buffer.from(json.buffer).toString('utf8')) as Table
  } catch {
    throw new IndexRefused('damaged table')
  }
  if (!table || typeof table.epoch !== 'string' || !Number.isInteger(table.seq) || !Number.isInteger(table.docs) || !Array.isArray(table.sections) || typeof table.scalars !== 'object' || !table.scalars)
    throw new IndexRefused('table')
  for (const s of table.sections) {
    if (!s || typeof s.name !== 'string' || !(s.type in SIZE) || !Number.isInteger(s.at) || !Number.isInteger(s.bytes) || !Number.isInteger(s.crc)) throw new IndexRefused('table')
    if (s.at < PROLOGUE || s.at % 8 || s.bytes < 0 || s.bytes > MAX_SECTION || s.bytes % SIZE[s.type] || s.at + s.bytes > tableAt) throw new IndexRefused('table')
  }
  return { table, bytes }
}

function metaOf(table: Table, bytes: number): SavedIndexMeta {
  return { format: INDEX_FORMAT, epoch: table.epoch, seq: table.seq, docs: table.docs, bytes }
}

/** What a saved index is (its prologue and table only, checked); throws IndexRefused or an I/O error. */
export function readIndexMeta(file: string): SavedIndexMeta {
  const fd = openSync(file, 'r')
  try {
    const { table, bytes } = readTable(fd)
    return metaOf(table, bytes)
  } finally {
    closeSync(fd)
  }
}

function refuse(why: string): never {
  throw new IndexRefused(why)
}

/** Reads exactly n bytes at `at` into u8 from offset `off`. */
function readInto(fd: number, u8: Uint8Array, off: number, n: number, at: number): void {
  for (let got = 0; got < n; ) {
    const k = readSync(fd, u8, off + got, n - got, at + got)
    if (k <= 0) throw new IndexRefused('truncated')
    got += k
  }
}

// Loading is dominated by memory touched for the first time (far dearer than copying
// bytes already in the page cache, or than the CRC): so the sections the index keeps
// (typed arrays, posting lists) are read once into one buffer and viewed in place, and
// what is only decoded (strings, their lengths) passes through scratch buffers reused
// from one read to the next.

/** Sections the index keeps as typed arrays: written first, end to end, read as one region. */
const KEPT: readonly string[] = [...ARRAYS.map(([name]) => name), 'postings']

/**
 * A saved index's sections, each checked against its CRC-32 before it is handed out.
 * Kept sections are views of one buffer; transient ones (string lengths, code units) are
 * valid until the next transient read.
 */
class Sections {
  private readonly byName: Map<string, Section>
  private region: Buffer | null = null
  private regionAt = 0
  private lenScratch = new Int32Array(0)
  private scratchBuf = Buffer.allocUnsafeSlow(0)

  constructor(
    private readonly fd: number,
    table: Table,
  ) {
    this.byName = new Map(table.sections.map((s) => [s.name, s]))
  }

  private get(name: string, type: NumType): Section {
    const s = this.byName.get(name)
    if (!s || s.type !== type) throw new IndexRefused(`section ${name}`)
    return s
  }

  /** A scratch buffer of at least n bytes, reused (its contents last until the next call). */
  private scratch(n: number): Buffer {
    if (this.scratchBuf.length < n) this.scratchBuf = Buffer.allocUnsafeSlow(Math.max(n, RUN * 2))
    return this.scratchBuf
  }

  /**
   * Every kept section into one buffer, each checked against its CRC. The bytes pass
   * through a scratch buffer (read there, CRC'd while in cache, copied into place):
   * reading straight into fresh memory and then CRC'ing it touches it twice, and
   * fresh memory is the dearest thing a load touches.
   */
  private readRegion(): void {
    const kept = KEPT.map((name) => this.byName.get(name) ?? refuse(`section ${name}`)).sort((a, b) => a.at - b.at)
    // In order, never overlapping (views must not alias), at most the padding between.
    for (let i = 1; i < kept.length; i++) {
      const gap = kept[i]!.at - (kept[i - 1]!.at + kept[i - 1]!.bytes)
      if (gap < 0 || gap >= 8) throw new IndexRefused('layout')
    }
    const lo = kept[0]!.at
    const hi = kept[kept.length - 1]!.at + kept[kept.length - 1]!.bytes
    // Not zeroed: every byte is copied over (or the load is refused).
    const region = Buffer.allocUnsafeSlow(hi - lo)
    if (region.byteOffset % 8) throw new Error('unaligned buffer')
    const scratch = this.scratch(RUN * 2)
    const crcs = new Array<number>(kept.length).fill(0)
    let k = 0
    for (let o = lo; o < hi; ) {
      const n = Math.min(scratch.length, hi - o)
      readInto(this.fd, scratch, 0, n, o)
      // The CRC of each section's bytes in this chunk; on to the next section once one ends in it.
      for (; k < kept.length; k++) {
        const s = kept[k]!
        const from = Math.max(s.at, o)
        const to = Math.min(s.at + s.bytes, o + n)
        if (to > from) crcs[k] = crc32(scratch.subarray(from - o, to - o), crcs[k])
        if (s.at + s.bytes > o + n) break
      }
      region.set(scratch.subarray(0, n), o - lo)
      o += n
    }
    for (let i = 0; i < kept.length; i++) if (crcs[i] !== kept[i]!.crc) throw new IndexRefused(`damaged section ${kept[i]!.name}`)
    this.region = region
    this.regionAt = lo
  }

  /** A kept section (checked): a view of the region, whose ArrayBuffer it shares with the other kept sections. */
  kept<T extends NumType>(name: string, type: T): InstanceType<(typeof CTOR)[T]> {
    const s = this.get(name, type)
    if (!this.region) this.readRegion()
    const C = CTOR[type] as unknown as new (b: ArrayBuffer, at: number, n: number) => InstanceType<(typeof CTOR)[T]>
    return new C(this.region!.buffer as ArrayBuffer, this.region!.byteOffset + s.at - this.regionAt, s.bytes / SIZE[type])
  }

  /** A section in a buffer of its own (small ones the index keeps a reference to). */
  own<T extends NumType>(name: string, type: T): InstanceType<(typeof CTOR)[T]> {
    const s = this.get(name, type)
    const u8 = new Uint8Array(new ArrayBuffer(s.bytes))
    readInto(this.fd, u8, 0, s.bytes, s.at)
    if (crc32(u8) !== s.crc) throw new IndexRefused(`damaged section ${name}`)
    const C = CTOR[type] as unknown as new (b: ArrayBuffer) => InstanceType<(typeof CTOR)[T]>
    return new C(u8.buffer)
  }

  /**
   * Strings from their lengths (-1 = null) and UTF-16 code units, read and decoded in runs
   * of about RUN code units. With `shared`, equal short strings become one string.
   */
  strings(name: string, shared?: Map<string, string>): (string | null)[] {
    const ls = this.get(`${name}.len`, 'i32')
    const cs = this.get(name, 'u16')
    const count = ls.bytes / 4
    if (this.lenScratch.length < count) this.lenScratch = new Int32Array(Math.max(count, this.lenScratch.length * 2))
    const lens = this.lenScratch
    const lu8 = new Uint8Array(lens.buffer, 0, ls.bytes)
    readInto(this.fd, lu8, 0, ls.bytes, ls.at)
    if (crc32(lu8) !== ls.crc) throw new IndexRefused(`damaged section ${name}.len`)
    const units = cs.bytes / 2
    const out = new Array<string | null>(count)
    let crc = 0
    let at = 0
    let i = 0
    while (i < count) {
      // One run: strings up to about RUN code units (a longer string is a run of its own).
      let j = i
      let end = at
      while (j < count && (j === i || end - at < RUN)) {
        const L = lens[j]!
        if (L < -1) throw new IndexRefused('string length')
        if (L > 0) end += L
        j++
      }
      if (end > units) throw new IndexRefused('strings')
      const bytes = (end - at) * 2
      const buf = this.scratch(bytes)
      readInto(this.fd, buf, 0, bytes, cs.at + at * 2)
      crc = crc32(buf.subarray(0, bytes), crc)
      const run = buf.toString('utf16le', 0, bytes)
      let p = 0
      for (; i < j; i++) {
        const L = lens[i]!
        if (L < 0) out[i] = null
        else {
          let v = L === run.length && p === 0 ? run : run.slice(p, p + L)
          if (shared && L <= SHARED_MAX) {
            const w = shared.get(v)
            if (w === undefined) shared.set(v, v)
            else v = w
          }
          out[i] = v
          p += L
        }
      }
      at = end
    }
    if (at !== units) throw new IndexRefused('strings')
    if (crc !== cs.crc) throw new IndexRefused(`damaged section ${name}`)
    return out
  }
}

/**
 * Loads a saved index, refusing (IndexRefused) one of another epoch, ahead of the store
 * (`seq > maxSeq`), or that fails any check. Every byte is checked against its CRC
 * before the index is handed out. Throws an I/O error if the file cannot be read (e.g. there is none).
 */
export function loadIndexFile(file: string, expect: { epoch: string; maxSeq: number }): { index: SearchIndex; meta: SavedIndexMeta; ms: number } {
  const t0 = performance.now()
  const fd = openSync(file, 'r')
  try {
    const { table, bytes } = readTable(fd)
    if (table.epoch !== expect.epoch) throw new IndexRefused('another epoch')
    if (table.seq > expect.maxSeq) throw new IndexRefused('ahead of the store')
    const sec = new Sections(fd, table)
    const shared = new Map<string, string>()
    const strings = (name: string) => sec.strings(name, SHARED.has(name) ? shared : undefined)
    const nonNull = (name: string): string[] => {
      const a = strings(name)
      if (a.includes(null)) throw new IndexRefused(`null in ${name}`)
      return a as string[]
    }
    const flat = <K extends 'str' | 'i32'>(name: string, keys: K): FlatMap<K extends 'str' ? string : number> => ({
      keys: (keys === 'str' ? nonNull(`${name}.keys`) : Array.from(sec.own(`${name}.keys`, 'i32'))) as (K extends 'str' ? string : number)[],
      counts: sec.own(`${name}.counts`, 'i32'),
      values: sec.own(`${name}.values`, 'i32'),
    })
    const sc: Record<string, number> = {}
    for (const k of SCALARS) {
      const v = table.scalars[k]
      if (!Number.isInteger(v)) throw new IndexRefused(`scalar ${k}`)
      sc[k] = v!
    }
    const arrays: Record<string, ArrayBufferView> = {}
    for (const [name, type] of ARRAYS) arrays[name] = sec.kept(name, type)
    // Posting lists: views into one section, each exactly as long as the list.
    const lens = arrays.lens as Int32Array
    const postings = sec.kept('postings', 'i32')
    const lists: Int32Array[] = new Array<Int32Array>(lens.length)
    let at = 0
    for (let k = 0; k < lens.length; k++) {
      const len = lens[k]!
      if (len < 0 || at + len > postings.length) throw new IndexRefused('postings')
      lists[k] = postings.subarray(at, at + len)
      at += len
    }
    if (at !== postings.length) throw new IndexRefused('postings')
    const str: Record<string, (string | null)[]> = {}
    for (const name of STRINGS) str[name] = name === 'readingsOf' || name === 'batchOf' ? strings(name) : nonNull(name)
    const state = {
      ...(sc as Pick<IndexState, (typeof SCALARS)[number]>),
      ...(arrays as unknown as Pick<IndexState, 'charId'>),
      ...(str as unknown as Pick<IndexState, 'ids'>),
      lists,
      pairIdx: flat('pairIdx', 'str'),
      initIdx: flat('initIdx', 'str'),
      syl1Idx: flat('syl1Idx', 'str'),
      sylChars: flat('sylChars', 'str'),
      charBigrams: flat('charBigrams', 'i32'),
    } as IndexState
    const index = new SearchIndex()
    try {
      index.fromState(state)
    } catch (e) {
      throw new IndexRefused((e as Error).message)
    }
    if (index.size !== table.docs) throw new IndexRefused('document count')
    return { index, meta: metaOf(table, bytes), ms: performance.now() - t0 }
  } finally {
    closeSync(fd)
  }
}
