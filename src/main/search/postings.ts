// Doc sets and posting-list algorithms (galloping probes, merges of scored sets,
// quickselect): pure functions over typed arrays, no index state.
import type { Scratch } from './scratch'

/** A set of docs (sorted ids) with a per-doc value. */
export interface DocSet {
  docs: Int32Array
  n: number
}
export interface MaskSet extends DocSet {
  masks: Uint8Array
}
export interface ScoreSet extends DocSet {
  scores: Float64Array
}

export const EMPTY: ScoreSet = { docs: new Int32Array(0), n: 0, scores: new Float64Array(0) }

/** Room for a list of n postings, with some slack for incremental updates. */
export function slack(n: number): number {
  return n + (n >> 4) + 4
}

/** Sets out[i] |= mask of docs[i] in the list (both sorted by doc), galloping the longer side. */
export function probe(list: Int32Array, len: number, docs: Int32Array, n: number, out: Uint8Array): void {
  if (!len || !n) return
  if (len <= n) {
    let i = 0
    for (let j = 0; j < len && i < n; j++) {
      const d = list[j]! >> 6
      if (docs[i]! < d) i = gallopDocs(docs, i, n, d)
      if (i < n && docs[i] === d) out[i]! |= list[j]! & 63
    }
  } else {
    let j = 0
    for (let i = 0; i < n && j < len; i++) {
      const d = docs[i]!
      if (list[j]! >> 6 < d) j = gallopList(list, j, len, d)
      if (j < len && list[j]! >> 6 === d) out[i]! |= list[j]! & 63
    }
  }
}

// gallop for the two kinds of array probe walks, without a key function per step (the
// probes of a broad query take millions of steps).
function gallopDocs(a: Int32Array, from: number, len: number, target: number): number {
  let lo = from
  let step = 1
  let hi = from + 1
  while (hi < len && a[hi]! < target) {
    lo = hi
    step <<= 1
    hi = from + step
  }
  if (hi > len) hi = len
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a[mid]! < target) lo = mid + 1
    else hi = mid
  }
  return lo
}
function gallopList(a: Int32Array, from: number, len: number, target: number): number {
  let lo = from
  let step = 1
  let hi = from + 1
  while (hi < len && a[hi]! >> 6 < target) {
    lo = hi
    step <<= 1
    hi = from + step
  }
  if (hi > len) hi = len
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a[mid]! >> 6 < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index ≥ from where key(a[i]) ≥ target. */
export function gallop(a: Int32Array, from: number, len: number, target: number, key: (x: number) => number): number {
  let lo = from
  let step = 1
  let hi = from + 1
  while (hi < len && key(a[hi]!) < target) {
    lo = hi
    step <<= 1
    hi = from + step
  }
  if (hi > len) hi = len
  // invariant: key(a[lo]) < target (or lo === from), answer in (lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (key(a[mid]!) < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Where each doc of the set is (its index in the set; -1 for a doc not in it), over docs 0..space-1. */
export function positionsOf(set: DocSet, space: number, sc: Scratch): Int32Array {
  const where = sc.i32(space).fill(-1)
  for (let i = 0; i < set.n; i++) where[set.docs[i]!] = i
  return where
}

/** Docs in both (b ⊆ a by construction), scores added. */
export function addScores(a: ScoreSet, b: ScoreSet, sc: Scratch): ScoreSet {
  const docs = sc.i32(Math.min(a.n, b.n))
  const scores = sc.f64(docs.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.n && j < b.n) {
    const x = a.docs[i]!
    const y = b.docs[j]!
    if (x === y) {
      docs[n] = x
      scores[n++] = a.scores[i++]! + b.scores[j++]!
    } else if (x < y) i++
    else j++
  }
  return { docs, n, scores }
}

export function subtract(a: ScoreSet, b: ScoreSet, sc: Scratch): ScoreSet {
  let j = 0
  let w = 0
  const docs = sc.i32(a.n)
  const scores = sc.f64(a.n)
  for (let i = 0; i < a.n; i++) {
    const x = a.docs[i]!
    while (j < b.n && b.docs[j]! < x) j++
    if (j < b.n && b.docs[j] === x) continue
    docs[w] = x
    scores[w++] = a.scores[i]!
  }
  return { docs, n: w, scores }
}

/** Union of two scored sets, keeping the higher score. */
export function maxMerge(a: ScoreSet, b: ScoreSet, sc: Scratch): ScoreSet {
  if (!b.n) return a
  if (!a.n) return b
  const docs = sc.i32(a.n + b.n)
  const scores = sc.f64(a.n + b.n)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.n || j < b.n) {
    const x = i < a.n ? a.docs[i]! : Infinity
    const y = j < b.n ? b.docs[j]! : Infinity
    if (x === y) {
      docs[n] = x
      scores[n++] = Math.max(a.scores[i++]!, b.scores[j++]!)
    } else if (x < y) {
      docs[n] = x
      scores[n++] = a.scores[i++]!
    } else {
      docs[n] = y
      scores[n++] = b.scores[j++]!
    }
  }
  return { docs, n, scores }
}

/** The k-th largest value (quickselect, reorders the array). */
export function kthLargest(a: Float64Array, k: number): number {
  let lo = 0
  let hi = a.length - 1
  const target = k - 1
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i]! > pivot) i++
      while (a[j]! < pivot) j--
      if (i <= j) {
        const t = a[i]!
        a[i] = a[j]!
        a[j] = t
        i++
        j--
      }
    }
    if (target <= j) hi = j
    else if (target >= i) lo = i
    else break
  }
  return a[target]!
}

