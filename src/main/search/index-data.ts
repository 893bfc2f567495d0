// The index's data (key table, posting lists, documents' parts and metadata, pinyin
// vocabulary) and the primitives that grow it. Building and querying extend this class.
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

// The fields below are the index's state. Adding, removing or changing the meaning of one
// changes what a saved index must hold: update toState()/fromState() (index-state.ts) and bump
// INDEX_FORMAT in index-format.ts (a saved index of another format is then rebuilt).
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


  protected bigramKey(text: string, i: number): number {
    const a = this.charId[text.charCodeAt(i)]!
    const b = this.charId[text.charCodeAt(i + 1)]!
    return a < 0 || b < 0 ? -1 : a * CHAR_IDS + b
  }
}
