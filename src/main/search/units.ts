// A query's units looked up (the layer under understood.ts, which decides which of these a
// query takes): each unit as typed, through its other forms, else by its sound (evalUnit);
// several units read together, best-first by their summed bounds (joint); and the partial
// ranking when no record has every unit (partial, partialJoint).
import type { SearchRewrite, SearchWarning } from '../../shared/api'
import type { DocSet, ScoreSet } from './postings'
import type { Needles } from './match'
import { TermEvaluator } from './evaluate'
import type { Deferred } from './index-read'
import { jointReading, jointWords, type Source } from './joint'
import { altsFor, decompose, type Unit } from './understand/analyze'
import { SHIPPED_WORDS, type Thesaurus } from './understand/thesaurus'
import { MAX_SCORE } from './score'
import * as postingsMod from './postings'

// Imported helpers copied into locals (hot loops; some loaders turn imports into getters).
const addScores = postingsMod.addScores
const maxMerge = postingsMod.maxMerge
const positionsOf = postingsMod.positionsOf

/** A match through another form ranks a little below the word itself. */
const FACTOR = { synonym: 0.9, abbreviation: 0.9, number: 0.95 } as const
/** Strict hits rank above every partial one (scores stay below this). */
export const STRICT_BONUS = 10
const SHIPPED: ReadonlySet<string> = new Set(SHIPPED_WORDS)
const CJK_ONLY = /^[\u3400-\u9fff\uf900-\ufaff〇]+$/
/** The most units the partial ranking weighs (one bit each in a record's mask). */
const PARTIAL_UNITS = 30

export interface PartialRanking {
  set: ScoreSet
  isFull: (d: number) => boolean
  missingOf: (d: number) => string[]
}

export interface Concept {
  unit: Unit
  nd: Needles
  /** The unit over the whole filtered set (null until the partial ranking needs it). */
  solo: ScoreSet | null
}

export abstract class UnitEvaluator extends TermEvaluator {
  /** The archive's names and the shipped domain words: what segmentation keeps whole. */
  protected vocabulary(): { has(w: string): boolean } {
    return { has: (w) => SHIPPED.has(w) || this.vocab.has(w) }
  }

  /** A unit as typed, through its other forms, else by its sound. */
  protected evalUnit(u: Unit, domain: DocSet | null, nd: Needles, rewrites: SearchRewrite[], warnings: SearchWarning[]): ScoreSet {
    let r = this.sourced(1, () => this.evalTerm(u.term, domain, nd, warnings, u.term.kind !== 'cjk'))
    for (const a of u.alts) {
      const nd2: Needles = { strings: [], chains: [] }
      const ra = this.sourced(FACTOR[a.how], () => this.evalTerm({ ...u.term, kind: CJK_ONLY.test(a.text) ? 'cjk' : 'literal', text: a.text }, domain, nd2, [], false))
      if (!ra.n) continue
      for (let i = 0; i < ra.n; i++) ra.scores[i]! *= FACTOR[a.how]
      r = maxMerge(r, ra, this.sc)
      nd.strings.push(...nd2.strings)
      nd.chains.push(...nd2.chains)
      note(rewrites, { word: u.label, used: [a.text], how: a.how })
    }
    if (!r.n && u.term.kind === 'cjk' && u.term.text.length >= 2) {
      const h = this.sourced(1, () => this.evalHomophone(u.term, domain, nd))
      if (h.n) {
        note(rewrites, { word: u.label, used: this.sampleMatches(h, nd, 3), how: 'sound' })
        r = h
      }
    }
    return r
  }

  /**
   * The units, the most selective first (each is then looked up among the records the earlier
   * ones left). A unit costs what all its forms do: 援疆队 as typed finds nothing, but its
   * synonym 援疆工作队 is in most records, and looked up first it made 援疆队 培训 read 75,000.
   */
  protected cheapestFirst(units: Unit[]): Unit[] {
    const cost = (u: Unit) => u.alts.reduce((sum, a) => sum + this.estimate({ ...u.term, text: a.text }), this.estimate(u.term))
    return units.map((u) => ({ u, cost: cost(u) })).sort((a, b) => a.cost - b.cost).map((x) => x.u)
  }

