// Pinyin chains: a query read as syllables (full, half-typed or initials) matched to the
// bigrams whose readings fit, consecutive in one field group. The layer under term
// evaluation (evaluate.ts), which reads Latin words and homophones through it.
import type { TextTerm } from './query'
import type { PinyinChunk } from './pinyin'
import type { DocSet, MaskSet, ScoreSet } from './postings'
import type { Needles } from './match'
import { IndexReading } from './index-read'
import * as docMod from './doc'
import * as matchMod from './match'
import * as postingsMod from './postings'
import * as scoreMod from './score'

// Imported constants and helpers copied into locals (hot loops; some loaders turn imports into getters).
const G_BODY = docMod.G_BODY
const EMPTY = postingsMod.EMPTY
const chainAt = matchMod.chainAt
const chainLength = matchMod.chainLength
const chainOf = matchMod.chainOf
const HEAD = scoreMod.HEAD
const Q = scoreMod.Q
const combine = scoreMod.combine
const maskScores = scoreMod.maskScores

/** Postings a single character (or syllable) may union before it is limited to short fields. */
export const CHAR_COST = 4_000_000

export class ChainEvaluator extends IndexReading {
  /**
   * Docs having any of the keys, masks OR-ed. Many long lists (a syllable's or a pair of
   * initials' bigrams) are marked on a map of the doc space and read back in order rather
   * than concatenated and sorted; the same set either way.
   */
  protected override union(keys: number[], domain: DocSet | null, groups: number): MaskSet {
    if (domain || keys.length < 2) return super.union(keys, domain, groups)
    let total = 0
    for (const k of keys) total += this.lens[k]!
    const space = this.nextDoc
    if (total < space >> 3) return super.union(keys, domain, groups)
    const map = this.sc.u8z(space)
    for (const k of keys) {
      const list = this.lists[k]!
      const len = this.lens[k]!
      for (let i = 0; i < len; i++) {
        const e = list[i]!
        if (e & groups) map[e >> 6]! |= e & groups
      }
    }
    let n = 0
    const alive = this.alive
    for (let d = 0; d < space; d++) if (map[d] && alive[d]) n++
    const docs = this.sc.i32(n)
    const masks = this.sc.u8(n)
    n = 0
    for (let d = 0; d < space; d++) {
      if (!map[d] || !alive[d]) continue
      docs[n] = d
      masks[n++] = map[d]!
    }
    return { docs, n, masks }
  }

  /**
   * For each doc of the set, the OR of its masks in these lists. Many lists (a pair of
   * initials reads as dozens of bigrams) are marked on a map of the doc space once instead
   * of each galloping through the set; the same masks either way.
   */
  protected override probeOr(keys: number[], set: DocSet): Uint8Array {
    // A probe gallops: a list much longer than the set costs about the set's length (and a
    // log); the map costs every posting. The map wins for many lists no longer than the set.
    let total = 0
    let probed = 0
    for (const k of keys) {
      total += this.lens[k]!
      probed += Math.min(this.lens[k]!, set.n)
    }
    if (keys.length < 4 || total + set.n > 3 * probed) return super.probeOr(keys, set)
    const map = this.sc.u8z(this.nextDoc)
    for (const k of keys) {
      const list = this.lists[k]!
      const len = this.lens[k]!
      for (let i = 0; i < len; i++) map[list[i]! >> 6]! |= list[i]! & 63
    }
    const got = this.sc.u8(set.n)
    for (let i = 0; i < set.n; i++) got[i] = map[set.docs[i]!]!
    return got
  }

  /** Bigrams whose reading fits two chunks (a whole syllable or the start of one). */
  protected pairKeys(a: PinyinChunk, b: PinyinChunk): number[] {
    const fits = (r: string, c: PinyinChunk) => (c.prefix ? r.startsWith(c.text) : r === c.text)
    if (!a.prefix && !b.prefix) return this.pairIdx.get(a.text + ' ' + b.text) ?? []
    const pool = !a.prefix ? (this.syl1Idx.get(a.text) ?? []) : (this.initIdx.get(a.text[0]! + b.text[0]!) ?? [])
    return pool.filter((k) => this.readingsOf[k]!.some(([x, y]) => fits(x, a) && fits(y, b)))
  }

  /** A pinyin chain: consecutive characters reading as the chunks, within one field group. */
  protected evalChain(chunks: PinyinChunk[], t: TextTerm, domain: DocSet | null, nd: Needles, q: number): ScoreSet {
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
    const gq = new Float64Array(6)
    // On the index's evidence every candidate has the chain where its pairs all are; that
    // is also the most reading can find (readBest).
    const table = maskScores(q, t.weight)
    const assumed = this.sc.f64(cur.n)
    for (let i = 0; i < cur.n; i++) assumed[i] = table[cur.masks[i]! & t.groups]!
    const read = (i: number): number => {
      const d = cur.docs[i]!
      const m = cur.masks[i]!
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
      return any ? combine(gq) * t.weight : -1
    }
    return this.verify(cur, assumed, assumed, read)
  }

  /** A few distinct matched strings (for the homophone message). */
  protected sampleMatches(set: ScoreSet, nd: Needles, max: number): string[] {
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
}
