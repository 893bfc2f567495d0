// Query primitives over the index: posting lists as doc sets (intersect, union, probes),
// ranking and the per-document field lookups (reading candidates: index-read.ts).
import type { TextTerm } from './query'
import type { DocSet, MaskSet, ScoreSet } from './postings'
import { IndexBuilder } from './index-build'
import * as docMod from './doc'
import * as keysMod from './keys'
import * as matchMod from './match'
import * as normMod from './normalize'
import * as postingsMod from './postings'
import * as scoreMod from './score'

// Imported constants and helpers copied into locals (hot loops; some loaders turn imports into getters).
const ALL_GROUPS = docMod.ALL_GROUPS
const G_BODY = docMod.G_BODY
const G_TITLE = docMod.G_TITLE
const CJK = normMod.CJK
const ALNUM = normMod.ALNUM
const CHAR_IDS = keysMod.CHAR_IDS
const TRI_BASE = keysMod.TRI_BASE
const WORD_BASE = keysMod.WORD_BASE
const isDecimalPoint = keysMod.isDecimalPoint
const triCode = keysMod.triCode
const wordCode = keysMod.wordCode
const probe = postingsMod.probe
const positionsOf = postingsMod.positionsOf
const kthLargest = postingsMod.kthLargest
const rankKey = postingsMod.rankKey
const nearby = matchMod.nearby
const HEAD = scoreMod.HEAD
const maskScores = scoreMod.maskScores

/** A list longer than 1/DENSE of the archive's docs is intersected by counting (intersectDense). */
const DENSE = 8

export class IndexSets extends IndexBuilder {
  /** Rough cost of evaluating a term first (smaller is more selective). */
  protected estimate(t: TextTerm): number {
    if (t.kind === 'latin' || t.kind === 'pinyin') return 1e9 - (t.groups === ALL_GROUPS ? 0 : 1)
    const keys = this.termKeys(t.text)
    if (keys === null) return 0
    let min = Infinity
    for (const k of keys) min = Math.min(min, this.lens[k]!)
    return min === Infinity ? 5e8 : min
  }

