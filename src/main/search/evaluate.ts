// Term evaluation: a query term (Chinese, Latin, number, pinyin, homophone) to a scored
// doc set, recording what matched for highlighting.
import type { SearchWarning } from '../../shared/api'
import type { TextTerm } from './query'
import { segmentCjk, chunkCjk } from './segment'
import { initialsOf, readingOf, segmentPinyin } from './pinyin'
import type { DocSet, MaskSet, ScoreSet } from './postings'
import type { Needles } from './match'
import { CHAR_COST, ChainEvaluator } from './evaluate-chain'
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
const WORD_BASE = keysMod.WORD_BASE
const EMPTY = postingsMod.EMPTY
const addScores = postingsMod.addScores
const maxMerge = postingsMod.maxMerge
const literalQuality = matchMod.literalQuality
const nearby = matchMod.nearby
const HEAD = scoreMod.HEAD
const Q = scoreMod.Q
const combine = scoreMod.combine
const combineOne = scoreMod.combineOne
const maskScores = scoreMod.maskScores
const setGroups = scoreMod.setGroups


export class TermEvaluator extends ChainEvaluator {
  // ---- titles ---------------------------------------------------------------------

  /**
   * Per doc, the title's first three characters after its opening punctuation
   * (c0 * 2^32 + c1 * 2^16 + c2, c2 = 0 for a title of two; -1: no title or a shorter one,
   * -2: not read yet). Filled as queries ask, for the part list it was read from: a broad
   * term (援疆, 昌吉市) asks about thousands of titles, and a typed array answers without
   * reaching each title's string (a term of two or three characters never does).
   */
  private heads = new Float64Array(0)
  private headsOf: string[] | null = null

  /**
   * Reads the titles of docs [from, to) into `heads` ahead of any query (the worker's
   * warm-up, in steps): read by the first query that meets them, they cost a broad word's
   * first run 3–4 ms at 100,000 records. Returns where it stopped (the doc count).
   */
  readTitleHeads(from: number, to: number): number {
    const end = Math.min(to, this.nextDoc)
    this.headsFor(end - 1)
    for (let d = from; d < end; d++) if (this.heads[d] === -2) this.heads[d] = this.titleHead(d)
    return end
  }

  /** `heads`, valid for the current part list and large enough for doc d. */
  private headsFor(d: number): void {
    if (this.headsOf !== this.partText || d >= this.heads.length) {
      // Parts renumbered (compaction, a new list): forget; docs added: room for them.
      const heads = new Float64Array(Math.max(this.nextDoc, d + 1, this.heads.length * 2)).fill(-2)
      if (this.headsOf === this.partText) heads.set(this.heads)
      this.heads = heads
      this.headsOf = this.partText
    }
  }

  protected override titleStarts(d: number, T: string): boolean {
    if (T.length < 2) return super.titleStarts(d, T)
    this.headsFor(d)
    let h = this.heads[d]!
    if (h === -2) h = this.heads[d] = this.titleHead(d)
    if (h === -1) return super.titleStarts(d, T)
    const two = T.charCodeAt(0) * 65536 + T.charCodeAt(1)
    if (T.length === 2) return Math.floor(h / 65536) === two
    return h === two * 65536 + T.charCodeAt(2) && (T.length === 3 || super.titleStarts(d, T))
  }

