// Which candidates a broad term reads (verifyPlan): the budget's worth with the highest
// priority (a match in a short field, then the newest date), not a whole year's worth.
import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../../bench/generate'
import { projectRecord, G_BODY, G_TITLE, type ProjectionContext } from './doc'
import type { MaskSet } from './postings'
import { SearchIndex } from './search-index'

class Probe extends SearchIndex {
  plan(set: MaskSet, budget: number) {
    return this.verifyPlan(set, budget)
  }
  date(d: number): number {
    return this.dateKey[d]!
  }
}

const g = generateArchive({ records: 1500, seed: 5 })
const tags = new Map(g.tags.map((t) => [t.id, t.path]))
const kinds = new Map(g.records.map((r) => [r.id, r.kind]))
const pc: ProjectionContext = { tagPath: (id) => tags.get(id), linked: () => [], kindOf: (id) => kinds.get(id) }

describe('verifyPlan', () => {
  const idx = new Probe()
  idx.addMany(g.records.map((r) => projectRecord(r, pc)))
  const n = g.records.length
  // Every doc a candidate; one in seven matched in its title, the rest only in the body.
  const set: MaskSet = { docs: Int32Array.from({ length: n }, (_, i) => i), n, masks: Uint8Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 << G_TITLE : 1 << G_BODY)) }
  const prio = (i: number) => (set.masks[i]! & (1 << G_TITLE) ? 1e8 : 0) + idx.date(i)

  it('reads about the budget, the highest priorities, never fewer', () => {
    for (const budget of [50, 120, 400]) {
      const plan = idx.plan({ ...set, docs: set.docs.slice(), masks: set.masks.slice() }, budget)!
      const read = [...plan.keys()].filter((i) => plan[i])
      expect(read.length).toBeGreaterThanOrEqual(budget)
      // Only ties at the cut go past the budget (dates are days: a year would be hundreds).
      const cut = Math.min(...read.map(prio))
      expect(read.filter((i) => prio(i) > cut).length).toBeLessThan(budget)
      for (let i = 0; i < n; i++) if (!plan[i]) expect(prio(i)).toBeLessThanOrEqual(cut)
      // Title matches come first: with budget below their count, every read one is one.
      if (budget < n / 7) expect(read.every((i) => set.masks[i]! & (1 << G_TITLE))).toBe(true)
    }
  })

  it('reads everything within the budget', () => {
    expect(idx.plan(set, n)).toBeNull()
  })
})

describe('readBest: a one-term query reads best-first and stops once its top is settled', () => {
  const big = generateArchive({ records: 4000, seed: 11 })
  const bigTags = new Map(big.tags.map((t) => [t.id, t.path]))
  const bigKinds = new Map(big.records.map((r) => [r.id, r.kind]))
  const bpc: ProjectionContext = { tagPath: (id) => bigTags.get(id), linked: () => [], kindOf: (id) => bigKinds.get(id) }
  const docs = big.records.map((r) => projectRecord(r, bpc))
  const ctx = { areas: big.settings.areas }

  /** Counts the candidates whose text is read. */
  class Counting extends SearchIndex {
    reads = 0
    candidates = 0
    protected override readBest(set: MaskSet, upper: Float64Array, read: (i: number) => number, got: Float64Array) {
      this.candidates += set.n
      return super.readBest(set, upper, (i) => (this.reads++, read(i)), got)
    }
  }
  /** Reads every candidate: the ranking the early stop must reproduce. */
  class ReadAll extends SearchIndex {
    protected override readBest(set: MaskSet, _upper: Float64Array, read: (i: number) => number, got: Float64Array) {
      for (let i = 0; i < set.n; i++) got[i] = read(i)
      return null
    }
  }
  const counting = new Counting()
  counting.addMany(docs)
  const all = new ReadAll()
  all.addMany(docs)

  /**
   * Each query's first 100 equal reading every candidate; returns how many had more than
   * 1,000 candidates, each of which must have read fewer.
   */
  const sameTopReadingFewer = (queries: string[]): number => {
    let broad = 0
    for (const q of queries) {
      counting.reads = counting.candidates = 0
      const got = counting.search({ q, limit: 100 }, ctx).hits.map((h) => h.id)
      expect(got, q).toEqual(all.search({ q, limit: 100 }, ctx).hits.map((h) => h.id))
      if (counting.candidates > 1000) {
        broad++
        expect(counting.reads, q).toBeLessThan(counting.candidates)
      }
    }
    return broad
  }

  it('gives the same first 100 as reading every candidate, reading fewer', () => {
    // The last two: one word nothing has, the other word's best are the partial ranking's.
    const broad = sameTopReadingFewer(['援疆工作队', '工作队', '援疆项目', '技术服务', '昌吉州', 'jimusaer', 'gongzuodui', 'fukangshi', '医疗义诊', '文化展厅', '煤层气项目', '外星人 援疆工作队', '外星人 技术服务'])
    // The early stop was put to the test: most of these terms have more than 1,000 candidates.
    expect(broad).toBeGreaterThanOrEqual(7)
  })

  it('reads a query of several words once, best-first by their summed bounds, and gives the same first 100', () => {
    // Read word by word, each word read its own candidates: as many reads as candidates here.
    const broad = sameTopReadingFewer(['技术服务 工作队', 'jimusaer 工作队', 'gongzuodui 技术服务', '示范 技术服务', '煤层气 技术服务', '工作队 jimusaer 技术服务', '援疆工作队 煤层气', '技术服务 项目', '昌吉州 技术服务', '工作队 项目', '昌吉州二中'])
    expect(broad).toBeGreaterThanOrEqual(4)
  })

  it('does not stop early for a deeper ranking (an export asks for every match): it reads them all, as before', () => {
    counting.reads = counting.candidates = 0
    counting.search({ q: '技术服务', limit: 100 }, ctx)
    expect(counting.candidates).toBeGreaterThan(1000)
    expect(counting.reads).toBeLessThan(counting.candidates)
    counting.reads = counting.candidates = 0
    const deep = counting.search({ q: '技术服务', limit: 5000, strict: true }, ctx)
    expect(counting.reads).toBe(counting.candidates)
    expect(deep.hits.map((h) => h.id)).toEqual(all.search({ q: '技术服务', limit: 5000, strict: true }, ctx).hits.map((h) => h.id))
  })
})