  /** Key ids of every key in a text (null when one is missing: the text cannot match exactly). */
  protected termKeys(text: string): number[] | null {
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

  protected scoreMasks(m: MaskSet, t: TextTerm, q: number): ScoreSet {
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

  /** The k-th largest of the first n keys (the keys are left as they are). */
  protected kth(key: Float64Array, n: number, k: number): number {
    const work = this.sc.f64(n)
    work.set(key.subarray(0, n))
    return kthLargest(work, k)
  }

  protected allDocs(): DocSet {
    const docs = this.sc.i32(this.nextDoc)
    let n = 0
    for (let d = 0; d < this.nextDoc; d++) if (this.alive[d]) docs[n++] = d
    return { docs, n }
  }

  /** Docs that have every key (in the allowed groups); masks = groups where all of them occur. */
  protected intersect(keys: number[], domain: DocSet | null, groups: number): MaskSet {
    if (!keys.length) return { docs: new Int32Array(0), n: 0, masks: new Uint8Array(0) }
    const sorted = [...keys].sort((a, b) => this.lens[a]! - this.lens[b]!)
    let cur: MaskSet
    if (domain) {
      const docs = this.sc.i32(domain.n)
      docs.set(domain.docs.subarray(0, domain.n))
      cur = { docs, n: domain.n, masks: this.sc.u8(domain.n).fill(groups) }
    } else if (sorted.length >= 2 && this.lens[sorted[0]!]! * DENSE > this.nextDoc) {
      // The shortest by counting, as long as what is left is dense; the rest probe it.
      cur = this.intersectDense(sorted, groups)
    } else {
      cur = this.listSet(sorted[0]!, groups)
      sorted.shift()
    }
    const got = this.sc.u8(cur.n)
    for (const k of sorted) {
      if (!cur.n) break
      got.fill(0, 0, cur.n)
      this.probeSet(k, cur, got, this.positions(cur))
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

  /**
   * intersect for lists that each hold a good share of the archive (援疆, 工作): one pass
   * over every entry, counting per doc how many of the lists it has met, beats merging
   * list against list (each merge step a comparison and a branch the CPU cannot guess).
   * Takes the lists from the front of `keys` (shortest first) while each is at most DENSE×
   * the docs met so far: a probe would read such a list whole too, and then still fill and
   * compact the set. A longer one is left in `keys`, to probe the (by then few) docs left.
   */
  private intersectDense(keys: number[], groups: number): MaskSet {
    const space = this.nextDoc
    const seen = this.sc.u8z(space)
    const mask = this.sc.u8(space)
    let all = 0
    let met = space
    while (keys.length && all < 255) {
      // (Every step reads the same things: a branch a warm-up never took costs a recompile.)
      const k = keys[0]!
      const len = this.lens[k]!
      const over = len > DENSE * met
      if (all >= 2 && over) break
      keys.shift()
      const list = this.lists[k]!
      const j = all++
      let c = 0
      for (let i = 0; i < len; i++) {
        const e = list[i]!
        const d = e >> 6
        if (seen[d] !== j || !(e & groups)) continue
        seen[d] = j + 1
        mask[d] = j ? mask[d]! & e : e & 63
        c++
      }
      met = c
    }
    const docs = this.sc.i32(met)
    const masks = this.sc.u8(met)
    let n = 0
    for (let d = 0; d < space; d++)
      if (seen[d] === all && this.alive[d]) {
        docs[n] = d
        masks[n++] = mask[d]!
      }
    return { docs, n, masks }
  }

  /** One posting list as a set (living docs, allowed groups). */
  protected listSet(k: number, groups: number): MaskSet {
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
  protected union(keys: number[], domain: DocSet | null, groups: number): MaskSet {
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
  protected probeOr(keys: number[], set: DocSet): Uint8Array {
    const got = this.sc.u8z(set.n)
    const at = this.positions(set)
    for (const k of keys) this.probeSet(k, set, got, at)
    return got
  }

  /** For each doc of the set, the AND of its masks in these lists (0 if absent from one). */
  protected probeAnd(keys: number[], set: DocSet): Uint8Array {
    const acc = this.sc.u8(set.n).fill(ALL_GROUPS)
    const got = this.sc.u8(set.n)
    const at = this.positions(set)
    for (const k of keys) {
      got.fill(0)
      this.probeSet(k, set, got, at)
      for (let i = 0; i < set.n; i++) acc[i]! &= got[i]!
    }
    return acc
  }

  /**
   * ORs into got[i] the groups of the set's i-th doc in list k. A list at most DENSE× the
   * docs is read in one pass, each entry looked up by `at` (see intersectDense: a merge step
   * costs a comparison and a branch the CPU cannot guess); a longer one is merged, galloping.
   */
  private probeSet(k: number, set: DocSet, got: Uint8Array, at: () => Int32Array): void {
    const list = this.lists[k]!
    const len = this.lens[k]!
    if (set.n * DENSE <= len) return probe(list, len, set.docs, set.n, got)
    const where = at()
    for (let j = 0; j < len; j++) {
      const e = list[j]!
      const i = where[e >> 6]!
      if (i >= 0) got[i]! |= e & 63
    }
  }

  /** Where each doc of the set is (positionsOf), made when a list first needs it. */
  private positions(set: DocSet): () => Int32Array {
    let where: Int32Array | null = null
    return () => (where ??= positionsOf(set, this.nextDoc, this.sc))
  }

  // ---- ranking and highlights ------------------------------------------------------

  /** Indexes (into the set) of the best `k`, by score, then date, then newest entry. */
  protected topK(set: ScoreSet, k: number): number[] {
    const n = set.n
    const key = this.sc.f64(n)
    for (let i = 0; i < n; i++) key[i] = rankKey(set.scores[i]!, this.dateKey[set.docs[i]!]!)
    let idx: number[]
    if (n > k * 4) {
      const threshold = this.kth(key, n, k)
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
  protected findHeadFirst(d: number, s: string, mask: number): number {
    const head = this.findIn(d, s, mask & HEAD)
    const body = mask & (1 << G_BODY)
    if (!body) return head
    return head ? head | body : this.findIn(d, s, body)
  }

  /** Groups (within mask) where some part contains s. */
  protected findIn(d: number, s: string, mask: number): number {
    let found = 0
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      const g = this.partInfo[p]! & 7
      if ((mask >> g) & 1 && !((found >> g) & 1) && this.partText[p]!.includes(s)) found |= 1 << g
    }
    return found
  }

  /** Groups (within mask) where some part has all the words within `win` characters. */
  protected nearIn(d: number, words: string[], win: number, mask: number): number {
    let found = 0
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      const g = this.partInfo[p]! & 7
      if ((mask >> g) & 1 && !((found >> g) & 1) && nearby(this.partText[p]!, words, win)) found |= 1 << g
    }
    return found
  }

  protected titleStarts(d: number, T: string): boolean {
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
}
