// The index's data (key table, posting lists, documents' parts and metadata, pinyin
// vocabulary) and the primitives that grow it. Building and querying extend this class.
import { RECORD_KINDS } from '../../shared/domain'
import { charClasses, normTable } from './normalize'
import { CharReadings } from './pinyin'
import { Scratch } from './scratch'
import * as docMod from './doc'
import * as keysMod from './keys'

// Imported constants copied into locals (hot loops; some loaders turn imports into getters).
const CHAR_IDS = keysMod.CHAR_IDS
const TRI_BASE = keysMod.TRI_BASE
const WORD_BASE = keysMod.WORD_BASE

export interface IndexStats {
  docs: number
  deadDocs: number
  keys: number
  postings: number
  bigramsWithPinyin: number
}

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

// The fields below are the index's state. Adding, removing or changing the meaning of one
// changes what a saved index must hold: update toState()/fromState() and bump
// INDEX_FORMAT in index-persist.ts (a saved index of another format is then rebuilt).
export class IndexData {
  protected cls = charClasses()
  /** Query-time arrays, reused from one query to the next. */
  protected sc = new Scratch()
  // characters and keys
  protected charId = new Int32Array(65536).fill(-1)
  protected charCodes: number[] = []
  // key → key id: open addressing over int32 (keys are < 2^29; -1 marks a free slot)
  protected hKeys = new Int32Array(1 << 14).fill(-1)
  protected hVals = new Int32Array(1 << 14)
  protected hShift = 32 - 14
  /** Doc of the last posting of each key (dedupes postings within a document). */
  protected lastDoc = new Int32Array(4096).fill(-1)
  protected keyCode: number[] = []
  protected lists: Int32Array[] = []
  protected lens = new Int32Array(4096)
  // pinyin vocabulary
  protected chars = new CharReadings()
  protected bigramText: (string | undefined)[] = []
  protected pairIdx = new Map<string, number[]>()
  protected initIdx = new Map<string, number[]>()
  protected syl1Idx = new Map<string, number[]>()
  protected readingsOf: ([string, string][] | undefined)[] = []
  /** Syllable → ids of indexed characters that read so (single-syllable queries). */
  protected sylChars = new Map<string, number[]>()
  protected charBigrams = new Map<number, number[]>()
  protected pendingPairs: number[] = []
  protected pendingChars: number[] = []
  protected withPinyin = 0
  // documents
  protected ids: string[] = []
  protected docOf = new Map<string, number>()
  // Parts of documents, in flat arrays (fewer objects for the GC to walk): a document's
  // parts are partText[docPart[d] .. docPart[d] + docParts[d]).
  /** Normalised text of each part. */
  protected partText: string[] = []
  /** Each part's name id × 8 + its group. */
  protected partInfo = new Int32Array(8192)
  /** Original text of the parts that normalisation changed. */
  protected partOrig = new Map<number, string>()
  protected docPart = new Int32Array(1024)
  protected docParts = new Uint16Array(1024)
  protected nextPart = 0
  protected norm = normTable()
  protected partNames: string[] = []
  protected partNameId = new Map<string, number>()
  protected kindOf = new Uint8Array(1024)
  protected dateKey = new Int32Array(1024)
  protected yearFrom = new Uint16Array(1024)
  protected yearTo = new Uint16Array(1024)
  protected flags = new Uint8Array(1024)
  protected alive = new Uint8Array(1024)
  protected batchOf: (string | null)[] = []
  protected areaOf: string[] = []
  protected batchNumbers = new Map<string, number>()
  protected nextDoc = 0
  protected dead = 0
  /**
   * Names in the archive (places, people, organisations, tag names): words query
   * segmentation keeps whole. Grows as records are added; a name whose last record is
   * gone stays (harmless: it only keeps a word whole).
   */
  protected vocab = new Set<string>()
  protected namesSeen = new Set<string>()
  protected bulk: { kid: Int32Array; ent: Int32Array; n: number; lastPos: Int32Array } | null = null
  /** Id of the key created by the last post(), or -1. */
  protected fresh = -1
  protected keyBuf = new Int32Array(4096)
  protected posBuf = new Int32Array(4096)

