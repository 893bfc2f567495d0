// A query of several words read once for all of them. Each word's candidates are first
// found on the index's evidence alone (IndexReading.deferred); then the records that have
// every word are read best-first by the sum of the words' bounds, and reading stops once
// the top is settled (IndexReading.readBest), as for a one-word query. Read word by word,
// each word read up to 3,000 of its own candidates by its own bound, most of which the
// other words then dropped, and the top was exact only if no budget ran out.
import { positionsOf, type ScoreSet } from './postings'
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
 * Word w's score for record i of `cur`: the most its sources allow (`reading` false), or what
 * reading them gives (-1: the word does not match there, on the evidence or once read). A
 * word scores the best of its sources.
 */
export type WordScore = (w: number, i: number, reading: boolean) => number

/** The WordScore of each record of `cur` (records need not have every word: see the partial ranking). */
export function jointWords(cur: ScoreSet, words: Source[][], sc: Scratch, space: number): WordScore {
  // Per source, where each record of cur is in it (-1: not there, or not a match on the evidence).
  const where = words.map((sources) =>
    sources.map((s) => {
      const map = positionsOf(s.part ? s.part.set : s.set, space, sc)
      const pos = sc.i32(cur.n)
      for (let i = 0; i < cur.n; i++) {
        const j = map[cur.docs[i]!]!
        pos[i] = j >= 0 && s.part && s.part.assumed[j]! < 0 ? -1 : j
      }
      return pos
    }),
  )
  return (w, i, reading) => {
    let best = -1
    const sources = words[w]!
    // Final scores first: a put-off source is read only if its bound could beat them (培训
    // as typed makes reading 培训班 pointless wherever it scores as high).
    for (let k = 0; k < sources.length; k++) {
      const j = where[w]![k]![i]!
      if (j >= 0 && !sources[k]!.part && sources[k]!.set.scores[j]! > best) best = sources[k]!.set.scores[j]!
    }
    for (let k = 0; k < sources.length; k++) {
      const j = where[w]![k]![i]!
      const s = sources[k]!
      const p = s.part
      if (j < 0 || !p || s.factor * p.upper[j]! <= best) continue
      const v = reading ? p.read(j) : p.upper[j]!
      if (v >= 0 && s.factor * v > best) best = s.factor * v
    }
    return best
  }
}

/**
 * The bound and the reader of each record of `cur` (every record has every word; its score
 * is the words' sum on the evidence): the sum of the words' most, and the sum once the
 * put-off sources are read (-1 when a word does not match after all).
 */
export function jointReading(cur: ScoreSet, words: Source[][], sc: Scratch, space: number): { upper: Float64Array; read: (i: number) => number } {
  const word = jointWords(cur, words, sc, space)
  const upper = sc.f64(cur.n)
  for (let i = 0; i < cur.n; i++) {
    let u = 0
    for (let w = 0; w < words.length; w++) u += word(w, i, false)
    upper[i] = u
  }
  const read = (i: number): number => {
    let s = 0
    for (let w = 0; w < words.length; w++) {
      const r = word(w, i, true)
      if (r < 0) return -1
      s += r
    }
    return s
  }
  return { upper, read }
}
