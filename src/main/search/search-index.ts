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
//
// Layers, one file each: IndexData (index-data.ts) → IndexStateData (index-state.ts, saving and
// loading) → KeyWriter (index-text.ts, text to
// postings) → IndexBuilder (index-build.ts) → IndexSets (index-sets.ts) → IndexReading
// (index-read.ts, reading candidates to verify them) → ChainEvaluator
// (evaluate-chain.ts, pinyin chains) → TermEvaluator (evaluate.ts) → UnderstandingEvaluator
// (understood.ts, queries read as staff mean them) → SearchIndex here (query runs, filters,
// highlights, suggestions).
import type { HighlightRange, SearchWarning } from '../../shared/api'
import type { Area, RecordKind, ThesaurusEntry } from '../../shared/domain'
import { RECORD_KINDS } from '../../shared/domain'
import { plainUnderstanding, uniqueWarnings, type EngineHit, type EngineResult } from './engine'
import { parseQuery, type Filter, type ParsedQuery } from './query'
import { normalize } from './normalize'
import { readingOf, segmentPinyin } from './pinyin'
import type { ScoreSet } from './postings'
import { MAX_SCORE } from './score'
import { G_TITLE } from './doc'
import { SETTLE } from './index-read'
import { commonestPair, queriesFrom, thesaurusPicks } from './warm-up'
import { thesaurusFor } from './understand/thesaurus'
import type { Needles } from './match'
import { mergeRanges, window } from './highlight'
import { PARTIAL_BELOW, UnderstandingEvaluator, type DocPass, type Ranked } from './understood'
import * as matchMod from './match'
import * as postingsMod from './postings'

// Imported constants and helpers copied into locals (hot loops; some loaders turn imports into getters).
const addScores = postingsMod.addScores
const subtract = postingsMod.subtract
const topByRank = postingsMod.topByRank
const chainAt = matchMod.chainAt
const chainLength = matchMod.chainLength
const pinyinVariants = matchMod.pinyinVariants

export type { IndexStats } from './index-data'
export { textLength } from './index-build'

const KINDS: RecordKind[] = [...RECORD_KINDS]
/**
 * Records ranked for a first page of up to this many: the page and the next, which the UI asks
 * for as the list nears its end, come from that ranking. A deeper page is worked out again,
 * at least SETTLE deep (so pages 3 and 4 of 50 come from one ranking).
 */
const PAGES_AHEAD = 100

export interface SearchInput {
  q: string
  /** Hits counted from the top (the engines ask for offset + limit). */
  limit: number
  /**
   * The caller drops the first `offset` hits (a later page): they are ranked but come
   * without highlights, and a page of the query answered last is served from its ranking.
   */
  offset?: number | undefined
  kinds?: RecordKind[] | undefined
  /** No partial matches appended. */
  strict?: boolean | undefined
}

export interface SearchContext {
  areas: Area[]
  /** The archive's own thesaurus lines (the shipped ones are always used). */
  thesaurus?: readonly ThesaurusEntry[]
  /** Shipped lines switched off (thesaurusKey). */
  thesaurusOff?: readonly string[]
  /** false: read the query word for word (no segmentation, thesaurus, chips or partial matches). */
  understanding?: boolean
}

export class SearchIndex extends UnderstandingEvaluator {
  clear(): void {
    Object.assign(this, new SearchIndex())
  }

  // ---- querying -------------------------------------------------------------------

