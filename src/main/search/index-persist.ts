// The search index saved to disk: a derived cache (<archive>/cache/search.idx) loaded at
// open instead of rebuilding from every record, the journal's tail applied on top. It
// can be deleted at any time; a file that is damaged, truncated, of another format or of
// another history is refused, and the caller rebuilds.
//
// Layout (native byte order, recorded and checked): a 32-byte prologue (magic, format,
// byte-order mark, where the section table is, its length and CRC-32), then sections,
// each at an 8-byte boundary (raw typed-array bytes, so a reader views them in place),
// then the section table as JSON (meta, scalars and each section's offset, length and
// CRC-32). Strings are raw UTF-16 code units (round-trips any JS string, and Chinese is
// 2 bytes a character instead of UTF-8's 3) with a length per string (-1 = null).
// Posting lists are one section (each list's live entries, end to end) that the loader
// cuts into views: a list that grows later is reallocated by the index, never written
// past its view.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import * as zlib from 'node:zlib'
import type { FlatMap, IndexData, IndexState } from './index-data'
import { SearchIndex } from './search-index'

/** Bump whenever IndexState (index-data.ts) or this layout changes. */
export const INDEX_FORMAT = 1
export const INDEX_FILE = 'search.idx'
/** Sanity limits: a larger file or section is refused before anything is allocated. */
export const MAX_INDEX_FILE = 4 * 2 ** 30
const MAX_SECTION = 2 ** 31 - 8
const MAX_TABLE = 4 << 20

const MAGIC = Buffer.from('AIDSIDX\n', 'latin1')
const PROLOGUE = 32
const BOM = 0x01020304
/** Strings are decoded in runs of about this many code units: each run is one string the parts are cut from. */
const RUN = 1 << 20

export function indexFilePath(cacheDir: string): string {
  return join(cacheDir, INDEX_FILE)
}

export interface SavedIndexMeta {
  format: number
  epoch: string
  /** The store's seq the saved index reflects (every commit up to it). */
  seq: number
  docs: number
  bytes: number
}

type NumType = 'i32' | 'u16' | 'u8' | 'f64'
interface Section {
  name: string
  type: NumType
  at: number
  bytes: number
  crc: number
}
interface Table {
  epoch: string
  seq: number
  docs: number
  scalars: Record<string, number>
  sections: Section[]
}

/** A saved index that cannot be used (the reason is for diagnostics, never shown to users). */
export class IndexRefused extends Error {}

const SIZE: Record<NumType, number> = { i32: 4, u16: 2, u8: 1, f64: 8 }
const CTOR = { i32: Int32Array, u16: Uint16Array, u8: Uint8Array, f64: Float64Array } as const

// What IndexState holds, by kind.
const SCALARS = ['nextDoc', 'nextPart', 'dead', 'withPinyin'] as const
const ARRAYS: [keyof IndexState, NumType][] = [
  ['charId', 'i32'],
  ['charCodes', 'i32'],
  ['keyCode', 'i32'],
  ['lens', 'i32'],
  ['bigramText', 'u16'],
  ['partInfo', 'i32'],
  ['partOrigAt', 'i32'],
  ['docPart', 'i32'],
  ['docParts', 'u16'],
  ['kindOf', 'u8'],
  ['dateKey', 'i32'],
  ['yearFrom', 'u16'],
  ['yearTo', 'u16'],
  ['flags', 'u8'],
  ['alive', 'u8'],
  ['batchNums', 'f64'],
]
const STRINGS = ['readingsOf', 'ids', 'partText', 'partOrigText', 'partNames', 'batchOf', 'areaOf', 'batchIds', 'vocab', 'namesSeen'] as const
const STRING_MAPS = ['pairIdx', 'initIdx', 'syl1Idx', 'sylChars'] as const

const crc32: (data: Uint8Array, prev?: number) => number = typeof zlib.crc32 === 'function' ? zlib.crc32 : crc32js

// ---- writing ----------------------------------------------------------------------------

/** Appends sections through a staging buffer (fewer, larger writes), each section's CRC as it goes. */
class Out {
  private stage = Buffer.allocUnsafeSlow(4 << 20)
  private n = 0
  pos = 0
  readonly sections: Section[] = []
  private cur: Section | null = null

  constructor(private readonly fd: number) {}

  begin(name: string, type: NumType): void {
    const pad = (8 - (this.pos % 8)) % 8
    if (pad) this.raw(new Uint8Array(pad))
    this.cur = { name, type, at: this.pos, bytes: 0, crc: 0 }
  }

  end(): void {
    this.flush()
    const s = this.cur!
    if (s.bytes > MAX_SECTION) throw new Error(`section ${s.name} too large`)
    this.sections.push(s)
    this.cur = null
  }

