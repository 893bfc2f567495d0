// A query of several words read once for all of them. Each word's candidates are first
// found on the index's evidence alone (IndexSets.deferred); then the records that have
// every word are read best-first by the sum of the words' bounds, and reading stops once
// the top is settled (IndexSets.readBest), as for a one-word query. Read word by word,
// each word read up to 3,000 of its own candidates by its own bound, most of which the
// other words then dropped, and the top was exact only if no budget ran out.
import type { ScoreSet } from './postings'
import type { Deferred } from './index-sets'
import type { Scratch } from './scratch'

/**
 * The bound and the reader of each record of `cur` (the words' summed scores on the
 * evidence, every record in each part's result): the sum's most, and the sum once every
 * put-off word is read (-1 when one of them does not match after all).
 */
export function jointReading(cur: ScoreSet, parts: Deferred[], sc: Scratch, space: number): { upper: Float64Array; read: (i: number) => number } {
  const at = parts.map((p) => {
    const where = sc.i32(space)
    for (let i = 0; i < p.set.n; i++) where[p.set.docs[i]!] = i
    const pos = sc.i32(cur.n)
    for (let i = 0; i < cur.n; i++) pos[i] = where[cur.docs[i]!]!
    return pos
  })
  const upper = sc.f64(cur.n)
  for (let i = 0; i < cur.n; i++) {
    let u = cur.scores[i]!
    for (let k = 0; k < parts.length; k++) {
      const j = at[k]![i]!
      u += parts[k]!.upper[j]! - parts[k]!.assumed[j]!
    }
    upper[i] = u
  }
  const read = (i: number): number => {
    let s = cur.scores[i]!
    for (let k = 0; k < parts.length; k++) {
      const j = at[k]![i]!
      const r = parts[k]!.read(j)
      if (r < 0) return -1
      s += r - parts[k]!.assumed[j]!
    }
    return s
  }
  return { upper, read }
}