  search(input: SearchInput, ctx: SearchContext): EngineResult {
    const limit = Math.max(1, input.limit)
    const offset = Math.min(input.offset ?? 0, limit)
    // Only the limit's first PARTIAL_BELOW decide anything besides how many are ranked.
    const key = JSON.stringify([input.q, input.kinds ?? null, !!input.strict, Math.min(limit, PARTIAL_BELOW), ctx.understanding !== false, ctx.areas, ctx.thesaurus ?? null, ctx.thesaurusOff ?? null])
    let page = this.lastPage
    // A later page (an offset, or a longer list of the query asked last: an engine that does
    // not pass the offset on) comes from the ranking; a first page is always worked out afresh.
    const later = page !== null && (offset > 0 || limit > page.limit)
    if (page && later && page.key === key && page.state === this.state() && (limit <= page.ranked.top.length || page.ranked.top.length === page.ranked.result.total)) {
      page.limit = limit
    } else {
      // Ranked a page ahead (or more), for the next ones. The depth depends on the limit
      // alone, so that pages continue each other exactly as one request for them all.
      const depth = limit <= PAGES_AHEAD ? PAGES_AHEAD : Math.max(limit, SETTLE)
      const parsed = parseQuery(input.q)
      const run = { ...input, limit }
      const ranked = ctx.understanding === false ? this.run(parsed, run, ctx, true, depth) : this.runUnderstood(parsed, run, ctx, true, depth)
      const res = ranked.result
      if (res.total === 0 && (parsed.terms.length || parsed.filters.length)) res.suggestions = this.suggest(parsed, input, ctx)
      page = { key, state: this.state(), ranked, limit }
      this.lastPage = page
    }
    const { result, top, needles } = page.ranked
    const hits: EngineHit[] = top.slice(0, limit).map((h, i) => ({
      id: this.ids[h.d]!,
      score: h.score,
      highlights: i < offset ? [] : this.highlights(h.d, needles),
      ...(h.missing ? { missing: h.missing } : {}),
    }))
    return { ...result, hits }
  }

