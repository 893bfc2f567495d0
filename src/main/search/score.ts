// Match qualities and how per-group qualities combine into a term's score; kept apart
// so the scoring rules read in one place.
import * as docMod from './doc'

// Imported constants copied into locals (hot loops; some loaders turn imports into getters).
const GROUP_WEIGHTS = Float64Array.from(docMod.GROUP_WEIGHTS)

/** Field groups other than the body (short fields). */
export const HEAD = docMod.ALL_GROUPS & ~(1 << docMod.G_BODY)
export const MAX_SCORE = 3 + 0.1 * (2 + 2 + 2 + 1.5 + 1) + 0.3

/** Quality of a match, by kind. */
export const Q = { exact: 1, inWord: 0.8, pinyin: 0.8, pinyinPrefix: 0.7, homophone: 0.7, initials: 0.6, nearby: 0.6, scattered: 0.35, syllable: 0.3 }

export function combineOne(g: number, q: number): number {
  return GROUP_WEIGHTS[g]! * q
}

/** Score for each of the 64 group masks, every group matched with quality q. */
export function maskScores(q: number, weight: number): Float64Array {
  const out = new Float64Array(64)
  const gq = new Float64Array(6)
  for (let m = 1; m < 64; m++) {
    for (let g = 0; g < 6; g++) gq[g] = (m >> g) & 1 ? q : 0
    out[m] = combine(gq) * weight
  }
  return out
}

export function setGroups(gq: Float64Array, mask: number, q: number): boolean {
  for (let g = 0; g < 6; g++) if ((mask >> g) & 1) gq[g] = q
  return mask !== 0
}

/** Score of a term from per-group qualities: the best group, and a little for the others. */
export function combine(gq: Float64Array): number {
  let best = 0
  let sum = 0
  for (let g = 0; g < 6; g++) {
    const v = GROUP_WEIGHTS[g]! * gq[g]!
    sum += v
    if (v > best) best = v
  }
  return best + 0.1 * (sum - best)
}
