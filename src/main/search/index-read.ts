// Reading candidates' texts to verify a match: which to read (verifyPlan for a literal,
// readBest for a word or a pinyin chain: best-first by an upper bound, until the top is
// settled), and a term's result from what was read and what the index vouches for
// (verify). A query of several words may put the reading off and read once for all of
// its words (deferred, joint.ts).
import type { DocSet, ScoreSet } from './postings'
import { IndexSets } from './index-sets'
import { BestFirst } from './best-first'
import * as postingsMod from './postings'

// Imported helpers copied into locals (hot loops; some loaders turn imports into getters).
const rankKey = postingsMod.rankKey

/** Candidates whose text is read to verify a match, per term, at most (see verifyPlan, readBest). */
const VERIFY_BUDGET = 3000
/** Up to this many candidates, a term reads every one (its total is then exact). */
const VERIFY_ALL = 1000
/**
 * The deepest ranking that reading best-first settles: it stops once the ranking's depth
 * (settleDepth) are settled. A deeper ranking (an export's scope asks for every match)
 * does not stop early: its records beyond the top are read, up to the budget, as before.
 */
export const SETTLE = 200

/**
 * A term whose reading was put off while a query of several words is worked out (see
 * IndexReading.deferred, joint.ts): its candidates, the most and the least each may score
 * (upper, and assumed: the index's evidence alone), its reader, and the result it gave.
 */
export interface Deferred {
  set: DocSet
  upper: Float64Array
  assumed: Float64Array
  read: (i: number) => number
  out: ScoreSet
}

export class IndexReading extends IndexSets {
  /**
   * The query being worked out has one term and no exclusion: a term's best records are
   * then the query's, and reading best-first may stop once they are settled (readBest).
   * With more terms their scores add up, and a term's own best say little of the sum; their
   * joint reading (joint.ts) sets it while it reads by the sum.
   */
  protected settle = false

  /**
   * How many of the top reading best-first settles: the depth of the ranking being worked
   * out (at most SETTLE). A first page ranks two pages (search-index.ts, PAGES_AHEAD), and
   * a broad query's top 100 settles after far fewer reads than its top 200.
   */
  protected settleDepth = SETTLE

  /**
   * Before working out a ranking `depth` deep: what reading best-first settles, and whether a
   * term's own best records are the query's (`single`: one term, no exclusion).
   */
  protected rankingDepth(depth: number, single: boolean): void {
    this.settleDepth = Math.min(depth, SETTLE)
    this.settle = single && depth <= SETTLE
  }

  /**
   * While not null, a term does not read its candidates: verify scores them on the index's
   * evidence and records here how to read them, so that a query of several words reads the
   * records that have every word once, best-first by the sum of their bounds (joint.ts).
   */
  protected deferred: Deferred[] | null = null

  /**
   * A term's result from its candidates: read best-first (readBest), the unread ones counted
   * on the index's evidence (`assumed`; -1: no match). While `deferred`, none is read.
   */
  protected verify(set: DocSet, upper: Float64Array, assumed: Float64Array, read: (i: number) => number): ScoreSet {
    return this.readNow(set, upper, assumed, read, this.deferred)
  }

  /**
   * verify for a reading of several words by their sum (joint.ts, the partial ranking): read
   * at once, and stopping once the top is settled, whatever the query's own `settle`.
   */
  protected verifySettled(set: DocSet, upper: Float64Array, assumed: Float64Array, read: (i: number) => number): ScoreSet {
    const settle = this.settle
    this.settle = true
    try {
      return this.readNow(set, upper, assumed, read)
    } finally {
      this.settle = settle
    }
  }

  /** verify, read at once (or put off into `deferring`). */
  protected readNow(set: DocSet, upper: Float64Array, assumed: Float64Array, read: (i: number) => number, deferring: Deferred[] | null = null): ScoreSet {
    const got = deferring ? assumed : this.sc.f64(set.n)
    const done = deferring ? null : this.readBest(set, upper, read, got)
    const docs = this.sc.i32(set.n)
    const scores = this.sc.f64(set.n)
    let n = 0
    for (let i = 0; i < set.n; i++) {
      const s = done === null || done[i] ? got[i]! : assumed[i]!
      if (s < 0) continue
      docs[n] = set.docs[i]!
      scores[n++] = s
    }
    const out = { docs, n, scores }
    deferring?.push({ set, upper, assumed, read, out })
    return out
  }

  /**
   * Reads candidates best first. `upper[i]` is the most candidate i can score (the index's
   * evidence, every read succeeding); `read(i)` reads its text and returns its score, or
   * -1 when it does not match, into `got[i]`. Up to VERIFY_ALL candidates (VERIFY_BUDGET
   * unless `settle`), all are read. Beyond, they are read in order of that bound (by the
   * ranking's own key: score, then date), up to VERIFY_BUDGET; with `settle`, only until
   * settleDepth of those read rank above every bound not yet read. The top of a one-term
   * query's ranking is then what reading them all would give, after a few hundred reads
   * rather than thousands. Returns which were read (null: every one); the others count on
   * the index's evidence.
   */
  protected readBest(set: DocSet, upper: Float64Array, read: (i: number) => number, got: Float64Array): Uint8Array | null {
    const n = set.n
    if (n <= (this.settle ? VERIFY_ALL : VERIFY_BUDGET)) {
      for (let i = 0; i < n; i++) got[i] = read(i)
      return null
    }
    const docs = set.docs
    const dateKey = this.dateKey
    const key = this.sc.f64(n)
    for (let i = 0; i < n; i++) key[i] = rankKey(upper[i]!, dateKey[docs[i]!]!)
    const order = new BestFirst(key, n, this.sc.i32(n))
    const done = this.sc.u8z(n)
    // The `want` best keys read so far, the worst of them at the root.
    const want = this.settleDepth
    const heap = new Float64Array(want)
    let size = 0
    for (let taken = 0; taken < VERIFY_BUDGET; taken++) {
      const i = order.pop()
      if (i < 0 || (this.settle && size === want && key[i]! < heap[0]!)) break
      const s = read(i)
      got[i] = s
      done[i] = 1
      if (s < 0) continue
      const k = rankKey(s, dateKey[docs[i]!]!)
      if (size < want) {
        let c = size++
        while (c > 0 && heap[(c - 1) >> 1]! > k) {
          heap[c] = heap[(c - 1) >> 1]!
          c = (c - 1) >> 1
        }
        heap[c] = k
      } else if (k > heap[0]!) {
        let c = 0
        for (;;) {
          const l = 2 * c + 1
          if (l >= want) break
          const m = l + 1 < want && heap[l + 1]! < heap[l]! ? l + 1 : l
          if (heap[m]! >= k) break
          heap[c] = heap[m]!
          c = m
        }
        heap[c] = k
      }
    }
    return done
  }

  // ---- set operations over posting lists ------------------------------------------
}
