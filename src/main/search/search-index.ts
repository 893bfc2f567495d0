// The search index: an inverted index over normalised text, with no knowledge of the
// store, threads or Electron (the same class runs in the search worker and in-thread).
//
// Keys: CJK character bigrams, Latin and number trigrams (runs of 1–2 characters are
// indexed whole; a decimal point between digits belongs to the number). A lone Chinese
// character is found through the bigrams that contain it. A posting is one int32:
// docId << 6 | a bit per field group where the key occurs, lists sorted by docId (a
// changed record gets a new docId, so appends keep the order).
// Pinyin: each distinct bigram gets its toneless reading(s) once, when it first enters
// the index, resolved in the context of that first occurrence; syllable pairs ("fu kang")
// and initial pairs ("fk") map to the bigrams that read so. A pinyin query becomes a
// chain of such pairs; a Chinese term that matches nothing is tried by its sound
// (富康 → fu kang → 阜康).
// Scoring: per term, the best field group by weight × match quality (exact 1, Latin
// inside a word 0.8, pinyin 0.8, homophone 0.7, initials 0.6, words nearby 0.6, scattered
// 0.35), a little for other groups, a bonus for a title that starts with the term;
// recency breaks ties.
import type { HighlightRange } from '../../shared/api'
import type { Area, RecordKind } from '../../shared/domain'
import { RECORD_KINDS } from '../../shared/domain'
import type { EngineHit, EngineResult } from './engine'
import * as docMod from './doc'
import type { IndexDoc } from './doc'
import * as normMod from './normalize'
import { charClasses, normTable, normalize } from './normalize'
import { CharReadings, initialsOf, pairReadingsBatch, readingOf, type PairSite, segmentPinyin, type PinyinChunk } from './pinyin'
import { parseQuery, type Filter, type ParsedQuery, type TextTerm } from './query'
import { Scratch } from './scratch'
import { chunkCjk, segmentCjk } from './segment'

// Imported constants copied into locals (hot loops; some loaders turn imports into getters).
const ALL_GROUPS = docMod.ALL_GROUPS
const G_BODY = docMod.G_BODY
const G_TITLE = docMod.G_TITLE
const GROUP_WEIGHTS = Float64Array.from(docMod.GROUP_WEIGHTS)
const CJK = normMod.CJK
const ALNUM = normMod.ALNUM

const CHAR_IDS = 16384
const TRI_BASE = 1 << 28
const WORD_BASE = TRI_BASE + 65536
const HEAD = ALL_GROUPS & ~(1 << G_BODY)
const MAX_DOCS = 1 << 25
const KINDS: RecordKind[] = [...RECORD_KINDS]
const MAX_SCORE = 3 + 0.1 * (2 + 2 + 2 + 1.5 + 1) + 0.3
/** Postings a single character (or syllable) may union before it is limited to short fields. */
const CHAR_COST = 4_000_000
/** Candidates whose text is read to verify a match, per term (see verifyPlan). */
const VERIFY_BUDGET = 3000

/** Quality of a match, by kind. */
const Q = { exact: 1, inWord: 0.8, pinyin: 0.8, pinyinPrefix: 0.7, homophone: 0.7, initials: 0.6, nearby: 0.6, scattered: 0.35, syllable: 0.3 }

export interface SearchInput {
  q: string
  limit: number
  kinds?: RecordKind[] | undefined
}

export interface SearchContext {
  areas: Area[]
}

export interface IndexStats {
  docs: number
  deadDocs: number
  keys: number
  postings: number
  bigramsWithPinyin: number
}

/** A pinyin chain: the bigrams allowed at each position (one set of single characters for a lone syllable). */
interface Chain {
  sets: Set<string>[]
  /** First characters of the first set, as a bitmap over UTF-16 units (when firstList is null). */
  first: Uint8Array | null
  /** The first set as a list, when short enough to find with indexOf. */
  firstList: string[] | null
  /** A lone syllable: one set of single characters. */
  chars: boolean
}
const FIRST_BY_INDEXOF = 4
function chainOf(sets: Set<string>[], chars = false): Chain {
  const firstList = !chars && sets[0]!.size <= FIRST_BY_INDEXOF ? [...sets[0]!] : null
  let first: Uint8Array | null = null
  if (!firstList) {
    first = new Uint8Array(65536)
    for (const s of sets[0]!) first[s.charCodeAt(0)] = 1
  }
  return { sets, first, firstList, chars }
}
/** Characters covered by a chain match. */
function chainLength(c: Chain): number {
  return c.chars ? 1 : c.sets.length + 1
}

/** A set of docs (sorted ids) with a per-doc value. */
interface DocSet {
  docs: Int32Array
  n: number
}
interface MaskSet extends DocSet {
  masks: Uint8Array
}
interface ScoreSet extends DocSet {
  scores: Float64Array
}

/** How a term was matched, kept for highlighting. */
interface Needles {
  /** Strings to find (normalised). */
  strings: string[]
  /** Pinyin chains: allowed bigrams per position. */
  chains: Chain[]
}

const EMPTY: ScoreSet = { docs: new Int32Array(0), n: 0, scores: new Float64Array(0) }
const ALNUM_CODE = (() => {
  const t = new Uint8Array(65536).fill(36)
  for (let c = 0; c < 26; c++) t[97 + c] = c
  for (let c = 0; c < 10; c++) t[48 + c] = 26 + c
  return t
})()

export class SearchIndex {
  private cls = charClasses()
  /** Query-time arrays, reused from one query to the next. */
  private sc = new Scratch()
  // characters and keys
  private charId = new Int32Array(65536).fill(-1)
  private charCodes: number[] = []
  // key → key id: open addressing over int32 (keys are < 2^29; -1 marks a free slot)
  private hKeys = new Int32Array(1 << 14).fill(-1)
  private hVals = new Int32Array(1 << 14)
  private hShift = 32 - 14
  /** Doc of the last posting of each key (dedupes postings within a document). */
  private lastDoc = new Int32Array(4096).fill(-1)
  private keyCode: number[] = []
  private lists: Int32Array[] = []
  private lens = new Int32Array(4096)
  // pinyin vocabulary
  private chars = new CharReadings()
  private bigramText: (string | undefined)[] = []
  private pairIdx = new Map<string, number[]>()
  private initIdx = new Map<string, number[]>()
  private syl1Idx = new Map<string, number[]>()
  private readingsOf: ([string, string][] | undefined)[] = []
  /** Syllable → ids of indexed characters that read so (single-syllable queries). */
  private sylChars = new Map<string, number[]>()
  private charBigrams = new Map<number, number[]>()
  private pendingPairs: number[] = []
  private pendingChars: number[] = []
  private withPinyin = 0
  // documents
  private ids: string[] = []
  private docOf = new Map<string, number>()
  // Parts of documents, in flat arrays (fewer objects for the GC to walk): a document's
  // parts are partText[docPart[d] .. docPart[d] + docParts[d]).
  /** Normalised text of each part. */
  private partText: string[] = []
  /** Each part's name id × 8 + its group. */
  private partInfo = new Int32Array(8192)
  /** Original text of the parts that normalisation changed. */
  private partOrig = new Map<number, string>()
  private docPart = new Int32Array(1024)
  private docParts = new Uint16Array(1024)
  private nextPart = 0
  private norm = normTable()
  private partNames: string[] = []
  private partNameId = new Map<string, number>()
  private kindOf = new Uint8Array(1024)
  private dateKey = new Int32Array(1024)
  private yearFrom = new Uint16Array(1024)
  private yearTo = new Uint16Array(1024)
  private flags = new Uint8Array(1024)
  private alive = new Uint8Array(1024)
  private batchOf: (string | null)[] = []
  private areaOf: string[] = []
  private batchNumbers = new Map<string, number>()
  private nextDoc = 0
  private dead = 0

  // ---- building -------------------------------------------------------------------

  get size(): number {
    return this.docOf.size
  }

  clear(): void {
    Object.assign(this, new SearchIndex())
  }

  /** Adds or replaces documents in one bulk pass; pinyin of new bigrams is resolved at the end. */
  addMany(docs: readonly IndexDoc[]): void {
    this.beginBulk(textLength(docs))
    for (const d of docs) this.put(d)
    this.endBulk()
  }

  /**
   * Bulk loading: postings go to one sequential buffer, and endBulk() lays every list out
   * in one allocation (thousands of growing arrays would each add GC pressure).
   * Between beginBulk() and endBulk() only bulkAdd() may be called.
   */
  beginBulk(expectedChars = 0): void {
    if (this.bulk) return
    // Postings come to about 0.8 per character of text (measured on generated archives).
    const size = Math.max(1 << 16, Math.ceil(expectedChars * 0.85))
    this.bulk = { kid: new Int32Array(size), ent: new Int32Array(size), n: 0, lastPos: new Int32Array(this.lastDoc.length) }
  }

  bulkAdd(docs: Iterable<IndexDoc>): void {
    this.beginBulk()
    for (const d of docs) this.put(d)
  }

