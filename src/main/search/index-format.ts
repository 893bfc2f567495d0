// The saved search index's file format. The index is a derived cache (<archive>/cache/search.idx) loaded at
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
// past its view. The typed arrays and the posting lists are written first, end to end:
// the loader reads them in one read into one buffer and views them in place (it refuses
// a table where they overlap); strings and the vocabulary's maps follow.
import { join } from 'node:path'
import type { IndexState } from './index-state'

/** Bump whenever IndexState (index-data.ts) or this layout changes. */
export const INDEX_FORMAT = 1
export const INDEX_FILE = 'search.idx'
/** Sanity limits: a larger file or section is refused before anything is allocated. */
export const MAX_INDEX_FILE = 4 * 2 ** 30
export const MAX_SECTION = 2 ** 31 - 8
export const MAX_TABLE = 4 << 20

export const MAGIC = Buffer.from('AIDSIDX\n', 'latin1')
export const PROLOGUE = 32
export const BOM = 0x01020304
/** Strings are decoded in runs of about this many code units: each run is one string the parts are cut from. */
export const RUN = 1 << 20
/**
 * Sections of a few distinct values repeated per document (a batch, an area): equal
 * strings up to SHARED_MAX code units are loaded as one (at 100,000 records, 13 strings
 * instead of 200,000). Part texts repeat too (six in ten at 100,000), but interning them
 * cost more time than the collector saved (measured).
 */
export const SHARED = new Set<string>(['batchOf', 'areaOf'])
export const SHARED_MAX = 32

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

export type NumType = 'i32' | 'u16' | 'u8' | 'f64'
export interface Section {
  name: string
  type: NumType
  at: number
  bytes: number
  crc: number
}
export interface Table {
  epoch: string
  seq: number
  docs: number
  scalars: Record<string, number>
  sections: Section[]
}

/** A saved index that cannot be used (the reason is for diagnostics, never shown to users). */
export class IndexRefused extends Error {}

export const SIZE: Record<NumType, number> = { i32: 4, u16: 2, u8: 1, f64: 8 }
export const CTOR = { i32: Int32Array, u16: Uint16Array, u8: Uint8Array, f64: Float64Array } as const

// What IndexState holds, by kind.
export const SCALARS = ['nextDoc', 'nextPart', 'dead', 'withPinyin'] as const
export const ARRAYS: [keyof IndexState, NumType][] = [
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
export const STRINGS = ['readingsOf', 'ids', 'partText', 'partOrigText', 'partNames', 'batchOf', 'areaOf', 'batchIds', 'vocab', 'namesSeen'] as const
export const STRING_MAPS = ['pairIdx', 'initIdx', 'syl1Idx', 'sylChars'] as const

/** Whether this machine stores numbers little-endian (the file records the writer's order). */
export function nativeLE(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
}
