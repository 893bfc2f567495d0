// Scratch memory for queries. A query builds several typed arrays as large as the
// archive (candidate sets, scores, sort keys); allocating them fresh each time is
// external memory the GC must account for, and at 100,000 records it shows up as
// tail latency. The pool hands out views over buffers it keeps; reset() at the start
// of a query makes all of them available again (nothing a query returns refers to them).

export class Scratch {
  private bufs: ArrayBuffer[] = []
  private used = 0

  /** Everything handed out before is free again. */
  reset(): void {
    this.used = 0
  }

  private take(bytes: number): ArrayBuffer {
    for (let i = this.used; i < this.bufs.length; i++) {
      const b = this.bufs[i]!
      if (b.byteLength >= bytes) {
        this.bufs[i] = this.bufs[this.used]!
        this.bufs[this.used++] = b
        return b
      }
    }
    let size = 1024
    while (size < bytes) size *= 2
    const b = new ArrayBuffer(size)
    this.bufs.push(b)
    const last = this.bufs.length - 1
    this.bufs[last] = this.bufs[this.used]!
    this.bufs[this.used++] = b
    return b
  }

  /** Contents undefined: the caller writes before it reads. */
  i32(n: number): Int32Array {
    return new Int32Array(this.take(n * 4), 0, n)
  }
  f64(n: number): Float64Array {
    return new Float64Array(this.take(n * 8), 0, n)
  }
  u8(n: number): Uint8Array {
    return new Uint8Array(this.take(n), 0, n)
  }
  /** Zero-filled. */
  u8z(n: number): Uint8Array {
    return this.u8(n).fill(0)
  }
}