  endBulk(): void {
    const b = this.bulk
    if (!b) return
    this.bulk = null
    const nk = this.lists.length
    const add = new Int32Array(nk)
    for (let i = 0; i < b.n; i++) add[b.kid[i]!]!++
    let total = 0
    for (let k = 0; k < nk; k++) if (add[k]) total += slack(this.lens[k]! + add[k]!)
    const big = new Int32Array(total)
    const at = new Int32Array(nk)
    let off = 0
    for (let k = 0; k < nk; k++) {
      if (!add[k]) continue
      const len = this.lens[k]!
      const cap = slack(len + add[k]!)
      big.set(this.lists[k]!.subarray(0, len), off)
      this.lists[k] = big.subarray(off, off + cap)
      at[k] = off + len
      this.lens[k] = len + add[k]!
      off += cap
    }
    const kid = b.kid
    const ent = b.ent
    for (let i = 0; i < b.n; i++) big[at[kid[i]!]!++] = ent[i]!
    this.resolvePinyin()
  }

  private bulk: { kid: Int32Array; ent: Int32Array; n: number; lastPos: Int32Array } | null = null

  upsert(doc: IndexDoc): void {
    this.put(doc)
    this.resolvePinyin()
  }

  /** Incremental update: removals, then documents added or replaced. */
  update(docs: readonly IndexDoc[], removed: readonly string[] = []): void {
    for (const id of removed) this.remove(id)
    if (docs.length > 2000) return this.addMany(docs)
    for (const d of docs) this.put(d)
    this.resolvePinyin()
  }

  remove(id: string): void {
    const d = this.docOf.get(id)
    if (d === undefined) return
    this.docOf.delete(id)
    this.alive[d] = 0
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      this.partText[p] = ''
      this.partOrig.delete(p)
    }
    if (this.batchOf[d] === id) this.batchNumbers.delete(id)
    this.dead++
    this.maybeCompact()
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

  private keyText(k: number): string {
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

  private put(doc: IndexDoc): void {
    const old = this.docOf.get(doc.id)
    if (old !== undefined) this.remove(doc.id)
    if (this.nextDoc >= MAX_DOCS - 1) {
      const bulk = !!this.bulk
      this.endBulk()
      this.compact()
      if (bulk) this.beginBulk()
    }
    const d = this.nextDoc++
    this.ensureDocCapacity(d + 1)
    this.docOf.set(doc.id, d)
    this.ids[d] = doc.id
    this.alive[d] = 1
    this.kindOf[d] = KINDS.indexOf(doc.kind)
    this.dateKey[d] = doc.dateKey
    this.yearFrom[d] = doc.yearFrom
    this.yearTo[d] = doc.yearTo
    this.flags[d] = doc.flags
    this.batchOf[d] = doc.batchId
    this.areaOf[d] = normalize(doc.area)
    if (doc.kind === 'batch' && doc.batchNumber !== null) this.batchNumbers.set(doc.id, doc.batchNumber)
    const parts = doc.parts
    const first = this.nextPart
    if (first + parts.length > this.partInfo.length) {
      let cap = this.partInfo.length * 2
      while (first + parts.length > cap) cap *= 2
      const pi = new Int32Array(cap)
      pi.set(this.partInfo)
      this.partInfo = pi
    }
    this.docPart[d] = first
    this.docParts[d] = parts.length
    this.nextPart += parts.length
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!
      const p = first + i
      let nid = this.partNameId.get(part.name)
      if (nid === undefined) {
        nid = this.partNames.length
        this.partNames.push(part.name)
        this.partNameId.set(part.name, nid)
      }
      this.partInfo[p] = nid * 8 + part.group
      this.partText[p] = part.text
      // The tokenizer normalises as it goes and says whether anything changed.
      const changed = this.bulk ? this.indexTextBulk(d, part.group, p, part.text) : this.indexText(d, part.group, p, part.text)
      if (changed) {
        this.partText[p] = normalize(part.text)
        this.partOrig.set(p, part.text)
      }
    }
  }

