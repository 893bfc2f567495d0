// The index's state as a saved index holds it (index-format.ts writes it to disk): taken
// from a built index and put back into an empty one, with every invariant the index relies
// on checked on the way in.
import { RECORD_KINDS } from '../../shared/domain'
import * as keysMod from './keys'
import { IndexData } from './index-data'

const CHAR_IDS = keysMod.CHAR_IDS

/** A list of numbers per key: the pinyin vocabulary's maps, flattened. */
type I32 = Int32Array<ArrayBuffer>
type U16 = Uint16Array<ArrayBuffer>
type U8 = Uint8Array<ArrayBuffer>
type F64 = Float64Array<ArrayBuffer>

export interface FlatMap<K extends string | number> {
  keys: K[]
  /** Values per key, in key order. */
  counts: I32
  values: I32
}

/**
 * Everything the index needs to answer queries and to go on updating: what a saved index
 * holds (index-persist.ts writes it to disk). Per-query scratch and tables built from
 * code (character classes, normalisation, the hash table, each key's last document) are
 * not in it: they are rebuilt. Per-document arrays are exactly nextDoc long, per-part
 * arrays nextPart, per-key arrays one entry per key.
 */
export interface IndexState {
  nextDoc: number
  nextPart: number
  dead: number
  withPinyin: number
  charId: I32
  charCodes: I32
  keyCode: I32
  lens: I32
  /** Posting lists; only the first lens[k] entries of each count. */
  lists: Int32Array[]
  /** Two code units per key: the characters of a bigram key, 0 0 for other keys. */
  bigramText: U16
  /** Per key: its readings as "a b,c d", or null. */
  readingsOf: (string | null)[]
  pairIdx: FlatMap<string>
  initIdx: FlatMap<string>
  syl1Idx: FlatMap<string>
  sylChars: FlatMap<string>
  charBigrams: FlatMap<number>
  ids: string[]
  partText: string[]
  partInfo: I32
  partOrigAt: I32
  partOrigText: string[]
  docPart: I32
  docParts: U16
  partNames: string[]
  kindOf: U8
  dateKey: I32
  yearFrom: U16
  yearTo: U16
  flags: U8
  alive: U8
  batchOf: (string | null)[]
  areaOf: string[]
  batchIds: string[]
  batchNums: F64
  vocab: string[]
  namesSeen: string[]
}

export class IndexStateData extends IndexData {
  /**
   * The index's state, for saving. Typed arrays are copies or views of the live ones, so
   * the caller must use it before the index changes again (the worker saves in one go).
   */
  toState(): IndexState {
    if (this.bulk || this.pendingPairs.length || this.pendingChars.length) throw new Error('index state asked for in the middle of a build')
    const K = this.lists.length
    const n = this.nextDoc
    const bt = new Uint16Array(2 * K)
    for (let k = 0; k < K; k++) {
      const t = this.bigramText[k]
      if (t) (bt[2 * k] = t.charCodeAt(0)), (bt[2 * k + 1] = t.charCodeAt(1))
    }
    const readings: (string | null)[] = new Array<string | null>(K)
    for (let k = 0; k < K; k++) {
      const r = this.readingsOf[k]
      readings[k] = r ? r.map(([a, b]) => `${a} ${b}`).join(',') : null
    }
    const partOrigAt = new Int32Array(this.partOrig.size)
    const partOrigText: string[] = []
    let i = 0
    for (const [p, t] of this.partOrig) (partOrigAt[i++] = p), partOrigText.push(t)
    return {
      nextDoc: n,
      nextPart: this.nextPart,
      dead: this.dead,
      withPinyin: this.withPinyin,
      charId: this.charId,
      charCodes: Int32Array.from(this.charCodes),
      keyCode: Int32Array.from(this.keyCode),
      lens: this.lens.subarray(0, K),
      lists: this.lists,
      bigramText: bt,
      readingsOf: readings,
      pairIdx: flatten(this.pairIdx),
      initIdx: flatten(this.initIdx),
      syl1Idx: flatten(this.syl1Idx),
      sylChars: flatten(this.sylChars),
      charBigrams: flatten(this.charBigrams),
      ids: this.ids.slice(0, n),
      partText: this.partText.slice(0, this.nextPart),
      partInfo: this.partInfo.subarray(0, this.nextPart),
      partOrigAt,
      partOrigText,
      docPart: this.docPart.subarray(0, n),
      docParts: this.docParts.subarray(0, n),
      partNames: this.partNames,
      kindOf: this.kindOf.subarray(0, n),
      dateKey: this.dateKey.subarray(0, n),
      yearFrom: this.yearFrom.subarray(0, n),
      yearTo: this.yearTo.subarray(0, n),
      flags: this.flags.subarray(0, n),
      alive: this.alive.subarray(0, n),
      batchOf: this.batchOf.slice(0, n).map((b) => b ?? null),
      areaOf: this.areaOf.slice(0, n),
      batchIds: [...this.batchNumbers.keys()],
      batchNums: Float64Array.from(this.batchNumbers.values()),
      vocab: [...this.vocab],
      namesSeen: [...this.namesSeen],
    }
  }

