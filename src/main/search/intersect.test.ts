// intersect and probeAnd: lists that each hold a good share of the archive are intersected
// by counting (intersectDense) and probed by a pass over the list; short ones are merged.
// Every way must give what the posting lists say: the living docs that have every key, and
// per doc the groups where all of them occur.
import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../../bench/generate'
import { projectRecord, ALL_GROUPS, type ProjectionContext } from './doc'
import type { MaskSet } from './postings'
import { SearchIndex } from './search-index'

const plain = (m: MaskSet) => ({ docs: [...m.docs.subarray(0, m.n)], masks: [...m.masks.subarray(0, m.n)] })

class Probe extends SearchIndex {
  keysOf(words: string[]): number[] {
    return [...new Set(words.flatMap((w) => this.termKeys(w) ?? []))]
  }
  /** Straight from the lists: a map per key (doc → its groups), then the docs in all. */
  expected(keys: number[]) {
    const maps = keys.map((k) => {
      const m = new Map<number, number>()
      for (let j = 0; j < this.lens[k]!; j++) {
        const e = this.lists[k]![j]!
        m.set(e >> 6, (m.get(e >> 6) ?? 0) | (e & 63))
      }
      return m
    })
    const docs: number[] = []
    const masks: number[] = []
    for (let d = 0; d < this.nextDoc; d++) {
      if (!this.alive[d] || !maps.every((m) => m.has(d))) continue
      docs.push(d)
      masks.push(maps.reduce((a, m) => a & m.get(d)!, 63))
    }
    return { docs, masks }
  }
  /** With no domain, and over every doc (the two ways in). */
  both(keys: number[]) {
    return [plain(this.intersect(keys, null, ALL_GROUPS)), plain(this.intersect(keys, this.allDocs(), ALL_GROUPS))]
  }
  /** probeAnd over every living doc, and the same straight from the lists (0 where a list lacks the doc). */
  probeBoth(keys: number[]): [number[], number[]] {
    const all = this.allDocs()
    const got = [...this.probeAnd(keys, all).subarray(0, all.n)]
    const want = [...all.docs.subarray(0, all.n)].map((d) =>
      keys.reduce((acc, k) => {
        let g = 0
        for (let j = 0; j < this.lens[k]!; j++) if (this.lists[k]![j]! >> 6 === d) g |= this.lists[k]![j]! & 63
        return acc & g
      }, 63),
    )
    return [got, want]
  }
  share(keys: number[]): number {
    return Math.min(...keys.map((k) => this.lens[k]!)) / this.nextDoc
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

  it('gives the docs and field masks the posting lists say, dense or sparse, dead docs left out', () => {
    const shares: number[] = []
    for (const words of [['援疆'], ['援疆', '工作'], ['援疆工作队'], ['技术服务'], ['工作', '项目', '援疆'], ['煤层气', '援疆'], ['为老人提供贴心照料'], ['吉木萨尔', '煤层气'], ['汾水连天山'], ['干熄焦'], ['夏令营', '援疆'], ['沙尼汗小院']]) {
      const keys = idx.keysOf(words)
      shares.push(idx.share(keys))
      const want = idx.expected(keys)
      expect(want.docs.length, words.join(' ')).toBeGreaterThan(0)
      for (const got of idx.both(keys)) expect(got, words.join(' ')).toEqual(want)
    }
    // The probes behind a term's evidence (cross-word bigrams), dense and sparse lists alike.
    for (const words of [['援疆', '工作'], ['干熄焦', '援疆']]) {
      const [got, want] = idx.probeBoth(idx.keysOf(words))
      expect(got, words.join(' ')).toEqual(want)
    }
    // Both kinds of list are here: ones holding over an eighth of the docs, and short ones.
    expect(shares.filter((s) => s > 1 / 8).length).toBeGreaterThanOrEqual(3)
    expect(shares.filter((s) => s < 1 / 8).length).toBeGreaterThanOrEqual(3)
  })
})