  private titleHead(d: number): number {
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      if ((this.partInfo[p]! & 7) !== G_TITLE) continue
      // The same opening as titleStarts skips.
      const title = this.partText[p]!
      let i = 0
      while (i < title.length && i < 3 && this.cls[title.charCodeAt(i)] === 0) i++
      if (i + 2 > title.length) return -1
      return (title.charCodeAt(i) * 65536 + title.charCodeAt(i + 1)) * 65536 + (i + 2 < title.length ? title.charCodeAt(i + 2) : 0)
    }
    return -1
  }

  // ---- term evaluation ----------------------------------------------------------

  protected evalTerm(t: TextTerm, domain: DocSet | null, nd: Needles, warnings: SearchWarning[], fuzzy: boolean): ScoreSet {
    switch (t.kind) {
      case 'cjk': {
        let r = this.evalCjk(t, domain, nd, warnings)
        if (r.n === 0 && fuzzy && t.text.length >= 2) {
          r = this.evalHomophone(t, domain, nd)
          if (r.n) {
            const words = this.sampleMatches(r, nd, 3)
            warnings.push({ code: 'sound', params: { word: t.text, reading: readingOf(t.text).join(' '), matches: words.join('、') } })
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
  protected evalCjk(t: TextTerm, domain: DocSet | null, nd: Needles, warnings: SearchWarning[]): ScoreSet {
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

  protected evalCjkWords(t: TextTerm, segs: string[], domain: DocSet | null, nd: Needles): ScoreSet {
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
    if (T.length === 2) {
      // A single bigram: the posting is the match.
      const scores = this.sc.f64(base.n)
      const docs = this.sc.i32(base.n)
      let n = 0
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
    const exactT = maskScores(Q.exact, t.weight)
    const nearT = maskScores(Q.nearby, t.weight)
    const scatT = maskScores(Q.scattered, t.weight)
    const scatteredS = combineOne(G_BODY, Q.scattered) * t.weight
    const titleBonus = 0.3 * t.weight
    // Per candidate: its score on the index's evidence alone (exact where every bigram is in
    // one field, else near; -1: none), and the most reading its text could give it.
    const assumed = this.sc.f64(base.n)
    const upper = this.sc.f64(base.n)
    for (let i = 0; i < base.n; i++) {
      const mAnd = base.masks[i]! & t.groups
      const exactMask = cross ? mAnd & cross[i]! : segs.length === 1 ? mAnd : 0
      assumed[i] = exactMask ? exactT[exactMask]! : mAnd ? nearT[mAnd]! : t.groups === ALL_GROUPS ? scatteredS : -1
      // The title's bonus only where the title starts with the term (a cheap look): as a
      // bare bound it held up every record with the word in its title (煤层气 read 3,000).
      let u = exactMask ? exactT[exactMask]! + ((exactMask >> G_TITLE) & 1 && this.titleStarts(base.docs[i]!, T) ? titleBonus : 0) : 0
      if (mAnd) u = Math.max(u, nearT[mAnd]!)
      if (t.groups === ALL_GROUPS) u = Math.max(u, scatT[shortSegs ? mAnd || 1 << G_BODY : ALL_GROUPS]!)
      upper[i] = u
    }
    const gq = new Float64Array(6)
    const read = (i: number): number => {
      const d = base.docs[i]!
      const mAnd = base.masks[i]! & t.groups
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
      if (!any) return -1
      let s = combine(gq) * t.weight
      if (gq[G_TITLE] === Q.exact && this.titleStarts(d, T)) s += titleBonus
      return s
    }
    return this.verify(base, upper, assumed, read)
  }

  /**
   * One Chinese character, through the bigrams that contain it (a character standing
   * alone between punctuation is not indexed). A very common character is looked up in
   * the short fields only.
   */
  protected evalChar(t: TextTerm, domain: DocSet | null, nd: Needles, warnings: SearchWarning[] = []): ScoreSet {
    nd.strings.push(t.text)
    const id = this.charId[t.text.charCodeAt(0)]!
    if (id < 0) return EMPTY
    const keys = this.charBigrams.get(id) ?? []
    let cost = 0
    for (const k of keys) cost += this.lens[k]!
    let groups = t.groups
    if (cost > CHAR_COST && groups & (1 << G_BODY)) {
      groups &= HEAD
      warnings.push({ code: 'too_common', params: { char: t.text } })
    }
    return this.scoreMasks(this.union(keys, domain, groups), { ...t, groups }, Q.exact)
  }

  /** Latin/number text and phrases: exact substring, whole words score higher. */
  protected evalLiteral(t: TextTerm, domain: DocSet | null, nd: Needles): ScoreSet {
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
    if (keys.length) {
      base = this.intersect(keys, hanSet ?? domain, t.groups)
      // The character may stand alone in the text too (170吨/时: no bigram holds 吨), where
      // its bigrams cannot vouch for it: when they find nothing, the term's own keys decide.
      if (!base.n && hanSet) base = this.intersect(keys, domain, t.groups)
    }
    else if (hanSet) base = { docs: hanSet.docs, n: hanSet.n, masks: this.sc.u8(hanSet.n).fill(t.groups) }
    else {
      // Nothing to look up (punctuation): scan the domain.
      const src = domain ?? this.allDocs()
      base = { docs: src.docs, n: src.n, masks: this.sc.u8(src.n).fill(t.groups) }
    }
    const exactT = maskScores(Q.exact, t.weight)
    if (keys.length === 1 && this.keyCode[keys[0]!]! >= WORD_BASE && T.length <= 2) {
      // A short Latin word or number is one key: its posting is the match.
      const scores = this.sc.f64(base.n)
      const docs = this.sc.i32(base.n)
      let n = 0
      for (let i = 0; i < base.n; i++) {
        const m = base.masks[i]! & t.groups
        if (!m || !this.alive[base.docs[i]!]) continue
        docs[n] = base.docs[i]!
        scores[n++] = exactT[m]!
      }
      return { docs, n, scores }
    }
    // Per candidate: exact in every group where the index has all its keys (-1: none), and
    // the most reading can give (the title's bonus where the title starts with it).
    const titleBonus = 0.3 * t.weight
    const assumed = this.sc.f64(base.n)
    const upper = this.sc.f64(base.n)
    for (let i = 0; i < base.n; i++) {
      const m = base.masks[i]! & t.groups
      assumed[i] = m && this.alive[base.docs[i]!] ? exactT[m]! : -1
      upper[i] = assumed[i]! + (m & (1 << G_TITLE) && assumed[i]! >= 0 && this.titleStarts(base.docs[i]!, T) ? titleBonus : 0)
    }
    const gq = new Float64Array(6)
    const read = (i: number): number => {
      const d = base.docs[i]!
      const m = base.masks[i]! & t.groups
      if (!m || !this.alive[d]) return -1
      gq.fill(0)
      let any = false
      for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
        const g = this.partInfo[p]! & 7
        if (!((m >> g) & 1) || gq[g] === Q.exact) continue
        const q = literalQuality(this.partText[p]!, T, this.cls)
        if (q > gq[g]!) (gq[g] = q), (any = true)
      }
      if (!any) return -1
      return (combine(gq) + (gq[G_TITLE] === Q.exact && this.titleStarts(d, T) ? 0.3 : 0)) * t.weight
    }
    // Read at once, never put off for a joint reading: a Latin word's literal reading is
    // merged with its pinyin ones (evalLatin), and a merged lookup cannot be joined.
    return this.readNow(base, upper, assumed, read)
  }

  /** A Latin word: itself, or pinyin (whole syllables, a half-typed last one, or initials). */
  protected evalLatin(t: TextTerm, domain: DocSet | null, nd: Needles): ScoreSet {
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
  protected evalHomophone(t: TextTerm, domain: DocSet | null, nd: Needles): ScoreSet {
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

}
