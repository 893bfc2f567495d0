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
import { SETTLE } from './index-read'
import { analyze, decompose, type Unit } from './understand/analyze'
import { thesaurusFor } from './understand/thesaurus'
import { MAX_SCORE } from './score'
import type { SearchContext, SearchInput } from './search-index'
import { STRICT_BONUS, UnitEvaluator, type Concept } from './units'
import * as postingsMod from './postings'

// Imported helpers copied into locals (hot loops; some loaders turn imports into getters).
const addScores = postingsMod.addScores
const topByRank = postingsMod.topByRank
const subtract = postingsMod.subtract
const EMPTY = postingsMod.EMPTY
const KINDS: RecordKind[] = [...RECORD_KINDS]

/** Partial matches are appended when fewer records than this have every unit. */
export const PARTIAL_BELOW = 10

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

export abstract class UnderstandingEvaluator extends UnitEvaluator {
  protected abstract predicate(filters: Filter[], kinds: RecordKind[] | undefined, ctx: SearchContext, warnings: SearchWarning[]): DocPass[] | null

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
    this.rankingDepth(depth, units.length === 1 && !A.negatives.length)
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
}

/** Words quoted back to the user stay readable: a pasted paragraph is cut. */
function shorten(w: string): string {
  return w.length > 24 ? w.slice(0, 23) + '…' : w
}