  private ensureDocCapacity(n: number): void {
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
  private keyId(key: number): number {
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

  private newKey(key: number): number {
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

  private rehash(size: number): void {
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
  private post(key: number, d: number, bit: number): number {
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
  /** Id of the key created by the last post(), or -1. */
  private fresh = -1

  /** Posts the keys of one part's text; returns whether normalisation changes the text. */
  private indexText(d: number, g: number, p: number, text: string): boolean {
    const cls = this.cls
    const charId = this.charId
    const norm = this.norm
    const bit = 1 << g
    let changed = false
    let prev = -1
    let prevCode = 0
    const n = text.length
    let i = 0
    while (i < n) {
      let c = text.charCodeAt(i)
      const nc = norm[c]!
      if (nc !== c) (changed = true), (c = nc)
      const k = cls[c]
      if (k === CJK) {
        let id = charId[c]!
        if (id < 0) id = this.newChar(c)
        if (prev >= 0) {
          this.fresh = -1
          const kid = this.post(prev * CHAR_IDS + id, d, bit)
          if (this.fresh >= 0) {
            this.pendingPairs.push(kid, p, i - 1)
            this.bigramText[kid] = String.fromCharCode(prevCode, c)
          }
        }
        prev = id
        prevCode = c
        i++
      } else if (k === ALNUM) {
        // A run of letters/digits: trigrams, or the whole run when it is 1–2 long.
        let a = 0
        let b = ALNUM_CODE[c]!
        let L = 1
        let j = i + 1
        for (; j < n; j++) {
          let cc = text.charCodeAt(j)
          const nn = norm[cc]!
          if (nn !== cc) (changed = true), (cc = nn)
          // A decimal point between digits stays in the number ("8.5万" is not "5万").
          if (cls[cc] !== ALNUM && !(cc === 0x2e && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1)))) break
          const code = ALNUM_CODE[cc]!
          if (L >= 2) this.post(TRI_BASE + (a * 37 + b) * 37 + code, d, bit)
          a = b
          b = code
          L++
        }
        if (L === 1) this.post(WORD_BASE + b, d, bit)
        else if (L === 2) this.post(WORD_BASE + 37 + a * 37 + b, d, bit)
        prev = -1
        i = j
      } else {
        prev = -1
        i++
      }
    }
    return changed
  }

  private keyBuf = new Int32Array(4096)
  private posBuf = new Int32Array(4096)

  /**
   * indexText for bulk loading, written for speed (every character of every record
   * passes here): first the text's keys go to a buffer, then one loop looks them up
   * and appends postings, with the hash table and dedupe arrays in locals.
   */
  private indexTextBulk(d: number, g: number, p: number, text: string): boolean {
    const n = text.length
    if (this.keyBuf.length < 2 * n + 2) {
      this.keyBuf = new Int32Array(2 * n + 2)
      this.posBuf = new Int32Array(2 * n + 2)
    }
    const keys = this.keyBuf
    const pos = this.posBuf
    const cls = this.cls
    const charId = this.charId
    const norm = this.norm
    let m = 0
    let changed = false
    let prev = -1
    let i = 0
    while (i < n) {
      let c = text.charCodeAt(i)
      const nc = norm[c]!
      if (nc !== c) (changed = true), (c = nc)
      const k = cls[c]
      if (k === CJK) {
        let id = charId[c]!
        if (id < 0) id = this.newChar(c)
        if (prev >= 0) {
          keys[m] = prev * CHAR_IDS + id
          pos[m++] = i - 1
        }
        prev = id
        i++
      } else if (k === ALNUM) {
        let a = 0
        let b = ALNUM_CODE[c]!
        let L = 1
        let j = i + 1
        for (; j < n; j++) {
          let cc = text.charCodeAt(j)
          const nn = norm[cc]!
          if (nn !== cc) (changed = true), (cc = nn)
          // A decimal point between digits stays in the number ("8.5万" is not "5万").
          if (cls[cc] !== ALNUM && !(cc === 0x2e && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1)))) break
          const code = ALNUM_CODE[cc]!
          if (L >= 2) {
            keys[m] = TRI_BASE + (a * 37 + b) * 37 + code
            pos[m++] = -1
          }
          a = b
          b = code
          L++
        }
        if (L <= 2) {
          keys[m] = WORD_BASE + (L === 1 ? b : 37 + a * 37 + b)
          pos[m++] = -1
        }
        prev = -1
        i = j
      } else {
        prev = -1
        i++
      }
    }
    const bk = this.bulk!
    if (bk.n + m > bk.kid.length) {
      let cap = bk.kid.length * 2
      while (bk.n + m > cap) cap *= 2
      const k2 = new Int32Array(cap)
      k2.set(bk.kid.subarray(0, bk.n))
      const e2 = new Int32Array(cap)
      e2.set(bk.ent.subarray(0, bk.n))
      bk.kid = k2
      bk.ent = e2
    }
    const kidA = bk.kid
    const entA = bk.ent
    let out = bk.n
    let hKeys = this.hKeys
    let hVals = this.hVals
    let hShift = this.hShift
    let hMask = hKeys.length - 1
    let lastDoc = this.lastDoc
    let lastPos = bk.lastPos
    const bit = 1 << g
    const entry = (d << 6) | bit
    for (let x = 0; x < m; x++) {
      const key = keys[x]!
      let h = Math.imul(key, 0x9e3779b1) >>> hShift
      let kid = -1
      for (;;) {
        const kk = hKeys[h]!
        if (kk === key) {
          kid = hVals[h]!
          break
        }
        if (kk === -1) break
        h = (h + 1) & hMask
      }
      if (kid < 0) {
        kid = this.newKey(key)
        hKeys = this.hKeys
        hVals = this.hVals
        hShift = this.hShift
        hMask = hKeys.length - 1
        lastDoc = this.lastDoc
        lastPos = bk.lastPos
        const at = pos[x]!
        if (at >= 0) {
          this.pendingPairs.push(kid, p, at)
          this.bigramText[kid] = String.fromCharCode(norm[text.charCodeAt(at)]!, norm[text.charCodeAt(at + 1)]!)
        }
      }
      if (lastDoc[kid] === d) {
        entA[lastPos[kid]!]! |= bit
        continue
      }
      lastDoc[kid] = d
      lastPos[kid] = out
      kidA[out] = kid
      entA[out++] = entry
    }
    bk.n = out
    return changed
  }

  private newChar(c: number): number {
    const id = this.charCodes.length < CHAR_IDS ? this.charCodes.length : CHAR_IDS - 1
    if (this.charCodes.length < CHAR_IDS) {
      this.charCodes.push(c)
      this.pendingChars.push(id)
    }
    this.charId[c] = id
    return id
  }

  /** Readings for characters and bigrams that entered the index since the last call. */
  private resolvePinyin(): void {
    const pp = this.pendingPairs
    const pc = this.pendingChars
    if (!pp.length && !pc.length) return
    const need = new Set<string>()
    for (const id of pc) need.add(String.fromCharCode(this.charCodes[id]!))
    this.chars.ensure(need)
    for (const id of pc) for (const r of this.chars.get(String.fromCharCode(this.charCodes[id]!))) push(this.sylChars, r, id)
    const sites: PairSite[] = []
    for (let i = 0; i < pp.length; i += 3) {
      const bt = this.bigramText[pp[i]!]!
      const part = pp[i + 1]!
      const pos = pp[i + 2]!
      const text = part >= 0 ? this.partText[part] : undefined
      sites.push(text && text.substr(pos, 2) === bt ? { text, pos } : { text: bt, pos: 0 })
    }
    const readings = pairReadingsBatch(this.chars, sites)
    for (let i = 0; i < pp.length; i += 3) {
      const kid = pp[i]!
      const key = this.keyCode[kid]!
      push(this.charBigrams, Math.floor(key / CHAR_IDS), kid)
      push(this.charBigrams, key % CHAR_IDS, kid)
      const rs = readings[i / 3]!
      if (!rs.length) continue
      this.readingsOf[kid] = rs
      this.withPinyin++
      for (const [a, b] of rs) {
        push(this.pairIdx, a + ' ' + b, kid)
        push(this.initIdx, a[0]! + b[0]!, kid)
        push(this.syl1Idx, a, kid)
      }
    }
    this.pendingPairs = []
    this.pendingChars = []
  }

  private maybeCompact(): void {
    if (!this.bulk && this.dead > 5000 && this.dead > this.nextDoc / 4) this.compact()
  }

  /** Drops removed documents from every list and renumbers the living ones. */
  compact(): void {
    const map = new Int32Array(this.nextDoc).fill(-1)
    let n = 0
    for (let d = 0; d < this.nextDoc; d++) if (this.alive[d]) map[d] = n++
    for (let k = 0; k < this.lists.length; k++) {
      const list = this.lists[k]!
      const len = this.lens[k]!
      let w = 0
      for (let r = 0; r < len; r++) {
        const e = list[r]!
        const nd = map[e >> 6]!
        if (nd >= 0) list[w++] = (nd << 6) | (e & 63)
      }
      this.lens[k] = w
      this.lastDoc[k] = w ? this.lists[k]![w - 1]! >> 6 : -1
      if (list.length > 16 && w < list.length / 4) this.lists[k] = list.slice(0, Math.max(4, w * 2))
    }
    const keep = <T>(a: T[]): T[] => {
      const out: T[] = []
      for (let d = 0; d < this.nextDoc; d++) if (map[d]! >= 0) out.push(a[d]!)
      return out
    }
    const keepTyped = <T extends Uint8Array | Uint16Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length)
      for (let d = 0; d < this.nextDoc; d++) if (map[d]! >= 0) b[map[d]!] = a[d]!
      return b
    }
    this.ids = keep(this.ids)
    // Parts: keep those of living documents, in order.
    const partMap = new Int32Array(this.nextPart).fill(-1)
    const partText: string[] = []
    const partInfo = new Int32Array(this.partInfo.length)
    const partOrig = new Map<number, string>()
    const docPart = new Int32Array(this.docPart.length)
    const docParts = new Uint16Array(this.docParts.length)
    for (let d = 0; d < this.nextDoc; d++) {
      const nd = map[d]!
      if (nd < 0) continue
      docPart[nd] = partText.length
      docParts[nd] = this.docParts[d]!
      for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
        partMap[p] = partText.length
        const o = this.partOrig.get(p)
        if (o !== undefined) partOrig.set(partText.length, o)
        partInfo[partText.length] = this.partInfo[p]!
        partText.push(this.partText[p]!)
      }
    }
    this.partText = partText
    this.partInfo = partInfo
    this.partOrig = partOrig
    this.docPart = docPart
    this.docParts = docParts
    this.nextPart = partText.length
    this.batchOf = keep(this.batchOf)
    this.areaOf = keep(this.areaOf)
    this.kindOf = keepTyped(this.kindOf)
    this.dateKey = keepTyped(this.dateKey)
    this.yearFrom = keepTyped(this.yearFrom)
    this.yearTo = keepTyped(this.yearTo)
    this.flags = keepTyped(this.flags)
    this.alive = keepTyped(this.alive)
    for (const [id, d] of this.docOf) this.docOf.set(id, map[d]!)
    // Pending pinyin refers to docs by id too.
    for (let i = 0; i < this.pendingPairs.length; i += 3) {
      const old = this.pendingPairs[i + 1]!
      this.pendingPairs[i + 1] = old >= 0 ? partMap[old]! : -1
    }
    this.nextDoc = n
    this.dead = 0
  }

  // ---- querying -------------------------------------------------------------------

  search(input: SearchInput, ctx: SearchContext): EngineResult {
    const parsed = parseQuery(input.q)
    const run = this.run(parsed, input, ctx, true)
    const res = run.result
    if (res.total === 0 && (parsed.terms.length || parsed.filters.length)) res.suggestions = this.suggest(parsed, input, ctx)
    return res
  }

  /** Number of matches of a query (no ranking, no highlights): suggestions use it. */
  count(q: string, ctx: SearchContext, kinds?: RecordKind[]): number {
    return this.run(parseQuery(q), { q, limit: 1, kinds }, ctx, false).result.total
  }

  private run(parsed: ParsedQuery, input: SearchInput, ctx: SearchContext, rank: boolean): { result: EngineResult } {
    this.sc.reset()
    const warnings = [...parsed.warnings]
    const countsByKind: Record<RecordKind, number> = { batch: 0, report: 0, achievement: 0, photo: 0 }
    const empty = (): { result: EngineResult } => ({ result: { total: 0, hits: [], countsByKind, warnings, suggestions: [] } })
    const positives = parsed.terms.filter((t) => !t.negate)
    const negatives = parsed.terms.filter((t) => t.negate)
    if (!positives.length && !negatives.length && !parsed.filters.length) return empty()

    const pred = this.predicate(parsed.filters, input.kinds, ctx, warnings)
    const needles: Needles[] = []
    let cur: ScoreSet | null = null
    // With filters, words are looked up among the records that pass them (so that a
    // word's fallbacks, such as its homophones, are tried within the filtered set).
    let domain: DocSet | null = null
    if (pred) {
      const all = this.allDocs()
      let n = 0
      for (let i = 0; i < all.n; i++) if (pred(all.docs[i]!)) all.docs[n++] = all.docs[i]!
      domain = { docs: all.docs, n }
    }
    const ordered = positives
      .map((t) => ({ t, cost: this.estimate(t) }))
      .sort((a, b) => a.cost - b.cost)
      .map((x) => x.t)
    for (const t of ordered) {
      const nd: Needles = { strings: [], chains: [] }
      let res = this.evalTerm(t, cur ?? domain, nd, warnings, true)
      if (cur) res = addScores(cur, res, this.sc)
      cur = res
      needles.push(nd)
      if (!cur.n) break
    }
    if (cur === null) {
      // Only filters (and exclusions): every record that passes, newest first.
      const src = domain ?? this.allDocs()
      cur = { docs: src.docs, n: src.n, scores: this.sc.f64(src.n).fill(0) }
    }
    for (const t of negatives) {
      if (!cur.n) break
      const m = this.evalTerm({ ...t, negate: false }, cur, { strings: [], chains: [] }, [], false)
      cur = subtract(cur, m, this.sc)
    }
    const total = cur.n
    for (let i = 0; i < total; i++) countsByKind[KINDS[this.kindOf[cur.docs[i]!]!]!]++
    if (!rank) return { result: { total, hits: [], countsByKind, warnings, suggestions: [] } }
    const top = this.topK(cur, Math.max(1, input.limit))
    const weightSum = positives.reduce((s, t) => s + t.weight, 0) || 1
    const hits: EngineHit[] = top.map((i) => {
      const d = cur.docs[i]!
      return {
        id: this.ids[d]!,
        score: Math.min(1, cur.scores[i]! / (MAX_SCORE * weightSum)),
        highlights: this.highlights(d, needles),
      }
    })
    return { result: { total, hits, countsByKind, warnings: [...new Set(warnings)], suggestions: [] } }
  }

  /** Rough cost of evaluating a term first (smaller is more selective). */
  private estimate(t: TextTerm): number {
    if (t.kind === 'latin' || t.kind === 'pinyin') return 1e9 - (t.groups === ALL_GROUPS ? 0 : 1)
    const keys = this.termKeys(t.text)
    if (keys === null) return 0
    let min = Infinity
    for (const k of keys) min = Math.min(min, this.lens[k]!)
    return min === Infinity ? 5e8 : min
  }

  /** Key ids of every key in a text (null when one is missing: the text cannot match exactly). */
  private termKeys(text: string): number[] | null {
    const out: number[] = []
    const cls = this.cls
    let prev = -1
    for (let i = 0; i < text.length; ) {
      const c = text.charCodeAt(i)
      const k = cls[c]
      if (k === CJK) {
        const id = this.charId[c]!
        if (id < 0) return null
        if (prev >= 0) {
          const kid = this.keyId(prev * CHAR_IDS + id)
          if (kid < 0) return null
          out.push(kid)
        }
        prev = id
        i++
      } else if (k === ALNUM) {
        let j = i + 1
        while (j < text.length && (cls[text.charCodeAt(j)] === ALNUM || isDecimalPoint(text, j))) j++
        const L = j - i
        // Numbers and short words match whole runs ("5万" does not find "15万").
        if (L >= 3) {
          for (let s = i; s + 3 <= j; s++) {
            const kid = this.keyId(TRI_BASE + triCode(text, s))
            if (kid < 0) return null
            out.push(kid)
          }
        } else {
          const kid = this.keyId(WORD_BASE + wordCode(text, i, L))
          if (kid < 0) return null
          out.push(kid)
        }
        prev = -1
        i = j
      } else {
        prev = -1
        i++
      }
    }
    return [...new Set(out)]
  }

  // ---- term evaluation ----------------------------------------------------------

  private evalTerm(t: TextTerm, domain: DocSet | null, nd: Needles, warnings: string[], fuzzy: boolean): ScoreSet {
    switch (t.kind) {
      case 'cjk': {
        let r = this.evalCjk(t, domain, nd, warnings)
        if (r.n === 0 && fuzzy && t.text.length >= 2) {
          r = this.evalHomophone(t, domain, nd)
          if (r.n) {
            const words = this.sampleMatches(r, nd, 3)
            warnings.push(`“${t.text}”没有完全相同的记录，已按读音（${readingOf(t.text).join(' ')}）查找${words.length ? `：${words.join('、')}` : ''}。`)
          }
        }
        return r
      }
      case 'literal':
      case 'phrase':
        return this.evalLiteral(t, domain, nd)
      case 'latin':
        return this.evalLatin(t, domain, nd)
      case 'pinyin': {
        const a = this.evalLiteral({ ...t, kind: 'phrase' }, domain, nd)
        const chunks = t.syllables!.map((s) => ({ text: s, prefix: false }))
        const b = this.evalChain(chunks, t, domain, nd, Q.pinyin)
        return maxMerge(a, b, this.sc)
      }
    }
  }

  /** A Chinese term: exact, else its words near each other in one field, else anywhere in the record. */
  private evalCjk(t: TextTerm, domain: DocSet | null, nd: Needles, warnings: string[]): ScoreSet {
    const T = t.text
    if (T.length === 1) return this.evalChar(t, domain, nd, warnings)
    nd.strings.push(T)
    const segs = T.length >= 3 ? segmentCjk(T) : [T]
    const r = this.evalCjkWords(t, segs, domain, nd)
    if (r.n || T.length < 4) return r
    // The segmenter kept an unknown word whole (文化展厅): try two-character pieces.
    const chunks = chunkCjk(T)
    return chunks.join('/') === segs.join('/') ? r : this.evalCjkWords(t, chunks, domain, nd)
  }

  private evalCjkWords(t: TextTerm, segs: string[], domain: DocSet | null, nd: Needles): ScoreSet {
    const T = t.text
    const segKeys: number[] = []
    const crossKeys: number[] = []
    let off = 0
    for (const s of segs) {
      if (s.length >= 2) {
        const k = this.termKeys(s)
        if (k === null) return EMPTY
        segKeys.push(...k)
      }
      if (off > 0) {
        crossKeys.push(this.keyId(this.bigramKey(T, off - 1)))
      }
      off += s.length
    }
    if (segs.length > 1) for (const s of segs) nd.strings.push(s)
    const base = this.intersect([...new Set(segKeys)], domain, t.groups)
    if (!base.n) return EMPTY
    const cross = crossKeys.includes(-1) ? null : this.probeAnd(crossKeys, base)
    const scores = this.sc.f64(base.n)
    const docs = this.sc.i32(base.n)
    let n = 0
    const gq = new Float64Array(6)
    if (T.length === 2) {
      // A single bigram: the posting is the match.
      const table = maskScores(Q.exact, t.weight)
      for (let i = 0; i < base.n; i++) {
        const d = base.docs[i]!
        const m = base.masks[i]! & t.groups
        if (!m) continue
        let s = table[m]!
        if (m & 1 && this.titleStarts(d, T)) s += 0.3 * t.weight
        docs[n] = d
        scores[n++] = s
      }
      return { docs, n, scores }
    }
    const win = Math.max(12, T.length * 3)
    const shortSegs = segs.every((x) => x.length === 2)
    const plan = this.verifyPlan(base)
    const exactT = plan && maskScores(Q.exact, t.weight)
    const nearT = plan && maskScores(Q.nearby, t.weight)
    const scatteredS = combineOne(G_BODY, Q.scattered) * t.weight
    for (let i = 0; i < base.n; i++) {
      const d = base.docs[i]!
      const mAnd = base.masks[i]! & t.groups
      if (plan && !plan[i]) {
        // Not read (see verifyPlan): exact where every bigram is in one field, else near.
        const exactMask = cross ? mAnd & cross[i]! : segs.length === 1 ? mAnd : 0
        let s: number
        if (exactMask) s = exactT![exactMask]!
        else if (mAnd) s = nearT![mAnd]!
        else if (t.groups === ALL_GROUPS) s = scatteredS
        else continue
        docs[n] = d
        scores[n++] = s
        continue
      }
      gq.fill(0)
      let any = false
      const exactMask = cross ? mAnd & cross[i]! : segs.length === 1 ? mAnd : 0
      const exact = exactMask ? this.findHeadFirst(d, T, exactMask) : 0
      if (exact) any = setGroups(gq, exact, Q.exact)
      if (!any && segs.length > 1) {
        // Short fields first, as for exact matches: the body then counts on the index.
        let near = mAnd & HEAD ? this.nearIn(d, segs, win, mAnd & HEAD) : 0
        const body = mAnd & (1 << G_BODY)
        if (body) near = near ? near | body : this.nearIn(d, segs, win, body)
        if (near) any = setGroups(gq, near, Q.nearby)
        else if (t.groups === ALL_GROUPS && shortSegs) {
          // Every word is two characters: their postings already say each is in the record.
          any = setGroups(gq, mAnd || 1 << G_BODY, Q.scattered)
        } else if (t.groups === ALL_GROUPS) {
          // Every word somewhere in the record.
          let where = 0
          for (const s of segs) {
            const found = this.findIn(d, s, ALL_GROUPS)
            if (!found) {
              where = 0
              break
            }
            where |= found
          }
          if (where) any = setGroups(gq, where, Q.scattered)
        }
      }
      if (!any) continue
      let s = combine(gq) * t.weight
      if (gq[G_TITLE] === Q.exact && this.titleStarts(d, T)) s += 0.3 * t.weight
      docs[n] = d
      scores[n++] = s
    }
    return { docs, n, scores }
  }

  /**
   * One Chinese character, through the bigrams that contain it (a character standing
   * alone between punctuation is not indexed). A very common character is looked up in
   * the short fields only.
   */
  private evalChar(t: TextTerm, domain: DocSet | null, nd: Needles, warnings: string[] = []): ScoreSet {
    nd.strings.push(t.text)
    const id = this.charId[t.text.charCodeAt(0)]!
    if (id < 0) return EMPTY
    const keys = this.charBigrams.get(id) ?? []
    let cost = 0
    for (const k of keys) cost += this.lens[k]!
    let groups = t.groups
    if (cost > CHAR_COST && groups & (1 << G_BODY)) {
      groups &= HEAD
      warnings.push(`“${t.text}”太常见，单字只在标题、标签、地点、人物和说明中查找。`)
    }
    return this.scoreMasks(this.union(keys, domain, groups), { ...t, groups }, Q.exact)
  }

  /** Latin/number text and phrases: exact substring, whole words score higher. */
  private evalLiteral(t: TextTerm, domain: DocSet | null, nd: Needles): ScoreSet {
    const T = t.text
    nd.strings.push(T)
    const keys = this.termKeys(T)
    if (keys === null) return EMPTY
    let base: MaskSet
    // A lone Chinese character beside digits ("5万") has no bigram: its records narrow the set.
    const isHan = (i: number) => i >= 0 && i < T.length && this.cls[T.charCodeAt(i)] === CJK
    let han: string | undefined
    for (let i = 0; i < T.length && !han; i++) if (isHan(i) && !isHan(i - 1) && !isHan(i + 1)) han = T[i]
    // Only when that is cheap next to the term's own keys (年 is in thousands of bigrams).
    let hanSet: ScoreSet | null = null
    if (han) {
      const id = this.charId[han.charCodeAt(0)]!
      let cost = 0
      for (const k of (id >= 0 && this.charBigrams.get(id)) || []) cost += this.lens[k]!
      let keyCost = Infinity
      for (const k of keys) keyCost = Math.min(keyCost, this.lens[k]!)
      if (id < 0) return EMPTY
      if (cost <= 4 * keyCost || !keys.length) hanSet = this.evalChar({ ...t, text: han }, domain, { strings: [], chains: [] })
    }
    if (keys.length) base = this.intersect(keys, hanSet ?? domain, t.groups)
    else if (hanSet) base = { docs: hanSet.docs, n: hanSet.n, masks: this.sc.u8(hanSet.n).fill(t.groups) }
    else {
      // Nothing to look up (punctuation): scan the domain.
      const src = domain ?? this.allDocs()
      base = { docs: src.docs, n: src.n, masks: this.sc.u8(src.n).fill(t.groups) }
    }
    const single = keys.length === 1 && this.keyCode[keys[0]!]! >= WORD_BASE && T.length <= 2
    const scores = this.sc.f64(base.n)
    const docs = this.sc.i32(base.n)
    let n = 0
    const gq = new Float64Array(6)
    const plan = single ? null : this.verifyPlan(base)
    const exactT = maskScores(Q.exact, t.weight)
    for (let i = 0; i < base.n; i++) {
      const d = base.docs[i]!
      if (!this.alive[d]) continue
      const m = base.masks[i]! & t.groups
      if (single || (plan && !plan[i])) {
        if (!m) continue
        docs[n] = d
        scores[n++] = exactT[m]!
        continue
      }
      gq.fill(0)
      let any = false
      for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
        const g = this.partInfo[p]! & 7
        if (!((m >> g) & 1) || gq[g] === Q.exact) continue
        const q = literalQuality(this.partText[p]!, T, this.cls)
        if (q > gq[g]!) (gq[g] = q), (any = true)
      }
      if (!any) continue
      docs[n] = d
      scores[n++] = (combine(gq) + (gq[G_TITLE] === Q.exact && this.titleStarts(d, T) ? 0.3 : 0)) * t.weight
    }
    return { docs, n, scores }
  }

  /** A Latin word: itself, or pinyin (whole syllables, a half-typed last one, or initials). */
  private evalLatin(t: TextTerm, domain: DocSet | null, nd: Needles): ScoreSet {
    let best = this.evalLiteral({ ...t, kind: 'literal' }, domain, nd)
    for (const seg of segmentPinyin(t.text, { allowPrefix: t.last, max: 3 })) {
      const q = seg.some((c) => c.prefix) ? Q.pinyinPrefix : Q.pinyin
      best = maxMerge(best, this.evalChain(seg, t, domain, nd, q), this.sc)
    }
    const ini = initialsOf(t.text)
    if (ini && t.text.length <= 8) best = maxMerge(best, this.evalChain(ini, t, domain, nd, Q.initials), this.sc)
    return best
  }

  /** A Chinese term by its sound: the whole term, else each of its words, anywhere in the record. */
  private evalHomophone(t: TextTerm, domain: DocSet | null, nd: Needles): ScoreSet {
    const chunks = (s: string) => readingOf(s).map((r) => ({ text: r, prefix: false }))
    const whole = chunks(t.text)
    if (whole.length !== t.text.length) return EMPTY
    let r = this.evalChain(whole, t, domain, nd, Q.homophone)
    if (r.n || t.text.length < 3) return r
    const segs = segmentCjk(t.text)
    if (segs.length < 2) return r
    let cur: ScoreSet | null = null
    for (const s of segs) {
      const c = chunks(s)
      if (c.length < 2) continue
      const part = this.evalChain(c, t, cur ?? domain, nd, Q.scattered)
      cur = cur ? addScores(cur, part, this.sc) : part
      if (!cur.n) return EMPTY
    }
    return cur ?? EMPTY
  }

  /** Bigrams whose reading fits two chunks (a whole syllable or the start of one). */
  private pairKeys(a: PinyinChunk, b: PinyinChunk): number[] {
    const fits = (r: string, c: PinyinChunk) => (c.prefix ? r.startsWith(c.text) : r === c.text)
    if (!a.prefix && !b.prefix) return this.pairIdx.get(a.text + ' ' + b.text) ?? []
    const pool = !a.prefix ? (this.syl1Idx.get(a.text) ?? []) : (this.initIdx.get(a.text[0]! + b.text[0]!) ?? [])
    return pool.filter((k) => this.readingsOf[k]!.some(([x, y]) => fits(x, a) && fits(y, b)))
  }

  /** A pinyin chain: consecutive characters reading as the chunks, within one field group. */
  private evalChain(chunks: PinyinChunk[], t: TextTerm, domain: DocSet | null, nd: Needles, q: number): ScoreSet {
    if (chunks.length === 1) {
      // One syllable: any character that reads so, in the short fields.
      // (Half-typed, it counts as the whole syllable it already is, if it is one.)
      const c = chunks[0]!
      const ids = this.sylChars.get(c.text) ?? []
      const keys = [...new Set(ids.flatMap((id) => this.charBigrams.get(id) ?? []))]
      let cost = 0
      for (const k of keys) cost += this.lens[k]!
      if (!keys.length || cost > CHAR_COST) return EMPTY
      nd.chains.push(chainOf([new Set(ids.map((id) => String.fromCharCode(this.charCodes[id]!)))], true))
      return this.scoreMasks(this.union(keys, domain, t.groups & HEAD), t, Q.syllable)
    }
    const pairs: number[][] = []
    for (let i = 0; i + 1 < chunks.length; i++) {
      const ks = this.pairKeys(chunks[i]!, chunks[i + 1]!)
      if (!ks.length) return EMPTY
      pairs.push(ks)
    }
    // Within the vocabulary, keep only bigrams that link up with their neighbours
    // (pair i's second character is pair i+1's first): "jmse" keeps 吉木, 木萨, 萨尔.
    for (let i = 1; i < pairs.length; i++) {
      const ends = new Set(pairs[i - 1]!.map((k) => this.bigramText[k]![1]))
      pairs[i] = pairs[i]!.filter((k) => ends.has(this.bigramText[k]![0]))
      if (!pairs[i]!.length) return EMPTY
    }
    for (let i = pairs.length - 2; i >= 0; i--) {
      const starts = new Set(pairs[i + 1]!.map((k) => this.bigramText[k]![0]))
      pairs[i] = pairs[i]!.filter((k) => starts.has(this.bigramText[k]![1]))
      if (!pairs[i]!.length) return EMPTY
    }
    // Most selective pair first.
    const cost = pairs.map((ks) => ks.reduce((s, k) => s + this.lens[k]!, 0))
    const order = pairs.map((_, i) => i).sort((a, b) => cost[a]! - cost[b]!)
    let cur: MaskSet = this.union(pairs[order[0]!]!, domain, t.groups)
    for (const i of order.slice(1)) {
      if (!cur.n) return EMPTY
      const m = this.probeOr(pairs[i]!, cur)
      let w = 0
      for (let j = 0; j < cur.n; j++) {
        const mm = cur.masks[j]! & m[j]!
        if (mm) {
          cur.docs[w] = cur.docs[j]!
          cur.masks[w++] = mm
        }
      }
      cur = { docs: cur.docs, n: w, masks: cur.masks }
    }
    const sets = chainOf(pairs.map((ks) => new Set(ks.map((k) => this.bigramText[k]!))))
    nd.chains.push(sets)
    if (pairs.length === 1) return this.scoreMasks(cur, t, q)
    const docs = this.sc.i32(cur.n)
    const scores = this.sc.f64(cur.n)
    const gq = new Float64Array(6)
    const plan = this.verifyPlan(cur)
    const assumed = maskScores(q, t.weight)
    let n = 0
    for (let i = 0; i < cur.n; i++) {
      const d = cur.docs[i]!
      const m = cur.masks[i]!
      if (plan && !plan[i]) {
        docs[n] = d
        scores[n++] = assumed[m & t.groups]!
        continue
      }
      gq.fill(0)
      let any = false
      // Short fields first; when one of them has the chain, the body's share of the score
      // comes from the index's evidence instead of reading the body.
      for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
        const g = this.partInfo[p]! & 7
        if (g !== G_BODY && (m >> g) & 1 && !gq[g] && chainAt(this.partText[p]!, sets, 0) >= 0) (gq[g] = q), (any = true)
      }
      if ((m >> G_BODY) & 1) {
        if (any) gq[G_BODY] = q
        else
          for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e && !any; p++)
            if ((this.partInfo[p]! & 7) === G_BODY && chainAt(this.partText[p]!, sets, 0) >= 0) (gq[G_BODY] = q), (any = true)
      }
      if (!any) continue
      docs[n] = d
      scores[n++] = combine(gq) * t.weight
    }
    return { docs, n, scores }
  }

  private scoreMasks(m: MaskSet, t: TextTerm, q: number): ScoreSet {
    const scores = this.sc.f64(m.n)
    const docs = this.sc.i32(m.n)
    const table = maskScores(q, t.weight)
    let n = 0
    for (let i = 0; i < m.n; i++) {
      const mask = m.masks[i]! & t.groups
      if (!mask) continue
      docs[n] = m.docs[i]!
      scores[n++] = table[mask]!
    }
    return { docs, n, scores }
  }

  /**
   * Verifying a match (contiguity, nearness) reads the record's text. Past a budget of
   * candidates only the most promising are read (matches in short fields first, then
   * the newest); the others count on the index's evidence (every bigram present in the
   * field). Ranking at the top is exact; a very broad query's total may be a slight
   * overestimate. Returns null when every candidate is verified.
   */
  private verifyPlan(set: MaskSet, budget = VERIFY_BUDGET): Uint8Array | null {
    if (set.n <= budget) return null
    // Priority: a match in a short field, then the year (newest first); a histogram of
    // years finds the cut without sorting.
    const YEARS = 3001
    const hist = new Int32Array(2 * YEARS)
    const slots = this.sc.i32(set.n)
    const masks = set.masks
    const docs = set.docs
    const dateKey = this.dateKey
    for (let i = 0; i < set.n; i++) {
      const y = Math.floor(dateKey[docs[i]!]! / 10000)
      const slot = (masks[i]! & HEAD ? YEARS : 0) + (y < YEARS ? y : YEARS - 1)
      slots[i] = slot
      hist[slot]!++
    }
    let cut = hist.length - 1
    for (let acc = 0; cut > 0; cut--) {
      acc += hist[cut]!
      if (acc >= budget) break
    }
    const plan = this.sc.u8(set.n)
    for (let i = 0; i < set.n; i++) plan[i] = slots[i]! >= cut ? 1 : 0
    return plan
  }

  // ---- set operations over posting lists ------------------------------------------

  private allDocs(): DocSet {
    const docs = this.sc.i32(this.nextDoc)
    let n = 0
    for (let d = 0; d < this.nextDoc; d++) if (this.alive[d]) docs[n++] = d
    return { docs, n }
  }

  /** Docs that have every key (in the allowed groups); masks = groups where all of them occur. */
  private intersect(keys: number[], domain: DocSet | null, groups: number): MaskSet {
    if (!keys.length) return { docs: new Int32Array(0), n: 0, masks: new Uint8Array(0) }
    const sorted = [...keys].sort((a, b) => this.lens[a]! - this.lens[b]!)
    let cur: MaskSet
    if (domain) {
      const docs = this.sc.i32(domain.n)
      docs.set(domain.docs.subarray(0, domain.n))
      cur = { docs, n: domain.n, masks: this.sc.u8(domain.n).fill(groups) }
    } else {
      cur = this.listSet(sorted[0]!, groups)
      sorted.shift()
    }
    const got = this.sc.u8(cur.n)
    for (const k of sorted) {
      if (!cur.n) break
      got.fill(0, 0, cur.n)
      probe(this.lists[k]!, this.lens[k]!, cur.docs, cur.n, got)
      let w = 0
      for (let i = 0; i < cur.n; i++) {
        if (!(got[i]! & groups)) continue
        cur.docs[w] = cur.docs[i]!
        cur.masks[w++] = cur.masks[i]! & got[i]!
      }
      cur.n = w
    }
    // A mask may be 0 (the keys occur, but in different groups): still a candidate.
    return cur
  }

  /** One posting list as a set (living docs, allowed groups). */
  private listSet(k: number, groups: number): MaskSet {
    const list = this.lists[k]!
    const len = this.lens[k]!
    const docs = this.sc.i32(len)
    const masks = this.sc.u8(len)
    let n = 0
    for (let i = 0; i < len; i++) {
      const e = list[i]!
      const d = e >> 6
      if (!(e & groups) || !this.alive[d]) continue
      docs[n] = d
      masks[n++] = e & 63
    }
    return { docs, n, masks }
  }

  /** Docs having any of the keys; masks OR-ed. */
  private union(keys: number[], domain: DocSet | null, groups: number): MaskSet {
    if (domain) {
      const got = this.probeOr(keys, domain)
      const docs = this.sc.i32(domain.n)
      const masks = this.sc.u8(domain.n)
      let n = 0
      for (let i = 0; i < domain.n; i++) {
        const m = got[i]! & groups
        if (m) {
          docs[n] = domain.docs[i]!
          masks[n++] = m
        }
      }
      return { docs, n, masks }
    }
    if (keys.length === 1) return this.listSet(keys[0]!, groups)
    let total = 0
    for (const k of keys) total += this.lens[k]!
    const all = this.sc.i32(total)
    let n = 0
    for (const k of keys) {
      const list = this.lists[k]!
      const len = this.lens[k]!
      for (let i = 0; i < len; i++) if (list[i]! & groups) all[n++] = list[i]!
    }
    const sorted = all.subarray(0, n).sort()
    const docs = this.sc.i32(n)
    const masks = this.sc.u8(n)
    let w = 0
    for (let i = 0; i < n; i++) {
      const d = sorted[i]! >> 6
      if (!this.alive[d]) continue
      if (w > 0 && docs[w - 1] === d) masks[w - 1]! |= sorted[i]! & groups
      else {
        docs[w] = d
        masks[w++] = sorted[i]! & groups
      }
    }
    return { docs, n: w, masks }
  }

  /** For each doc of the set, the OR of its masks in these lists. */
  private probeOr(keys: number[], set: DocSet): Uint8Array {
    const got = this.sc.u8z(set.n)
    for (const k of keys) probe(this.lists[k]!, this.lens[k]!, set.docs, set.n, got)
    return got
  }

  /** For each doc of the set, the AND of its masks in these lists (0 if absent from one). */
  private probeAnd(keys: number[], set: DocSet): Uint8Array {
    const acc = this.sc.u8(set.n).fill(ALL_GROUPS)
    const got = this.sc.u8(set.n)
    for (const k of keys) {
      got.fill(0)
      probe(this.lists[k]!, this.lens[k]!, set.docs, set.n, got)
      for (let i = 0; i < set.n; i++) acc[i]! &= got[i]!
    }
    return acc
  }

  private bigramKey(text: string, i: number): number {
    const a = this.charId[text.charCodeAt(i)]!
    const b = this.charId[text.charCodeAt(i + 1)]!
    return a < 0 || b < 0 ? -1 : a * CHAR_IDS + b
  }

  // ---- filters ----------------------------------------------------------------------

  private predicate(filters: Filter[], kinds: RecordKind[] | undefined, ctx: SearchContext, warnings: string[]): ((d: number) => boolean) | null {
    const tests: ((d: number) => boolean)[] = []
    if (kinds?.length) {
      const ks = new Set(kinds.map((k) => KINDS.indexOf(k)))
      tests.push((d) => ks.has(this.kindOf[d]!))
    }
    for (const f of filters) {
      let test: (d: number) => boolean
      switch (f.type) {
        case 'kind': {
          const ks = new Set(f.kinds.map((k) => KINDS.indexOf(k)))
          test = (d) => ks.has(this.kindOf[d]!)
          break
        }
        case 'year':
          test = (d) => this.yearFrom[d]! > 0 && this.yearFrom[d]! <= f.hi && this.yearTo[d]! >= f.lo
          break
        case 'has':
          test = (d) => (this.flags[d]! & f.flag) !== 0
          break
        case 'batch': {
          const batches = new Set<string>()
          for (const [id, num] of this.batchNumbers) if (num >= f.lo && num <= f.hi) batches.add(id)
          if (!batches.size) warnings.push(`没有第 ${f.lo === f.hi ? f.lo : `${f.lo}–${f.hi}`} 批的批次记录。`)
          test = (d) => {
            const b = this.batchOf[d]
            return b !== null && b !== undefined && batches.has(b)
          }
          break
        }
        case 'area': {
          const v = f.value
          const accepted = new Set<string>()
          for (const a of ctx.areas) {
            const name = normalize(a.name)
            if (name.includes(v) || normalize(a.id) === v || (a.nameEn && normalize(a.nameEn).includes(v))) {
              accepted.add(normalize(a.id))
              accepted.add(name)
            }
          }
          if (!accepted.size && ctx.areas.length)
            warnings.push(`area: 没有名称含“${v}”的领域。可用：${ctx.areas.map((a) => a.name).join('、')}。`)
          test = (d) => {
            const a = this.areaOf[d]!
            return a !== '' && (accepted.has(a) || a.includes(v))
          }
          break
        }
      }
      tests.push(f.negate ? (d) => !test(d) : test)
    }
    if (!tests.length) return null
    return (d) => {
      for (const t of tests) if (!t(d)) return false
      return true
    }
  }

  // ---- ranking and highlights ------------------------------------------------------

  /** Indexes (into the set) of the best `k`, by score, then date, then newest entry. */
  private topK(set: ScoreSet, k: number): number[] {
    const n = set.n
    const key = this.sc.f64(n)
    for (let i = 0; i < n; i++) key[i] = Math.round(set.scores[i]! * 1e5) * 1e9 + this.dateKey[set.docs[i]!]!
    let idx: number[]
    if (n > k * 4) {
      const work = this.sc.f64(n)
      work.set(key)
      const threshold = kthLargest(work, k)
      idx = []
      for (let i = 0; i < n; i++) if (key[i]! >= threshold) idx.push(i)
    } else idx = Array.from({ length: n }, (_, i) => i)
    idx.sort((a, b) => key[b]! - key[a]! || set.docs[b]! - set.docs[a]!)
    return idx.slice(0, k)
  }

  /**
   * Like findIn, but the body is read only if no short field has s; otherwise the body
   * counts as found when the index says all of s's bigrams are there.
   */
  private findHeadFirst(d: number, s: string, mask: number): number {
    const head = this.findIn(d, s, mask & HEAD)
    const body = mask & (1 << G_BODY)
    if (!body) return head
    return head ? head | body : this.findIn(d, s, body)
  }

  /** Groups (within mask) where some part contains s. */
  private findIn(d: number, s: string, mask: number): number {
    let found = 0
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      const g = this.partInfo[p]! & 7
      if ((mask >> g) & 1 && !((found >> g) & 1) && this.partText[p]!.includes(s)) found |= 1 << g
    }
    return found
  }

  /** Groups (within mask) where some part has all the words within `win` characters. */
  private nearIn(d: number, words: string[], win: number, mask: number): number {
    let found = 0
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      const g = this.partInfo[p]! & 7
      if ((mask >> g) & 1 && !((found >> g) & 1) && nearby(this.partText[p]!, words, win)) found |= 1 << g
    }
    return found
  }

  private titleStarts(d: number, T: string): boolean {
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      if ((this.partInfo[p]! & 7) !== G_TITLE) continue
      // Opening quotes and brackets do not count: “汾水连天山”文化品牌 starts with the term.
      const title = this.partText[p]!
      let i = 0
      while (i < title.length && i < 3 && this.cls[title.charCodeAt(i)] === 0) i++
      return title.startsWith(T, i)
    }
    return false
  }

  private highlights(d: number, needles: Needles[]): HighlightRange[] {
    const out: HighlightRange[] = []
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      const text = this.partText[p]!
      const ranges: [number, number][] = []
      for (const nd of needles) {
        for (const s of nd.strings) {
          if (!s) continue
          let from = 0
          for (let c = 0; c < 50; c++) {
            const at = text.indexOf(s, from)
            if (at < 0) break
            ranges.push([at, at + s.length])
            from = at + s.length
          }
        }
        for (const chain of nd.chains) {
          let from = 0
          for (let c = 0; c < 50; c++) {
            const at = chainAt(text, chain, from)
            if (at < 0) break
            const len = chainLength(chain)
            ranges.push([at, at + len])
            from = at + len
          }
        }
      }
      if (!ranges.length) continue
      out.push(window(this.partNames[this.partInfo[p]! >> 3]!, this.partOrig.get(p) ?? text, mergeRanges(ranges)))
    }
    return out
  }

  /** A few distinct matched strings (for the homophone message). */
  private sampleMatches(set: ScoreSet, nd: Needles, max: number): string[] {
    const seen = new Set<string>()
    for (let i = 0; i < set.n && i < 50 && seen.size < max; i++) {
      const d = set.docs[i]!
      for (const chain of nd.chains) {
        for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
          const text = this.partText[p]!
          const at = chainAt(text, chain, 0)
          if (at >= 0) {
            seen.add(text.slice(at, at + chainLength(chain)))
            break
          }
        }
      }
    }
    return [...seen]
  }

  // ---- suggestions when nothing matched ------------------------------------------

  private suggest(parsed: ParsedQuery, input: SearchInput, ctx: SearchContext): string[] {
    const out: string[] = []
    const tried = new Set<string>([input.q.trim()])
    const t0 = performance.now()
    const tryQ = (q: string): void => {
      q = q.trim().replace(/\s+/g, ' ')
      if (!q || tried.has(q) || out.length >= 3 || tried.size > 12 || performance.now() - t0 > 25) return
      tried.add(q)
      if (this.count(q, ctx, input.kinds) > 0) out.push(q)
    }
    const clauses = parsed.clauses
    const without = (skip: number) => clauses.filter((_, i) => i !== skip).map((c) => c.raw).join(' ')
    // Pinyin typed with a typo: one letter swapped, missing or extra.
    clauses.forEach((c, i) => {
      if (c.type !== 'text' || !/^[a-z]{3,}$/i.test(c.raw)) return
      const w = c.raw.toLowerCase()
      for (const v of pinyinVariants(w)) {
        if (!segmentPinyin(v).length) continue
        tryQ(clauses.map((x, j) => (j === i ? v : x.raw)).join(' '))
        if (out.length) break
      }
    })
    // Chinese typed as the pinyin reading of the query.
    const cjk = parsed.terms.filter((t) => t.kind === 'cjk' && !t.negate)
    if (cjk.length) {
      tryQ(clauses.map((c) => (/[\u4e00-\u9fff]/.test(c.raw) && !c.raw.includes(':') ? readingOf(normalize(c.raw)).join('') : c.raw)).join(' '))
    }
    // The query without one of its words or filters.
    if (clauses.length > 1) clauses.forEach((_, i) => tryQ(without(i)))
    return out
  }
}