  /**
   * Takes a saved state into this (new, empty) index, owning its arrays from then on
   * (they may be kept as they are, not copied). The state is checked for the
   * invariants the index relies on (a damaged or foreign file must not make queries read
   * out of bounds); throws if one fails, leaving this index unusable (discard it).
   */
  fromState(s: IndexState): void {
    if (this.lists.length || this.nextDoc) throw new Error('fromState: the index is not empty')
    const bad = (what: string): never => {
      throw new Error(`saved index: ${what}`)
    }
    const K = s.keyCode.length
    const n = s.nextDoc
    const P = s.nextPart
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(P) || P < 0) bad('counts')
    if (s.charId.length !== 65536 || s.charCodes.length > CHAR_IDS) bad('characters')
    for (let c = 0; c < 65536; c++) if (s.charId[c]! < -1 || s.charId[c]! >= CHAR_IDS) bad('character ids')
    if (s.lens.length !== K || s.lists.length !== K || s.bigramText.length !== 2 * K || s.readingsOf.length !== K) bad('keys')
    for (const a of [s.ids, s.batchOf, s.areaOf]) if (a.length !== n) bad('documents')
    for (const a of [s.docPart, s.docParts, s.kindOf, s.dateKey, s.yearFrom, s.yearTo, s.flags, s.alive]) if (a.length !== n) bad('documents')
    if (s.partText.length !== P || s.partInfo.length !== P || s.partOrigAt.length !== s.partOrigText.length) bad('parts')
    if (s.batchIds.length !== s.batchNums.length) bad('batches')
    // Keys: the hash table and each key's last document come from the lists.
    let size = 1 << 14
    while (size < 2 * (K + 1)) size *= 2
    this.hKeys = new Int32Array(size).fill(-1)
    this.hVals = new Int32Array(size)
    this.hShift = 32 - Math.log2(size)
    const cap = Math.max(4096, K)
    this.lens = new Int32Array(cap)
    this.lastDoc = new Int32Array(cap).fill(-1)
    const mask = size - 1
    for (let k = 0; k < K; k++) {
      const key = s.keyCode[k]!
      if (key < 0) bad('key code')
      let h = Math.imul(key, 0x9e3779b1) >>> this.hShift
      for (;;) {
        const at = this.hKeys[h]!
        if (at === -1) break
        if (at === key) bad('duplicate key')
        h = (h + 1) & mask
      }
      this.hKeys[h] = key
      this.hVals[h] = k
      const list = s.lists[k]!
      const len = s.lens[k]!
      if (len < 0 || len > list.length) bad('list length')
      // Lists are sorted by document: the first and last entries bound the rest.
      if (len && (list[0]! < 0 || list[len - 1]! >> 6 >= n)) bad('posting')
      this.lens[k] = len
      this.lastDoc[k] = len ? list[len - 1]! >> 6 : -1
    }
    this.keyCode = Array.from(s.keyCode)
    this.lists = s.lists
    this.charId = s.charId
    this.charCodes = Array.from(s.charCodes)
    // Pinyin vocabulary.
    this.bigramText = new Array<string | undefined>(K)
    for (let k = 0; k < K; k++) {
      const a = s.bigramText[2 * k]!
      if (a) this.bigramText[k] = String.fromCharCode(a, s.bigramText[2 * k + 1]!)
    }
    this.readingsOf = new Array<[string, string][] | undefined>(K)
    let withPinyin = 0
    // Syllables are shared strings (a few hundred of them), as when built.
    const syllables = new Map<string, string>()
    const syl = (x: string) => syllables.get(x) ?? (syllables.set(x, x), x)
    for (let k = 0; k < K; k++) {
      const r = s.readingsOf[k]
      if (!r) continue
      this.readingsOf[k] = r.split(',').map((p) => {
        const [a, b, more] = p.split(' ')
        if (!a || !b || more !== undefined) bad('reading')
        return [syl(a!), syl(b!)] as [string, string]
      })
      withPinyin++
    }
    if (withPinyin !== s.withPinyin) bad('readings')
    this.withPinyin = withPinyin
    this.pairIdx = unflatten(s.pairIdx, K, bad)
    this.initIdx = unflatten(s.initIdx, K, bad)
    this.syl1Idx = unflatten(s.syl1Idx, K, bad)
    this.sylChars = unflatten(s.sylChars, s.charCodes.length, bad)
    this.charBigrams = unflatten(s.charBigrams, K, bad)
    // Documents and their parts. Arrays at least as long as a new index's are taken as
    // they are (the index grows them by doubling, so full is fine); shorter ones are copied
    // to that capacity (doubling an empty array would never grow it).
    const sized = <T extends Uint8Array | Uint16Array | Int32Array>(a: T, min: number): T => {
      if (a.length >= min) return a
      const b = new (a.constructor as new (n: number) => T)(min)
      b.set(a)
      return b
    }
    this.docPart = sized(s.docPart, 1024)
    this.docParts = sized(s.docParts, 1024)
    this.kindOf = sized(s.kindOf, 1024)
    this.dateKey = sized(s.dateKey, 1024)
    this.yearFrom = sized(s.yearFrom, 1024)
    this.yearTo = sized(s.yearTo, 1024)
    this.flags = sized(s.flags, 1024)
    this.alive = sized(s.alive, 1024)
    this.partInfo = sized(s.partInfo, 8192)
    this.partNames = s.partNames
    this.partNameId = new Map(s.partNames.map((name, i) => [name, i]))
    for (let p = 0; p < P; p++) if (s.partInfo[p]! < 0 || s.partInfo[p]! >> 3 >= s.partNames.length) bad('part name')
    let living = 0
    for (let d = 0; d < n; d++) {
      if (s.docPart[d]! + s.docParts[d]! > P || s.kindOf[d]! >= RECORD_KINDS.length) bad('document parts')
      if (!s.alive[d]) continue
      living++
      this.docOf.set(s.ids[d]!, d)
    }
    if (this.docOf.size !== living || s.dead !== n - living) bad('living documents')
    this.ids = s.ids
    this.partText = s.partText
    this.partOrig = new Map()
    for (let i = 0; i < s.partOrigAt.length; i++) {
      const p = s.partOrigAt[i]!
      if (p < 0 || p >= P) bad('part')
      this.partOrig.set(p, s.partOrigText[i]!)
    }
    this.batchOf = s.batchOf
    this.areaOf = s.areaOf
    this.batchNumbers = new Map(s.batchIds.map((id, i) => [id, s.batchNums[i]!]))
    this.vocab = new Set(s.vocab)
    this.namesSeen = new Set(s.namesSeen)
    this.nextDoc = n
    this.nextPart = P
    this.dead = s.dead
  }
}

function flatten<K extends string | number>(m: Map<K, number[]>): FlatMap<K> {
  const keys: K[] = []
  const counts = new Int32Array(m.size)
  let total = 0
  for (const v of m.values()) total += v.length
  const values = new Int32Array(total)
  let i = 0
  let at = 0
  for (const [k, v] of m) {
    keys.push(k)
    counts[i++] = v.length
    for (const x of v) values[at++] = x
  }
  return { keys, counts, values }
}

function unflatten<K extends string | number>(f: FlatMap<K>, bound: number, bad: (what: string) => never): Map<K, number[]> {
  if (f.keys.length !== f.counts.length) bad('vocabulary')
  const m = new Map<K, number[]>()
  let at = 0
  for (let i = 0; i < f.keys.length; i++) {
    const c = f.counts[i]!
    if (c < 0 || at + c > f.values.length) bad('vocabulary')
    const v = new Array<number>(c)
    for (let j = 0; j < c; j++) {
      const x = f.values[at + j]!
      if (x < 0 || x >= bound) bad('vocabulary entry')
      v[j] = x
    }
    at += c
    m.set(f.keys[i]!, v)
  }
  if (at !== f.values.length) bad('vocabulary')
  return m
}
