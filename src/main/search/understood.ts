// Queries read as staff mean them (see understand/): each unit is found as typed or
// through its other forms (thesaurus, numbers, sound); a unit that finds nothing is split
// into its words; and when no record has every unit, records are ranked by how much of
// the query they cover (BM25-style: rarer units weigh more, title/tags/places above body
// through the per-unit field scores), after the records that have everything.
import type { SearchRewrite, SearchWarning } from '../../shared/api'
import type { RecordKind } from '../../shared/domain'
import { RECORD_KINDS } from '../../shared/domain'
import { uniqueWarnings, type EngineResult } from './engine'
import type { Filter, ParsedQuery } from './query'
import type { DocSet, ScoreSet } from './postings'
import type { Needles } from './match'
import { TermEvaluator } from './evaluate'
import { SETTLE, type Deferred } from './index-read'
import { jointReading, jointWords, type Source } from './joint'
import { analyze, altsFor, decompose, type Unit } from './understand/analyze'
import { thesaurusFor, SHIPPED_WORDS, type Thesaurus } from './understand/thesaurus'
import { MAX_SCORE } from './score'
import type { SearchContext, SearchInput } from './search-index'
import * as postingsMod from './postings'

const addScores = postingsMod.addScores
const topByRank = postingsMod.topByRank
const maxMerge = postingsMod.maxMerge
const subtract = postingsMod.subtract
const positionsOf = postingsMod.positionsOf
const EMPTY = postingsMod.EMPTY
const KINDS: RecordKind[] = [...RECORD_KINDS]

/** A match through another form ranks a little below the word itself. */
const FACTOR = { synonym: 0.9, abbreviation: 0.9, number: 0.95 } as const
/** Partial matches are appended when fewer records than this have every unit. */
export const PARTIAL_BELOW = 10
/** Strict hits rank above every partial one (scores stay below this). */
const STRICT_BONUS = 10
const SHIPPED: ReadonlySet<string> = new Set(SHIPPED_WORDS)
const CJK_ONLY = /^[\u3400-\u9fff\uf900-\ufaff〇]+$/

/** A ranked record: doc id, score in [0, 1], the query's words it lacks. */
export interface RankedHit {
  d: number
  score: number
  missing?: string[]
}

/** A query's outcome before highlighting (result.hits empty): enough to serve any page of its top. */
export interface Ranked {
  result: EngineResult
  /** The best records, best first (as many as were asked for, or all). */
  top: RankedHit[]
  /** What matched, per query unit, for highlights. */
  needles: Needles[]
}

/** A filter over a doc list: keeps the docs that pass in place (in order), returns how many. */
export type DocPass = (docs: Int32Array, n: number) => number

/** The most units the partial ranking weighs (one bit each in a record's mask). */
const PARTIAL_UNITS = 30

interface PartialRanking {
  set: ScoreSet
  isFull: (d: number) => boolean
  missingOf: (d: number) => string[]
}

interface Concept {
  unit: Unit
  nd: Needles
  /** The unit over the whole filtered set (null until the partial ranking needs it). */
  solo: ScoreSet | null
}

export abstract class UnderstandingEvaluator extends TermEvaluator {
  protected abstract predicate(filters: Filter[], kinds: RecordKind[] | undefined, ctx: SearchContext, warnings: SearchWarning[]): DocPass[] | null

  /** The archive's names and the shipped domain words: what segmentation keeps whole. */
  protected vocabulary(): { has(w: string): boolean } {
    return { has: (w) => SHIPPED.has(w) || this.vocab.has(w) }
  }

  /**
   * The records that pass the filters (null: no filters). Words are looked up among them,
   * so that a word's fallbacks, such as its homophones, are tried within the filtered set.
   */
  protected domainOf(passes: DocPass[] | null): DocSet | null {
    if (!passes) return null
    const all = this.allDocs()
    let n = all.n
    for (const pass of passes) n = pass(all.docs, n)
    return { docs: all.docs, n }
  }