// ---- helpers ------------------------------------------------------------------------

/** Characters of text in some documents. */
export function textLength(docs: readonly IndexDoc[]): number {
  let n = 0
  for (const d of docs) for (const p of d.parts) n += p.text.length
  return n
}

/** Room for a list of n postings, with some slack for incremental updates. */
function slack(n: number): number {
  return n + (n >> 4) + 4
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const a = m.get(k)
  if (a) {
    if (a[a.length - 1] !== v) a.push(v)
  } else m.set(k, [v])
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)
}

function isDecimalPoint(s: string, j: number): boolean {
  return s.charCodeAt(j) === 0x2e && isDigit(s.charCodeAt(j - 1)) && isDigit(s.charCodeAt(j + 1))
}

function wordCode(s: string, i: number, L: number): number {
  const a = ALNUM_CODE[s.charCodeAt(i)]!
  return L === 1 ? a : 37 + a * 37 + ALNUM_CODE[s.charCodeAt(i + 1)]!
}

function triCode(s: string, i: number): number {
  return (ALNUM_CODE[s.charCodeAt(i)]! * 37 + ALNUM_CODE[s.charCodeAt(i + 1)]!) * 37 + ALNUM_CODE[s.charCodeAt(i + 2)]!
}

/** Sets out[i] |= mask of docs[i] in the list (both sorted by doc), galloping the longer side. */
function probe(list: Int32Array, len: number, docs: Int32Array, n: number, out: Uint8Array): void {
  if (!len || !n) return
  if (len <= n) {
    let i = 0
    for (let j = 0; j < len && i < n; j++) {
      const d = list[j]! >> 6
      if (docs[i]! < d) i = gallop(docs, i, n, d, (x) => x)
      if (i < n && docs[i] === d) out[i]! |= list[j]! & 63
    }
  } else {
    let j = 0
    for (let i = 0; i < n && j < len; i++) {
      const d = docs[i]!
      if (list[j]! >> 6 < d) j = gallop(list, j, len, d, (x) => x >> 6)
      if (j < len && list[j]! >> 6 === d) out[i]! |= list[j]! & 63
    }
  }
}