  get size(): number {
    return this.docOf.size
  }

  /**
   * The keys a document is indexed under, readable ("阜康", "阜", "bdo", "5"), each with
   * the groups it occurs in ("阜康 title,places"). For tests and diagnostics: it walks
   * every posting list.
   */
  debugKeys(id: string): string[] {
    const d = this.docOf.get(id)
    if (d === undefined) return []
    const out: string[] = []
    for (let k = 0; k < this.lists.length; k++) {
      const list = this.lists[k]!
      for (let i = 0; i < this.lens[k]!; i++) {
        if (list[i]! >> 6 !== d) continue
        const groups = docMod.GROUPS.filter((_, g) => (list[i]! >> g) & 1).join(',')
        out.push(`${this.keyText(k)} ${groups}`)
      }
    }
    return out.sort()
  }

  protected keyText(k: number): string {
    const key = this.keyCode[k]!
    const alnum = (c: number) => (c < 26 ? String.fromCharCode(97 + c) : c < 36 ? String(c - 26) : '?')
    if (key < TRI_BASE) return String.fromCharCode(this.charCodes[Math.floor(key / CHAR_IDS)]!, this.charCodes[key % CHAR_IDS]!)
    if (key < WORD_BASE) {
      const t = key - TRI_BASE
      return alnum(Math.floor(t / 1369)) + alnum(Math.floor(t / 37) % 37) + alnum(t % 37)
    }
    const w = key - WORD_BASE
    return w < 37 ? alnum(w) : alnum(Math.floor((w - 37) / 37)) + alnum((w - 37) % 37)
  }

  /** Readings the index holds for a character pair (tests, diagnostics). */
  debugReadings(pair: string): string[] {
    const k = this.keyId(this.bigramKey(pair, 0))
    return k < 0 ? [] : (this.readingsOf[k] ?? []).map(([a, b]) => `${a} ${b}`)
  }

  stats(): IndexStats {
    let postings = 0
    for (let k = 0; k < this.lists.length; k++) postings += this.lens[k]!
    return { docs: this.docOf.size, deadDocs: this.dead, keys: this.lists.length, postings, bigramsWithPinyin: this.withPinyin }
  }