  /**
   * While reading is put off (joint): the lookup's result, noted as one of the unit's
   * sources, or the unit marked as not joinable when the lookup merged several readings.
   */
  private sourced(factor: number, run: () => ScoreSet): ScoreSet {
    const deferred = this.deferred
    if (!deferred || !this.sources) return run()
    const before = deferred.length
    const r = run()
    const made = deferred.length - before
    if (made === 0) this.sources.push({ set: r, part: null, factor })
    else if (made === 1 && deferred[before]!.out === r) this.sources.push({ set: r, part: deferred[before]!, factor })
    else this.sources = null
    return r
  }

  /** The current unit's sources while reading is put off (null once one cannot be joined). */
  private sources: Source[] | null = null

  protected wordUnit(u: Unit, w: string, th: Thesaurus): Unit {
    return { label: w, term: { ...u.term, kind: CJK_ONLY.test(w) ? 'cjk' : 'literal', text: w }, alts: altsFor(w, th), required: false, decomposable: false }
  }

  /**
   * Every unit as typed, its reading put off (IndexReading.deferred), each looked up among the
   * records the earlier ones left; then the records that have them all, read best-first by
   * the sum of the units' bounds until the top is settled (joint.ts). A unit scores the best
   * of its sources (as typed, its other forms, its sound: see sourced). Null when a unit finds
   * nothing, or one lookup merged several readings (a word retried in pieces, pinyin read
   * several ways): the query is then worked out unit by unit.
   */
  protected joint(units: Unit[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[]): { set: ScoreSet; concepts: Concept[] } | null {
    const deferred: Deferred[] = []
    const words: Source[][] = []
    const concepts: Concept[] = []
    // Kept apart until the attempt holds: the unit-by-unit pass says its own.
    const said = { rewrites: [] as SearchRewrite[], warnings: [] as SearchWarning[] }
    let cur: ScoreSet | null = null
    this.deferred = deferred
    try {
      for (const u of units) {
        const nd: Needles = { strings: [], chains: [] }
        this.sources = []
        const r = this.evalUnit(u, cur ?? domain, nd, said.rewrites, said.warnings)
        if (!r.n || !this.sources) return null
        words.push(this.sources.filter((s) => s.set.n))
        concepts.push({ unit: u, nd, solo: null })
        cur = cur ? addScores(cur, r, this.sc) : r
      }
    } finally {
      this.deferred = null
      this.sources = null
    }
    let set = cur!
    if (words.some((w) => w.some((s) => s.part))) {
      const { upper, read } = jointReading(set, words, this.sc, this.nextDoc)
      set = this.verifySettled(set, upper, set.scores, read)
    }
    if (!set.n) return null
    rewrites.push(...said.rewrites)
    warnings.push(...said.warnings)
    return { set, concepts }
  }

  /**
   * The partial ranking when no record has every unit on the index's evidence, with each
   * unit's reading put off (as for joint): the records are then read once, best-first by
   * their bound, until the top is settled. Read unit by unit, each read up to 3,000 of its
   * own records (演出 机器人 昌吉市: 3,000 for 昌吉市 alone). Null when the word-by-word pass
   * must decide: a unit merged several readings, a unit that finds nothing would be split
   * into words, some record may have every unit, or there are more units than the ranking
   * weighs.
   */
  protected partialJoint(units: Unit[], domain: DocSet | null, th: Thesaurus, rewrites: SearchRewrite[], warnings: SearchWarning[]) {
    if (units.length > PARTIAL_UNITS || units.every((u) => u.required)) return null
    const words: Source[][] = []
    const concepts: Concept[] = []
    const said = { rewrites: [] as SearchRewrite[], warnings: [] as SearchWarning[] }
    this.deferred = []
    try {
      for (const u of units) {
        const nd: Needles = { strings: [], chains: [] }
        this.sources = []
        const r = this.evalUnit(u, domain, nd, said.rewrites, said.warnings)
        if (!this.sources) return null
        if (!r.n && u.decomposable && u.label.length >= 3) {
          const dec = decompose(u.label, this.vocabulary(), th)
          if (dec.words.length > 1 || (dec.words[0] ?? u.label) !== u.label) return null
        }
        words.push(this.sources.filter((s) => s.set.n))
        concepts.push({ unit: u, nd, solo: r })
      }
    } finally {
      this.deferred = null
      this.sources = null
    }
    const p = this.partial(concepts, domain, said.rewrites, said.warnings, words)
    if (!p) return null
    rewrites.push(...said.rewrites)
    warnings.push(...said.warnings)
    return { concepts, p }
  }

  /**
   * Every unit over the whole filtered set; a record's rank is the share of the query it
   * covers, each unit weighted by how rare it is (idf) times how well it matched there.
   * With `words` (partialJoint: the units' solos are on the evidence, their reading put
   * off), the records are read best-first by their bound until the top is settled; null if
   * some record has every unit on the evidence.
   */
  protected partial(concepts: Concept[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[]): PartialRanking
  protected partial(concepts: Concept[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[], words: Source[][]): PartialRanking | null
  protected partial(concepts: Concept[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[], words?: Source[][]): PartialRanking | null {
    const k = Math.min(concepts.length, PARTIAL_UNITS)
    const space = this.nextDoc
    const acc = this.sc.f64(space).fill(0)
    const mask = this.sc.i32(space).fill(0)
    const N = domain ? domain.n : this.nextDoc - this.dead
    let idfSum = 0
    let req = 0
    const idfs: number[] = []
    for (let i = 0; i < k; i++) {
      const c = concepts[i]!
      c.solo ??= this.evalUnit(c.unit, domain, { strings: [], chains: [] }, rewrites, warnings)
      const s = c.solo
      const idf = Math.log(1 + N / (1 + s.n))
      idfs.push(idf)
      idfSum += idf
      if (c.unit.required) req |= 1 << i
      const bit = 1 << i
      for (let j = 0; j < s.n; j++) {
        const d = s.docs[j]!
        mask[d]! |= bit
        acc[d]! += idf * s.scores[j]!
      }
    }
    const fullBits = k >= 31 ? -1 : (1 << k) - 1
    let n = 0
    for (let d = 0; d < space; d++) if (mask[d] && (mask[d]! & req) === req && this.alive[d]) n++
    const norm = MAX_SCORE / (idfSum * 3 || 1)
    const docs = this.sc.i32(n)
    const scores = this.sc.f64(n)
    n = 0
    for (let d = 0; d < space; d++) {
      const m = mask[d]!
      if (!m || (m & req) !== req || !this.alive[d]) continue
      docs[n] = d
      const isFull = m === fullBits
      // Strict records by their summed scores (as the strict ranking does), then the rest by coverage.
      if (isFull && words) return null
      scores[n++] = (isFull ? STRICT_BONUS : 0) + norm * acc[d]!
    }
    let set: ScoreSet = { docs, n, scores }
    // Nothing put off (every unit's score final on the index): the evidence is the ranking.
    if (words?.some((w) => w.some((x) => x.part))) {
      // Bound: each unit at its most (a put-off source at its upper bound), summed per record.
      const word = jointWords(set, words, this.sc, space)
      const at = positionsOf(set, space, this.sc)
      const most = this.sc.f64(n).fill(0)
      for (let w = 0; w < k; w++) {
        const sources = words[w]!
        const idf = idfs[w]!
        if (!sources.some((x) => x.part)) {
          const solo = concepts[w]!.solo!
          for (let j = 0; j < solo.n; j++) {
            const i = at[solo.docs[j]!]!
            if (i >= 0) most[i]! += idf * solo.scores[j]!
          }
        } else for (let i = 0; i < n; i++) most[i]! += idf * Math.max(0, word(w, i, false))
      }
      // (No record is full here: one full on the evidence returned null above.)
      const upper = this.sc.f64(n)
      for (let i = 0; i < n; i++) upper[i] = norm * most[i]!
      // Read: each unit as read (mask[d] becomes what was found).
      const read = (i: number): number => {
        let a = 0
        let m = 0
        for (let w = 0; w < k; w++) {
          const r = word(w, i, true)
          if (r < 0) continue
          a += idfs[w]! * r
          m |= 1 << w
        }
        if (!m || (m & req) !== req) return -1
        mask[docs[i]!] = m
        return norm * a
      }
      set = this.verifySettled(set, upper, scores, read)
    }
    const labels = concepts.slice(0, k).map((c) => c.unit.label)
    const missingOf = (d: number): string[] => {
      const m = mask[d]!
      return m === fullBits ? [] : labels.filter((_, i) => !((m >> i) & 1))
    }
    return { set, isFull: (d: number) => mask[d] === fullBits, missingOf }
  }
}

function note(list: SearchRewrite[], r: SearchRewrite): void {
  const same = list.find((x) => x.word === r.word && x.how === r.how)
  if (!same) list.push(r)
  else for (const u of r.used) if (!same.used.includes(u)) same.used.push(u)
}
