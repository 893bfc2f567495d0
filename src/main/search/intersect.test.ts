// intersect: lists that each hold a good share of the archive are intersected by counting
// (intersectDense); the result must be the one merging list against list gives.
import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../../bench/generate'
import { projectRecord, ALL_GROUPS, type ProjectionContext } from './doc'
import type { MaskSet } from './postings'
import { SearchIndex } from './search-index'

class Probe extends SearchIndex {
  /** Every key of the words, and how many docs the shortest list has. */
  keysOf(words: string[]): number[] {
    return [...new Set(words.flatMap((w) => this.termKeys(w) ?? []))]
  }
  shortest(keys: number[]): number {
    return Math.min(...keys.map((k) => this.lens[k]!))
  }
  docCount(): number {
    return this.nextDoc
  }
  /** With no domain (dense lists: by counting) and over every doc (always merged). */
  both(keys: number[]): [MaskSet, MaskSet] {
    const a = this.intersect(keys, null, ALL_GROUPS)
    const pick = (m: MaskSet) => ({ docs: [...m.docs.subarray(0, m.n)], masks: [...m.masks.subarray(0, m.n)] })
    const dense = pick(a) as unknown as MaskSet
    const b = this.intersect(keys, this.allDocs(), ALL_GROUPS)
    return [dense, pick(b) as unknown as MaskSet]
  }
}

describe('intersect', () => {
  const g = generateArchive({ records: 3000, seed: 3 })
  const tags = new Map(g.tags.map((t) => [t.id, t.path]))
  const kinds = new Map(g.records.map((r) => [r.id, r.kind]))
  const pc: ProjectionContext = { tagPath: (id) => tags.get(id), linked: () => [], kindOf: (id) => kinds.get(id) }
  const idx = new Probe()
  idx.addMany(g.records.map((r) => projectRecord(r, pc)))
  idx.update([], [g.records[5]!.id, g.records[17]!.id])

  it('gives the same docs and field masks by counting as by merging, dead docs left out', () => {
    let dense = 0
    for (const words of [['援疆'], ['援疆', '工作'], ['援疆工作队'], ['技术服务'], ['工作', '项目', '援疆'], ['煤层气', '援疆']]) {
      const keys = idx.keysOf(words)
      if (idx.shortest(keys) * 8 > idx.docCount()) dense++
      const [a, b] = idx.both(keys)
      expect(a, words.join(' ')).toEqual(b)
    }
    // Most of these went the counting way (the test is about it).
    expect(dense).toBeGreaterThanOrEqual(3)
  })
})