  bytes(u8: Uint8Array): void {
    if (u8.length > this.stage.length - this.n) {
      this.flush()
      if (u8.length > this.stage.length / 2) return this.emit(u8)
    }
    this.stage.set(u8, this.n)
    this.n += u8.length
  }

  typed(a: ArrayBufferView): void {
    this.bytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
  }

  string(s: string): void {
    const need = s.length * 2
    if (need > this.stage.length - this.n) {
      this.flush()
      if (need > this.stage.length) return this.emit(Buffer.from(s, 'utf16le'))
    }
    this.n += this.stage.write(s, this.n, 'utf16le')
  }

  flush(): void {
    if (!this.n) return
    const chunk = this.stage.subarray(0, this.n)
    this.n = 0
    this.emit(chunk)
  }

  private emit(u8: Uint8Array): void {
    const s = this.cur!
    s.crc = crc32(u8, s.crc)
    s.bytes += u8.length
    this.raw(u8)
  }

  raw(u8: Uint8Array): void {
    for (let off = 0; off < u8.length; ) off += writeSync(this.fd, u8, off, u8.length - off, this.pos + off)
    this.pos += u8.length
  }
}

function writeStrings(out: Out, name: string, list: readonly (string | null)[]): void {
  const lens = new Int32Array(list.length)
  for (let i = 0; i < list.length; i++) {
    const s = list[i]
    lens[i] = s === null || s === undefined ? -1 : s.length
  }
  out.begin(`${name}.len`, 'i32')
  out.typed(lens)
  out.end()
  out.begin(name, 'u16')
  for (const s of list) if (s) out.string(s)
  out.end()
}

function writeFlat(out: Out, name: string, f: FlatMap<string> | FlatMap<number>): void {
  if (typeof f.keys[0] === 'number') {
    out.begin(`${name}.keys`, 'i32')
    out.typed(Int32Array.from(f.keys as number[]))
    out.end()
  } else writeStrings(out, `${name}.keys`, f.keys as string[])
  out.begin(`${name}.counts`, 'i32')
  out.typed(f.counts)
  out.end()
  out.begin(`${name}.values`, 'i32')
  out.typed(f.values)
  out.end()
}

/**
 * Writes the index to `file` atomically (a temporary file renamed over it); the folder is
 * created. Synchronous: the index must not change while it is written. Throws on failure
 * (the temporary file is removed; an older saved index stays as it was).
 */
export function saveIndexFile(index: IndexData, file: string, meta: { epoch: string; seq: number }): { bytes: number; ms: number } {
  const t0 = performance.now()
  const s = index.toState()
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  const fd = openSync(tmp, 'w')
  let done = false
  try {
    const out = new Out(fd)
    out.raw(new Uint8Array(PROLOGUE))
    for (const [name, type] of ARRAYS) {
      out.begin(name, type)
      out.typed(s[name] as ArrayBufferView)
      out.end()
    }
    out.begin('postings', 'i32')
    for (let k = 0; k < s.lists.length; k++) out.typed(s.lists[k]!.subarray(0, s.lens[k]!))
    out.end()
    for (const name of STRINGS) writeStrings(out, name, s[name])
    for (const name of STRING_MAPS) writeFlat(out, name, s[name])
    writeFlat(out, 'charBigrams', s.charBigrams)
    const scalars: Record<string, number> = {}
    for (const k of SCALARS) scalars[k] = s[k]
    const table: Table = { epoch: meta.epoch, seq: meta.seq, docs: index.size, scalars, sections: out.sections }
    const json = Buffer.from(JSON.stringify(table), 'utf8')
    const tableAt = out.pos
    out.raw(json)
    const bytes = out.pos
    if (bytes > MAX_INDEX_FILE) throw new Error('index file too large')
    const head = Buffer.alloc(PROLOGUE)
    MAGIC.copy(head, 0)
    head.writeUInt32LE(INDEX_FORMAT, 8)
    new DataView(head.buffer, head.byteOffset).setUint32(12, BOM, nativeLE())
    head.writeDoubleLE(tableAt, 16)
    head.writeUInt32LE(json.length, 24)
    head.writeUInt32LE(crc32(json), 28)
    writeSync(fd, head, 0, PROLOGUE, 0)
    closeSync(fd)
    done = true
    renameSync(tmp, file)
    return { bytes, ms: performance.now() - t0 }
  } catch (e) {
    if (!done) closeSync(fd)
    try {
      unlinkSync(tmp)
    } catch {
      // already gone
    }
    throw e
  }
}

// ---- reading ----------------------------------------------------------------------------

function nativeLE(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
}

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

/**
 * Loads a saved index, refusing (IndexRefused) one of another epoch, ahead of the store
 * (`seq > maxSeq`), or that fails any check. Every byte is checked against its CRC
 * before use. Throws an I/O error if the file cannot be read (e.g. there is none).
 */
