// Writing the saved search index (the format: index-format.ts).
import { closeSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { crc32 } from '../core/crc32'
import type { FlatMap, IndexStateData } from './index-state'
import { ARRAYS, BOM, INDEX_FORMAT, MAGIC, MAX_INDEX_FILE, MAX_SECTION, PROLOGUE, SCALARS, STRINGS, STRING_MAPS, nativeLE, type NumType, type Section, type Table } from './index-format'
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
export function saveIndexFile(index: IndexStateData, file: string, meta: { epoch: string; seq: number }): { bytes: number; ms: number } {
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