/** First index ≥ from where key(a[i]) ≥ target. */
function gallop(a: Int32Array, from: number, len: number, target: number, key: (x: number) => number): number {
  let lo = from
  let step = 1
  let hi = from + 1
  while (hi < len && key(a[hi]!) < target) {
    lo = hi
    step <<= 1
    hi = from + step
  }
  if (hi > len) hi = len
  // invariant: key(a[lo]) < target (or lo === from), answer in (lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (key(a[mid]!) < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

function combineOne(g: number, q: number): number {
  return GROUP_WEIGHTS[g]! * q
}

/** Score for each of the 64 group masks, every group matched with quality q. */
function maskScores(q: number, weight: number): Float64Array {
  const out = new Float64Array(64)
  const gq = new Float64Array(6)
  for (let m = 1; m < 64; m++) {
    for (let g = 0; g < 6; g++) gq[g] = (m >> g) & 1 ? q : 0
    out[m] = combine(gq) * weight
  }
  return out
}

function setGroups(gq: Float64Array, mask: number, q: number): boolean {
  for (let g = 0; g < 6; g++) if ((mask >> g) & 1) gq[g] = q
  return mask !== 0
}

/** Score of a term from per-group qualities: the best group, and a little for the others. */
function combine(gq: Float64Array): number {
  let best = 0
  let sum = 0
  for (let g = 0; g < 6; g++) {
    const v = GROUP_WEIGHTS[g]! * gq[g]!
    sum += v
    if (v > best) best = v
  }
  return best + 0.1 * (sum - best)
}

/** Exact 1 at word boundaries (or for Chinese), 0.8 inside a Latin word, 0 when absent. */
function literalQuality(text: string, T: string, cls: Uint8Array): number {
  let at = text.indexOf(T)
  if (at < 0) return 0
  const firstAlnum = cls[T.charCodeAt(0)] === ALNUM
  const lastAlnum = cls[T.charCodeAt(T.length - 1)] === ALNUM
  for (let c = 0; c < 20 && at >= 0; c++) {
    const before = at > 0 ? (isDecimalPoint(text, at - 1) ? ALNUM : cls[text.charCodeAt(at - 1)]) : 0
    const after = at + T.length < text.length ? (isDecimalPoint(text, at + T.length) ? ALNUM : cls[text.charCodeAt(at + T.length)]) : 0
    if (!(firstAlnum && before === ALNUM) && !(lastAlnum && after === ALNUM)) return Q.exact
    at = text.indexOf(T, at + 1)
  }
  return Q.inWord
}

/** Are all words present within `win` characters of each other? */
function nearby(text: string, words: string[], win: number): boolean {
  const occ: number[][] = []
  for (const w of words) {
    const a: number[] = []
    let from = 0
    for (let c = 0; c < 64; c++) {
      const at = text.indexOf(w, from)
      if (at < 0) break
      a.push(at)
      from = at + 1
    }
    if (!a.length) return false
    occ.push(a)
  }
  // For each occurrence of the first word, the closest occurrence of each other word.
  for (const p of occ[0]!) {
    let lo = p
    let hi = p + words[0]!.length
    let ok = true
    for (let k = 1; k < occ.length; k++) {
      let best = -1
      let bestDist = Infinity
      for (const q of occ[k]!) {
        const dist = Math.abs(q - p)
        if (dist < bestDist) (bestDist = dist), (best = q)
      }
      lo = Math.min(lo, best)
      hi = Math.max(hi, best + words[k]!.length)
      if (hi - lo > win) {
        ok = false
        break
      }
    }
    if (ok) return true
  }
  return false
}

/** Does the chain continue from its first pair at p? */
function follows(text: string, sets: Set<string>[], p: number): boolean {
  for (let k = 1; k < sets.length; k++) if (!sets[k]!.has(text.substr(p + k, 2))) return false
  return true
}

/** First position ≥ from where the text reads as the chain (a bigram from each set, overlapping). */
function chainAt(text: string, chain: Chain, from: number): number {
  const { sets } = chain
  const n = sets.length
  if (chain.chars) {
    // A single syllable: a set of single characters.
    const first = chain.first!
    for (let p = from; p < text.length; p++) if (first[text.charCodeAt(p)]) return p
    return -1
  }
  if (chain.firstList) {
    // Few candidate first pairs: let indexOf find them.
    let best = -1
    for (const b of chain.firstList) {
      let at = text.indexOf(b, from)
      while (at >= 0 && (best < 0 || at < best)) {
        if (follows(text, sets, at)) {
          best = at
          break
        }
        at = text.indexOf(b, at + 1)
      }
    }
    return best
  }
  const first = chain.first!
  for (let p = from; p + n < text.length; p++) {
    if (!first[text.charCodeAt(p)] || !sets[0]!.has(text.substr(p, 2))) continue
    if (follows(text, sets, p)) return p
  }
  return -1
}

/** Docs in both (b ⊆ a by construction), scores added. */
function addScores(a: ScoreSet, b: ScoreSet, sc: Scratch): ScoreSet {
  const docs = sc.i32(Math.min(a.n, b.n))
  const scores = sc.f64(docs.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.n && j < b.n) {
    const x = a.docs[i]!
    const y = b.docs[j]!
    if (x === y) {
      docs[n] = x
      scores[n++] = a.scores[i++]! + b.scores[j++]!
    } else if (x < y) i++
    else j++
  }
  return { docs, n, scores }
}

function subtract(a: ScoreSet, b: ScoreSet, sc: Scratch): ScoreSet {
  let j = 0
  let w = 0
  const docs = sc.i32(a.n)
  const scores = sc.f64(a.n)
  for (let i = 0; i < a.n; i++) {
    const x = a.docs[i]!
    while (j < b.n && b.docs[j]! < x) j++
    if (j < b.n && b.docs[j] === x) continue
    docs[w] = x
    scores[w++] = a.scores[i]!
  }
  return { docs, n: w, scores }
}

/** Union of two scored sets, keeping the higher score. */
function maxMerge(a: ScoreSet, b: ScoreSet, sc: Scratch): ScoreSet {
  if (!b.n) return a
  if (!a.n) return b
  const docs = sc.i32(a.n + b.n)
  const scores = sc.f64(a.n + b.n)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.n || j < b.n) {
    const x = i < a.n ? a.docs[i]! : Infinity
    const y = j < b.n ? b.docs[j]! : Infinity
    if (x === y) {
      docs[n] = x
      scores[n++] = Math.max(a.scores[i++]!, b.scores[j++]!)
    } else if (x < y) {
      docs[n] = x
      scores[n++] = a.scores[i++]!
    } else {
      docs[n] = y
      scores[n++] = b.scores[j++]!
    }
  }
  return { docs, n, scores }
}