export function loadIndexFile(file: string, expect: { epoch: string; maxSeq: number }): { index: SearchIndex; meta: SavedIndexMeta; ms: number } {
  const t0 = performance.now()
  const fd = openSync(file, 'r')
  try {
    const { table, bytes } = readTable(fd)
    if (table.epoch !== expect.epoch) throw new IndexRefused('another epoch')
    if (table.seq > expect.maxSeq) throw new IndexRefused('ahead of the store')
    const byName = new Map(table.sections.map((s) => [s.name, s]))
    const section = <T extends NumType>(name: string, type: T): InstanceType<(typeof CTOR)[T]> => {
      const s = byName.get(name)
      if (!s || s.type !== type) throw new IndexRefused(`section ${name}`)
      const u8 = readAt(fd, s.at, s.bytes)
      if (crc32(u8) !== s.crc) throw new IndexRefused(`damaged section ${name}`)
      const C = CTOR[type] as unknown as new (b: ArrayBuffer) => InstanceType<(typeof CTOR)[T]>
      return new C(u8.buffer)
    }
    const strings = (name: string): (string | null)[] => {
      const lens = section(`${name}.len`, 'i32')
      const chars = section(name, 'u16')
      return decodeStrings(lens, chars)
    }
    const nonNull = (name: string): string[] => {
      const a = strings(name)
      if (a.includes(null)) throw new IndexRefused(`null in ${name}`)
      return a as string[]
    }
    const flat = <K extends 'str' | 'i32'>(name: string, keys: K): FlatMap<K extends 'str' ? string : number> => ({
      keys: (keys === 'str' ? nonNull(`${name}.keys`) : Array.from(section(`${name}.keys`, 'i32'))) as (K extends 'str' ? string : number)[],
      counts: section(`${name}.counts`, 'i32'),
      values: section(`${name}.values`, 'i32'),
    })
    const sc: Record<string, number> = {}
    for (const k of SCALARS) {
      const v = table.scalars[k]
      if (!Number.isInteger(v)) throw new IndexRefused(`scalar ${k}`)
      sc[k] = v!
    }
    const arrays: Record<string, ArrayBufferView> = {}
    for (const [name, type] of ARRAYS) arrays[name] = section(name, type)
    // Posting lists: views into one buffer, each exactly as long as the list.
    const lens = arrays.lens as Int32Array
    const postings = section('postings', 'i32')
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

/** Strings from their lengths (-1 = null) and UTF-16 code units, decoded in runs and cut. */
function decodeStrings(lens: Int32Array, chars: Uint16Array): (string | null)[] {
  const out = new Array<string | null>(lens.length)
  const buf = Buffer.from(chars.buffer, chars.byteOffset, chars.byteLength)
  let at = 0
  let i = 0
  while (i < lens.length) {
    // One run: strings up to about RUN code units, decoded at once.
    let j = i
    let end = at
    while (j < lens.length && (j === i || end - at < RUN)) {
      const L = lens[j]!
      if (L < -1) throw new IndexRefused('string length')
      if (L > 0) end += L
      j++
    }
    if (end > chars.length) throw new IndexRefused('strings')
    const run = buf.toString('utf16le', at * 2, end * 2)
    let p = 0
    for (; i < j; i++) {
      const L = lens[i]!
      if (L < 0) out[i] = null
      else {
        out[i] = L === run.length && p === 0 ? run : run.slice(p, p + L)
        p += L
      }
    }
    at = end
  }
  if (at !== chars.length) throw new IndexRefused('strings')
  return out
}

// ---- for the engines: every failure is an answer (a cache must never stop the search) ----

/** The saved index's meta, or null (none there, unreadable or refused). */
export function peekIndex(file: string): SavedIndexMeta | null {
  try {
    return readIndexMeta(file)
  } catch {
    return null
  }
}

/** Loads a saved index; on any failure, why (for diagnostics) and no index. */
export function tryLoadIndex(file: string, expect: { epoch: string; maxSeq: number }): { index: SearchIndex; seq: number; ms: number } | { index: null; reason: string } {
  try {
    const { index, meta, ms } = loadIndexFile(file, expect)
    return { index, seq: meta.seq, ms }
  } catch (e) {
    return { index: null, reason: (e as Error).message }
  }
}

/** Saves the index; on failure (disk full, folder gone), why. */
export function trySaveIndex(index: IndexData, file: string, meta: { epoch: string; seq: number }): { bytes: number; ms: number } | { error: string } {
  try {
    return saveIndexFile(index, file, meta)
  } catch (e) {
    return { error: (e as Error).message }
  }
}

// ---- CRC-32 where zlib has none ---------------------------------------------------------

let table32: Int32Array | null = null
function crc32js(data: Uint8Array, prev = 0): number {
  if (!table32) {
    table32 = new Int32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table32[n] = c
    }
  }
  let c = ~prev
  for (let i = 0; i < data.length; i++) c = table32[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}