  protected ensureDocCapacity(n: number): void {
    if (n <= this.alive.length) return
    let cap = this.alive.length
    while (cap < n) cap *= 2
    const grow = <T extends Uint8Array | Uint16Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap)
      b.set(a)
      return b
    }
    this.kindOf = grow(this.kindOf)
    this.docPart = grow(this.docPart)
    this.docParts = grow(this.docParts)
    this.dateKey = grow(this.dateKey)
    this.yearFrom = grow(this.yearFrom)
    this.yearTo = grow(this.yearTo)
    this.flags = grow(this.flags)
    this.alive = grow(this.alive)
  }

  /** Key id of a key, or -1. */
  protected keyId(key: number): number {
    if (key < 0) return -1
    const mask = this.hKeys.length - 1
    let h = Math.imul(key, 0x9e3779b1) >>> this.hShift
    for (;;) {
      const k = this.hKeys[h]!
      if (k === key) return this.hVals[h]!
      if (k === -1) return -1
      h = (h + 1) & mask
    }
  }

  protected newKey(key: number): number {
    const kid = this.lists.length
    if ((kid + 1) * 2 > this.hKeys.length) this.rehash(this.hKeys.length * 2)
    const mask = this.hKeys.length - 1
    let h = Math.imul(key, 0x9e3779b1) >>> this.hShift
    while (this.hKeys[h] !== -1) h = (h + 1) & mask
    this.hKeys[h] = key
    this.hVals[h] = kid
    this.keyCode.push(key)
    this.lists.push(new Int32Array(4))
    if (kid >= this.lens.length) {
      const l = new Int32Array(this.lens.length * 2)
      l.set(this.lens)
      this.lens = l
      const ld = new Int32Array(this.lastDoc.length * 2).fill(-1)
      ld.set(this.lastDoc)
      this.lastDoc = ld
    }
    if (this.bulk && kid >= this.bulk.lastPos.length) {
      const lp = new Int32Array(this.lastDoc.length)
      lp.set(this.bulk.lastPos)
      this.bulk.lastPos = lp
    }
    return kid
  }

  protected rehash(size: number): void {
    const keys = new Int32Array(size).fill(-1)
    const vals = new Int32Array(size)
    const shift = 32 - Math.log2(size)
    const mask = size - 1
    for (let i = 0; i < this.hKeys.length; i++) {
      const k = this.hKeys[i]!
      if (k === -1) continue
      let h = Math.imul(k, 0x9e3779b1) >>> shift
      while (keys[h] !== -1) h = (h + 1) & mask
      keys[h] = k
      vals[h] = this.hVals[i]!
    }
    this.hKeys = keys
    this.hVals = vals
    this.hShift = shift
  }

  /** Adds one posting (doc d, group bit) for a key; returns the key id. */
  protected post(key: number, d: number, bit: number): number {
    let hKeys = this.hKeys
    let h = Math.imul(key, 0x9e3779b1) >>> this.hShift
    let kid = -1
    for (;;) {
      const k = hKeys[h]!
      if (k === key) {
        kid = this.hVals[h]!
        break
      }
      if (k === -1) break
      h = (h + 1) & (hKeys.length - 1)
    }
    if (kid < 0) {
      kid = this.newKey(key)
      this.fresh = kid
    }
    const b = this.bulk
    if (b) {
      if (this.lastDoc[kid] === d) {
        b.ent[b.lastPos[kid]!]! |= bit
        return kid
      }
      this.lastDoc[kid] = d
      if (b.n === b.kid.length) {
        const k2 = new Int32Array(b.n * 2)
        k2.set(b.kid)
        const e2 = new Int32Array(b.n * 2)
        e2.set(b.ent)
        b.kid = k2
        b.ent = e2
      }
      b.lastPos[kid] = b.n
      b.kid[b.n] = kid
      b.ent[b.n++] = (d << 6) | bit
      return kid
    }
    if (this.lastDoc[kid] === d) {
      this.lists[kid]![this.lens[kid]! - 1]! |= bit
      return kid
    }
    this.lastDoc[kid] = d
    let list = this.lists[kid]!
    const len = this.lens[kid]!
    if (len === list.length) {
      const bigger = new Int32Array(len < 1024 ? len * 4 : len * 2)
      bigger.set(list)
      this.lists[kid] = list = bigger
    }
    list[len] = (d << 6) | bit
    this.lens[kid] = len + 1
    return kid
  }

  protected newChar(c: number): number {
    const id = this.charCodes.length < CHAR_IDS ? this.charCodes.length : CHAR_IDS - 1
    if (this.charCodes.length < CHAR_IDS) {
      this.charCodes.push(c)
      this.pendingChars.push(id)
    }
    this.charId[c] = id
    return id
  }

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
   * Takes a saved state into this (new, empty) index. The state is checked for the
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
    // Documents and their parts.
    const docCap = Math.max(1024, n)
    const sized = <T extends Uint8Array | Uint16Array | Int32Array>(a: T, len: number): T => {
      const b = new (a.constructor as new (n: number) => T)(len)
      b.set(a)
      return b
    }
    this.docPart = sized(s.docPart, docCap)
    this.docParts = sized(s.docParts, docCap)
    this.kindOf = sized(s.kindOf, docCap)
    this.dateKey = sized(s.dateKey, docCap)
    this.yearFrom = sized(s.yearFrom, docCap)
    this.yearTo = sized(s.yearTo, docCap)
    this.flags = sized(s.flags, docCap)
    this.alive = sized(s.alive, docCap)
    this.partInfo = sized(s.partInfo, Math.max(8192, P))
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

  protected bigramKey(text: string, i: number): number {
    const a = this.charId[text.charCodeAt(i)]!
    const b = this.charId[text.charCodeAt(i + 1)]!
    return a < 0 || b < 0 ? -1 : a * CHAR_IDS + b
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
