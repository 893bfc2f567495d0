// Candidates taken in order of a key, best first, without sorting them all: a term that
// settles after a few hundred reads (IndexReading.readBest) pays a linear heap build and those
// pops, where a cut and a sort of 3,000 cost ~1–2 ms of a 75,000-candidate word's query.

/** A max-heap of indexes 0..n-1 by key[i] (equal keys: the lower index first). */
export class BestFirst {
  private size: number

  /** `heap` is scratch of at least n entries. */
  constructor(private readonly key: Float64Array, n: number, private readonly heap: Int32Array) {
    for (let i = 0; i < n; i++) heap[i] = i
    this.size = n
    for (let i = (n >> 1) - 1; i >= 0; i--) this.down(i)
  }

  /** The best index left, or -1 when none is. */
  pop(): number {
    if (!this.size) return -1
    const top = this.heap[0]!
    this.heap[0] = this.heap[--this.size]!
    this.down(0)
    return top
  }

  private before(a: number, b: number): boolean {
    const ka = this.key[a]!
    const kb = this.key[b]!
    return ka > kb || (ka === kb && a < b)
  }

  private down(at: number): void {
    const h = this.heap
    const n = this.size
    const x = h[at]!
    let c = at
    for (;;) {
      let m = 2 * c + 1
      if (m >= n) break
      if (m + 1 < n && this.before(h[m + 1]!, h[m]!)) m++
      if (!this.before(h[m]!, x)) break
      h[c] = h[m]!
      c = m
    }
    h[c] = x
  }
}
