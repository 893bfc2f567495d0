// Long texts (report bodies, long notes and descriptions) kept out of memory: the open
// cache (open-cache.ts) stores them in an append-only file, and a record read from the
// cache gets a getter for each such field that reads its text from there when asked.
// Everything else sees an ordinary record: JSON.stringify, spread, zod and structured
// clone all read the getter. Records are never changed in place (a change replaces the
// object), so a getter can never show a stale text.
import { closeSync, openSync, readSync } from 'node:fs'
import { crc32 } from '../crc32'
import { ApiError } from '../../../shared/errors'

/** A string field at least this long is kept out of memory (shorter ones cost less than their getter). */
export const LONG_TEXT = 256

export interface TextRef {
  file: TextsFile
  off: number
  len: number
  crc: number
}

/** One generation of the texts file: only ever appended to, never rewritten while in use. */
export class TextsFile {
  private fd: number | null = null
  /** Called once when a text fails its check (the cache is then dropped for the next open). */
  onDamage: (() => void) | null = null

  constructor(readonly path: string) {}

  /** Opens the file now (a reader holds it from the start: a writer may prune an old generation later). */
  open(): void {
    this.fd ??= openSync(this.path, 'r')
  }

  read(ref: TextRef): string {
    // Kept open once opened: an old generation may be unlinked meanwhile.
    this.fd ??= openSync(this.path, 'r')
    const buf = Buffer.allocUnsafe(ref.len)
    const n = ref.len ? readSync(this.fd, buf, 0, ref.len, ref.off) : 0
    if (n !== ref.len || crc32(buf) !== ref.crc) {
      this.onDamage?.()
      throw new ApiError('archive_damaged', 'archive.cache_damaged', { file: this.path })
    }
    return buf.toString('utf8')
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }
}

const LAZY = Symbol('longTexts')
type Lazy = { [LAZY]?: Record<string, TextRef> }

const getters = new Map<string, () => string>()
function getterOf(field: string): () => string {
  let g = getters.get(field)
  if (!g)
    getters.set(
      field,
      (g = function (this: Lazy) {
        const ref = this[LAZY]![field]!
        return ref.file.read(ref)
      }),
    )
  return g
}

/** Turns these fields of a record into getters that read their texts on demand. */
export function makeLazy(record: object, refs: Record<string, TextRef>): void {
  Object.defineProperty(record, LAZY, { value: refs, enumerable: false, writable: true, configurable: true })
  for (const field of Object.keys(refs)) Object.defineProperty(record, field, { get: getterOf(field), enumerable: true, configurable: true })
}

/** Where a field's text already lies, if this record reads it on demand. */
export function lazyRef(record: object, field: string): TextRef | undefined {
  return (record as Lazy)[LAZY]?.[field]
}

/** The record's fields long enough to keep out of memory (those already kept out are not read). */
export function longFields(record: object): string[] {
  const lazy = (record as Lazy)[LAZY]
  const out: string[] = []
  for (const k of Object.keys(record)) {
    if (lazy?.[k]) out.push(k)
    else {
      const v = (record as Record<string, unknown>)[k]
      if (typeof v === 'string' && v.length >= LONG_TEXT) out.push(k)
    }
  }
  return out
}