/** The ranking's key: the score to 5 decimals (float noise must not reorder), then yyyymmdd. */
export function rankKey(score: number, date: number): number {
  return Math.round(score * 1e5) * 1e9 + date
}

/**
 * Indexes (into the set) of the best `k` by rank key (score, then date), then by doc, larger
 * first: the order a full sort gives, so that page 2 continues page 1. One pass with a heap
 * of k: a broad query (援疆: nearly every record) ranks without sorting its matches.
 */
export function topByRank(set: ScoreSet, dateKey: Int32Array, k: number): number[] {
  const n = set.n
  if (k > n) k = n
  if (k <= 0) return []
  const docs = set.docs
  const scores = set.scores
  // Min-heap of the best k so far: the worst of them at the root.
  const hk = new Float64Array(k)
  const hd = new Int32Array(k)
  const hi = new Int32Array(k)
  let size = 0
  for (let i = 0; i < n; i++) {
    const d = docs[i]!
    const key = rankKey(scores[i]!, dateKey[d]!)
    if (size < k) {
      // Sift up.
      let c = size++
      while (c > 0) {
        const p = (c - 1) >> 1
        if (hk[p]! < key || (hk[p] === key && hd[p]! < d)) break
        hk[c] = hk[p]!
        hd[c] = hd[p]!
        hi[c] = hi[p]!
        c = p
      }
      hk[c] = key
      hd[c] = d
      hi[c] = i
      continue
    }
    if (key < hk[0]! || (key === hk[0] && d < hd[0]!)) continue
    // Replace the root and sift down.
    let c = 0
    for (;;) {
      let m = 2 * c + 1
      if (m >= k) break
      const r = m + 1
      if (r < k && (hk[r]! < hk[m]! || (hk[r] === hk[m] && hd[r]! < hd[m]!))) m = r
      if (key < hk[m]! || (key === hk[m] && d < hd[m]!)) break
      hk[c] = hk[m]!
      hd[c] = hd[m]!
      hi[c] = hi[m]!
      c = m
    }
    hk[c] = key
    hd[c] = d
    hi[c] = i
  }
  const order = Array.from({ length: size }, (_, j) => j)
  order.sort((a, b) => hk[b]! - hk[a]! || hd[b]! - hd[a]!)
  return order.map((j) => hi[j]!)
}
