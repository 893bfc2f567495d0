// A query of several words read once for all of them. Each word's candidates are first
// found on the index's evidence alone (IndexReading.deferred); then the records that have
// every word are read best-first by the sum of the words' bounds, and reading stops once
// the top is settled (IndexReading.readBest), as for a one-word query. Read word by word,
// each word read up to 3,000 of its own candidates by its own bound, most of which the
// other words then dropped, and the top was exact only if no budget ran out.
import type { ScoreSet } from './postings'
import type { Deferred } from './index-read'
import type { Scratch } from './scratch'

/**
 * One lookup a word's score comes from: the word as typed, or one of its other forms
 * (scaled by `factor`), or its sound. A word scores the best of its sources. `part` is the
 * reading put off; without it, `set` is final (its scores already scaled).
 */
export interface Source {
  set: ScoreSet
  part: Deferred | null
  factor: number
}

/**
 * The bound and the reader of each record of `cur` (every record has every word; its score
 * is the words' sum on the evidence): the sum's most, and the sum once the put-off sources
 * are read (-1 when a word does not match after all).
 */
export function jointReading(cur: ScoreSet, words: Source[][], sc: Scratch, space: number): { upper: Float64Array; read: (i: number) => number } {
  // Per source, where each record of cur is in it (-1: not there).
  const where = words.map((sources) =>
    sources.map((s) => {
      const docs = s.part ? s.part.set.docs : s.set.docs
      const n = s.part ? s.part.set.n : s.set.n
      const map = sc.i32(space).fill(-1)
      for (let i = 0; i < n; i++) map[docs[i]!] = i
      const pos = sc.i32(cur.n)
      for (let i = 0; i < cur.n; i++) {
        const j = map[cur.docs[i]!]!
        pos[i] = j >= 0 && s.part && s.part.assumed[j]! < 0 ? -1 : j
      }
      return pos
    }),
  )
  /** A word's score for record i: on the evidence (0), its most (1), or read (2). */
  const word = (w: number, i: number, how: 0 | 1 | 2): number => {
    let best = -1
    const sources = words[w]!
    for (let k = 0; k < sources.length; k++) {
      const j = where[w]![k]![i]!
      if (j < 0) continue
      const s = sources[k]!
      const p = s.part
      const v = !p ? s.set.scores[j]! : how === 0 ? s.factor * p.assumed[j]! : how === 1 ? s.factor * p.upper[j]! : p.read(j)
      const scaled = p && how === 2 ? (v < 0 ? -1 : s.factor * v) : v
      if (scaled > best) best = scaled
    }
    return best
  }
  const upper = sc.f64(cur.n)
  for (let i = 0; i < cur.n; i++) {
    let u = cur.scores[i]!
    for (let w = 0; w < words.length; w++) u += word(w, i, 1) - word(w, i, 0)
    upper[i] = u
  }
  const read = (i: number): number => {
    let s = cur.scores[i]!
    for (let w = 0; w < words.length; w++) {
      const r = word(w, i, 2)
      if (r < 0) return -1
      s += r - word(w, i, 0)
    }
    return s
  }
  return { upper, read }
}