  /**
   * Queries that run each kind of evaluation (a word, a longer word, two words, an exact
   * phrase, an exclusion, a filter, pinyin in full, spaced and as initials), made from
   * the newest record's title and from the archive's two commonest bigrams, so they find
   * something here and some of them read thousands of candidates. Run twice while the
   * index is idle after loading (see warmUp): at 100,000 records a query's first run
   * took 3–10× its later ones, until the engine had compiled the code for that shape
   * of query (a broad word, a word of several segments, a long pinyin chain).
   */
  warmUpQueries(): string[] {
    const words: string[] = []
    for (let d = this.nextDoc - 1; d >= 0 && !words.length; d--) {
      if (!this.alive[d]) continue
      for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
        if ((this.partInfo[p]! & 7) !== G_TITLE) continue
        const han = this.partText[p]!.replace(/[^\u4e00-\u9fff]/g, '')
        if (han.length >= 4) words.push(han.slice(0, 4))
        break
      }
    }
    const pair = commonestPair(this.bigramText, this.lens)
    if (pair) words.push(pair)
    // Thesaurus words with other forms, counted by their rarest bigram.
    const { alt, absent } = thesaurusPicks(thesaurusFor(), (w) => {
      const keys = this.termKeys(w)
      return keys?.length ? Math.min(...keys.map((k) => this.lens[k]!)) : 0
    })
    return queriesFrom(words, alt, absent)
  }

  /** One warm-up query (see warmUpQueries); the ranking kept for the next pages is left as it was. */
  warmUp(q: string, ctx: SearchContext): void {
    const kept = this.lastPage
    try {
      this.search({ q, limit: 50 }, ctx)
    } finally {
      this.lastPage = kept
    }
  }

  /** The last query's ranking (later pages of it are served from it while the index is unchanged). */
  private lastPage: { key: string; state: string; ranked: Ranked; limit: number } | null = null

  /** Changes whenever the index does: every edit adds a doc, every removal counts a dead one, compaction and loading replace the part list. */
  private partsSeen: string[] | null = null
  private partsEpoch = 0
  private state(): string {
    if (this.partsSeen !== this.partText) {
      this.partsSeen = this.partText
      this.partsEpoch++
    }
    return `${this.partsEpoch}/${this.nextDoc}/${this.dead}`
  }

  /** Number of matches of a query (no ranking, no highlights): suggestions use it. */
  count(q: string, ctx: SearchContext, kinds?: RecordKind[]): number {
    return this.run(parseQuery(q), { q, limit: 1, kinds }, ctx, false).result.total
  }

  private run(parsed: ParsedQuery, input: SearchInput, ctx: SearchContext, rank: boolean, depth = input.limit): Ranked {
    this.sc.reset()
    const warnings = [...parsed.warnings]
    const countsByKind: Record<RecordKind, number> = { batch: 0, report: 0, achievement: 0, photo: 0 }
    const empty = (): Ranked => ({ result: { total: 0, hits: [], countsByKind, warnings, suggestions: [], understood: plainUnderstanding(0) }, top: [], needles: [] })
    const positives = parsed.terms.filter((t) => !t.negate)
    const negatives = parsed.terms.filter((t) => t.negate)
    this.rankingDepth(depth, positives.length === 1 && !negatives.length)
    if (!positives.length && !negatives.length && !parsed.filters.length) return empty()

    const passes = this.predicate(parsed.filters, input.kinds, ctx, warnings)
    const needles: Needles[] = []
    let cur: ScoreSet | null = null
    const domain = this.domainOf(passes)
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
    this.countKinds(cur, countsByKind)
    if (!rank) return { result: { total, hits: [], countsByKind, warnings, suggestions: [], understood: plainUnderstanding(total) }, top: [], needles: [] }
    const weightSum = positives.reduce((s, t) => s + t.weight, 0) || 1
    const top = topByRank(cur, this.dateKey, Math.max(1, depth)).map((i) => ({ d: cur.docs[i]!, score: Math.min(1, cur.scores[i]! / (MAX_SCORE * weightSum)) }))
    return { result: { total, hits: [], countsByKind, warnings: uniqueWarnings(warnings), suggestions: [], understood: plainUnderstanding(total) }, top, needles }
  }

  // ---- filters ----------------------------------------------------------------------

  /**
   * The filters (and the kinds asked for) as passes over a doc list, each keeping in place
   * the docs that pass and returning how many: one tight loop per filter rather than a
   * chain of closures per doc (a filter reads every record of the archive). null: none.
   */
  protected predicate(filters: Filter[], kinds: RecordKind[] | undefined, ctx: SearchContext, warnings: SearchWarning[]): DocPass[] | null {
    const passes: DocPass[] = []
    const kindPass = (ks: RecordKind[], keep: boolean): DocPass => {
      const ok = new Uint8Array(KINDS.length + 1)
      for (const k of ks) ok[KINDS.indexOf(k) + 1] = 1
      const kindOf = this.kindOf
      return (docs, n) => {
        let w = 0
        for (let i = 0; i < n; i++) {
          const d = docs[i]!
          if ((ok[kindOf[d]! + 1] === 1) === keep) docs[w++] = d
        }
        return w
      }
    }
    if (kinds?.length) passes.push(kindPass(kinds, true))
    for (const f of filters) {
      const keep = !f.negate
      switch (f.type) {
        case 'kind':
          passes.push(kindPass(f.kinds, keep))
          break
        case 'year': {
          const { lo, hi } = f
          const from = this.yearFrom
          const to = this.yearTo
          passes.push((docs, n) => {
            let w = 0
            for (let i = 0; i < n; i++) {
              const d = docs[i]!
              const y = from[d]!
              if ((y > 0 && y <= hi && to[d]! >= lo) === keep) docs[w++] = d
            }
            return w
          })
          break
        }
        case 'has': {
          const flag = f.flag
          const flags = this.flags
          passes.push((docs, n) => {
            let w = 0
            for (let i = 0; i < n; i++) {
              const d = docs[i]!
              if (((flags[d]! & flag) !== 0) === keep) docs[w++] = d
            }
            return w
          })
          break
        }
        case 'batch': {
          const batches = new Set<string>()
          for (const [id, num] of this.batchNumbers) if (num >= f.lo && num <= f.hi) batches.add(id)
          if (!batches.size) warnings.push({ code: 'no_batch', params: { range: f.lo === f.hi ? `${f.lo}` : `${f.lo}–${f.hi}` } })
          const batchOf = this.batchOf
          passes.push((docs, n) => {
            let w = 0
            for (let i = 0; i < n; i++) {
              const d = docs[i]!
              const b = batchOf[d]
              if ((b !== null && b !== undefined && batches.has(b)) === keep) docs[w++] = d
            }
            return w
          })
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
            warnings.push({ code: 'no_area', params: { value: v, areas: ctx.areas.map((a) => a.name).join('、') } })
          // Records share a handful of area values: each is judged once.
          const judged = new Map<string, boolean>()
          const areaOf = this.areaOf
          passes.push((docs, n) => {
            let w = 0
            for (let i = 0; i < n; i++) {
              const d = docs[i]!
              const a = areaOf[d]!
              let ok = judged.get(a)
              if (ok === undefined) judged.set(a, (ok = a !== '' && (accepted.has(a) || a.includes(v))))
              if (ok === keep) docs[w++] = d
            }
            return w
          })
          break
        }
      }
    }
    return passes.length ? passes : null
  }

  protected highlights(d: number, needles: Needles[]): HighlightRange[] {
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