/** The k-th largest value (quickselect, reorders the array). */
function kthLargest(a: Float64Array, k: number): number {
  let lo = 0
  let hi = a.length - 1
  const target = k - 1
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i]! > pivot) i++
      while (a[j]! < pivot) j--
      if (i <= j) {
        const t = a[i]!
        a[i] = a[j]!
        a[j] = t
        i++
        j--
      }
    }
    if (target <= j) hi = j
    else if (target >= i) lo = i
    else break
  }
  return a[target]!
}

function mergeRanges(r: [number, number][]): [number, number][] {
  if (r.length < 2) return r
  r.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: [number, number][] = [r[0]!]
  for (const x of r.slice(1)) {
    const last = out[out.length - 1]!
    if (x[0] <= last[1]) last[1] = Math.max(last[1], x[1])
    else out.push(x)
  }
  return out
}

const WINDOW = 120
/** A long field is cut to a window around its first match; offsets then refer to the window. */
function window(field: string, text: string, ranges: [number, number][]): HighlightRange {
  if (text.length <= WINDOW * 1.5) return { field, text, ranges }
  const first = ranges[0]![0]
  let start = Math.max(0, first - 30)
  const end = Math.min(text.length, start + WINDOW)
  if (end - start < WINDOW) start = Math.max(0, end - WINDOW)
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const shift = prefix.length - start
  return {
    field,
    text: prefix + text.slice(start, end) + suffix,
    ranges: ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift] as [number, number]),
  }
}

/** Spellings one keystroke away: swapped neighbours, a letter dropped, a letter doubled by mistake. */
function pinyinVariants(w: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))
  for (let i = 0; i < w.length; i++) out.add(w.slice(0, i) + w.slice(i + 1))
  const letters = 'aeiounghrz'
  for (let i = 0; i <= w.length; i++) for (const c of letters) out.add(w.slice(0, i) + c + w.slice(i))
  out.delete(w)
  return [...out]
}