  /** Adds up the set's records per kind (a typed count: a broad query has most of the archive). */
  protected countKinds(set: DocSet, out: Record<RecordKind, number>): void {
    const n = new Float64Array(KINDS.length)
    const kindOf = this.kindOf
    const docs = set.docs
    for (let i = 0; i < set.n; i++) n[kindOf[docs[i]!]!]!++
    for (let k = 0; k < KINDS.length; k++) out[KINDS[k]!] += n[k]!
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
  private cheapestFirst(units: Unit[]): Unit[] {
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

  private wordUnit(u: Unit, w: string, th: Thesaurus): Unit {
    return { label: w, term: { ...u.term, kind: CJK_ONLY.test(w) ? 'cjk' : 'literal', text: w }, alts: altsFor(w, th), required: false, decomposable: false }
  }

  /** The query's result (hits left empty) and its best `depth` records, ranked. */
  protected runUnderstood(parsed: ParsedQuery, input: SearchInput, ctx: SearchContext, rank: boolean, depth = input.limit): Ranked {
    this.sc.reset()
    const th = thesaurusFor(ctx.thesaurus, ctx.thesaurusOff)
    const numbers = new Set(this.batchNumbers.values())
    const A = analyze(parsed, { thesaurus: th, batchExists: (n) => numbers.has(n) })
    const warnings = [...parsed.warnings]
    const rewrites: SearchRewrite[] = []
    const ignored = [...A.ignored]
    const countsByKind: Record<RecordKind, number> = { batch: 0, report: 0, achievement: 0, photo: 0 }
    const understood = { chips: A.chips, rewrites, ignored, missing: [] as string[], strictTotal: 0 }
    const result = (total: number, top: RankedHit[] = [], needles: Needles[] = []): Ranked => {
      understood.ignored = [...new Set(ignored)].map(shorten)
      understood.missing = understood.missing.map(shorten)
      return { result: { total, hits: [], countsByKind, warnings: uniqueWarnings(warnings), suggestions: [], understood }, top, needles }
    }
    if (!A.units.length && !A.negatives.length && !A.filters.length) return result(0)

    const domain = this.domainOf(this.predicate(A.filters, input.kinds, ctx, warnings))

    // A unit with function words inside (沙尼汗小院的改造) is a phrase, not a word: its words are the units.
    const units: Unit[] = []
    for (const u of A.units) {
      if (!u.decomposable || u.label.length < 4) {
        units.push(u)
        continue
      }
      const dec = decompose(u.label, this.vocabulary(), th)
      if (!dec.ignored.length || !dec.words.length) {
        units.push(u)
        continue
      }
      ignored.push(...dec.ignored)
      for (const w of dec.words) units.push(this.wordUnit(u, w, th))
    }

    // One unit and no exclusion: its own best records are the query's (see readBest).
    this.settle = units.length === 1 && !A.negatives.length && depth <= SETTLE
    this.settleDepth = Math.min(depth, SETTLE)
    // Every unit, cheapest first, each looked up among the records the earlier ones left.
    const concepts: Concept[] = []
    let cur: ScoreSet | null = null
    let dead = false
    const ordered = this.cheapestFirst(units)
    // Several words: read together, best-first by their summed bounds.
    const joined = units.length >= 2 && !A.negatives.length && depth <= SETTLE ? this.joint(ordered, domain, rewrites, warnings) : null
    if (joined) {
      cur = joined.set
      concepts.push(...joined.concepts)
    }
    // No record has every word (演出 机器人 昌吉市): the partial ranking, read once for all.
    const partly = !joined && !input.strict && rank && units.length >= 2 && !A.negatives.length && depth <= SETTLE ? this.partialJoint(ordered, domain, th, rewrites, warnings) : null
    if (partly) {
      concepts.push(...partly.concepts)
      dead = true
    }
    for (const u of joined || partly ? [] : ordered) {
      if (cur && !dead) {
        const nd: Needles = { strings: [], chains: [] }
        const r = this.evalUnit(u, cur, nd, rewrites, warnings)
        if (r.n) {
          cur = addScores(cur, r, this.sc)
          concepts.push({ unit: u, nd, solo: null })
          continue
        }
      }
      // Nothing among those records: is it the unit itself that nothing has?
      const nd: Needles = { strings: [], chains: [] }
      // The last unit, when every other found nothing (干熄焦 外星人): its own best records
      // are the partial ranking's (which scales each record's score by one factor).
      if (u === ordered[ordered.length - 1]! && !A.negatives.length && depth <= SETTLE && cur === null && concepts.every((c) => c.solo && !c.solo.n)) this.settle = true
      const solo = this.evalUnit(u, domain, nd, rewrites, warnings)
      if (solo.n || !u.decomposable || u.label.length < 3) {
        concepts.push({ unit: u, nd, solo })
        if (cur === null && solo.n && !dead) cur = solo
        else dead = true
        continue
      }
      const dec = decompose(u.label, this.vocabulary(), th)
      this.settle = false
      ignored.push(...dec.ignored)
      if (dec.words.length <= 1 && (dec.words[0] ?? u.label) === u.label) {
        concepts.push({ unit: u, nd, solo })
        dead = true
        continue
      }
      // The query's only unit, in words (昌吉州二中): read together when they all match.
      const whole = !concepts.length && cur === null && !dead && dec.words.length >= 2 && !A.negatives.length && depth <= SETTLE
      const j = whole ? this.joint(this.cheapestFirst(dec.words.map((w) => this.wordUnit(u, w, th))), domain, rewrites, warnings) : null
      if (j && j.set.n >= PARTIAL_BELOW) {
        cur = j.set
        concepts.push(...j.concepts)
        continue
      }
      for (const w of dec.words) {
        const wu = this.wordUnit(u, w, th)
        const ndw: Needles = { strings: [], chains: [] }
        const s = this.evalUnit(wu, domain, ndw, rewrites, warnings)
        concepts.push({ unit: wu, nd: ndw, solo: s })
        if (dead) continue
        cur = cur ? addScores(cur, s, this.sc) : s
        if (!cur.n) dead = true
      }
    }

    let set: ScoreSet
    let isFull: ((d: number) => boolean) | null = null
    let missingOf: ((d: number) => string[]) | null = null
    const strict = dead ? EMPTY : cur
    const loose = concepts.filter((c) => !c.unit.required).length
    if (partly || (!input.strict && rank && concepts.length >= 2 && loose > 0 && (strict?.n ?? 0) < Math.min(input.limit, PARTIAL_BELOW))) {
      const p = partly?.p ?? this.partial(concepts, domain, rewrites, warnings)
      set = p.set
      isFull = p.isFull
      missingOf = p.missingOf
    } else if (strict) {
      set = strict
      understood.strictTotal = strict.n
    } else {
      // Only filters (and exclusions): every record that passes, newest first.
      const src = domain ?? this.allDocs()
      set = { docs: src.docs, n: src.n, scores: this.sc.f64(src.n).fill(0) }
    }
    for (const c of concepts) if (c.solo && !c.solo.n) understood.missing.push(c.unit.label)

    for (const t of A.negatives) {
      if (!set.n) break
      const m = this.evalTerm({ ...t, negate: false }, set, { strings: [], chains: [] }, [], false)
      set = subtract(set, m, this.sc)
    }
    understood.strictTotal = isFull ? 0 : set.n
    if (isFull) for (let i = 0; i < set.n; i++) if (isFull(set.docs[i]!)) understood.strictTotal++
    const total = set.n
    this.countKinds(set, countsByKind)
    if (!rank) return result(total)
    const weightSum = concepts.reduce((s, c) => s + c.unit.term.weight, 0) || 1
    const top = topByRank(set, this.dateKey, Math.max(1, depth)).map((i): RankedHit => {
      const d = set.docs[i]!
      const raw = isFull?.(d) ? set.scores[i]! - STRICT_BONUS : set.scores[i]!
      const missing = missingOf?.(d) ?? []
      return { d, score: Math.min(1, isFull ? raw / MAX_SCORE : raw / (MAX_SCORE * weightSum)), ...(missing.length ? { missing } : {}) }
    })
    return result(total, top, concepts.map((c) => c.nd))
  }

  /**
   * Every unit as typed, its reading put off (IndexReading.deferred), each looked up among the
   * records the earlier ones left; then the records that have them all, read best-first by
   * the sum of the units' bounds until the top is settled (joint.ts). A unit scores the best
   * of its sources (as typed, its other forms, its sound: see sourced). Null when a unit finds
   * nothing, or one lookup merged several readings (a word retried in pieces, pinyin read
   * several ways): the query is then worked out unit by unit.
   */
  private joint(units: Unit[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[]): { set: ScoreSet; concepts: Concept[] } | null {
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
  private partialJoint(units: Unit[], domain: DocSet | null, th: Thesaurus, rewrites: SearchRewrite[], warnings: SearchWarning[]) {
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
  private partial(concepts: Concept[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[]): PartialRanking
  private partial(concepts: Concept[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[], words: Source[][]): PartialRanking | null
  private partial(concepts: Concept[], domain: DocSet | null, rewrites: SearchRewrite[], warnings: SearchWarning[], words?: Source[][]): PartialRanking | null {
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

/** Words quoted back to the user stay readable: a pasted paragraph is cut. */
function shorten(w: string): string {
  return w.length > 24 ? w.slice(0, 23) + '…' : w
}

function note(list: SearchRewrite[], r: SearchRewrite): void {
  const same = list.find((x) => x.word === r.word && x.how === r.how)
  if (!same) list.push(r)
  else for (const u of r.used) if (!same.used.includes(u)) same.used.push(u)
}
