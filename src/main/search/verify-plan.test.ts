// Which candidates a term reads (readBest): best-first by an upper bound, stopping once the
// top is settled, and the same top as reading every candidate.
import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../../bench/generate'
import { projectRecord, type ProjectionContext } from './doc'
import type { MaskSet } from './postings'
import { SearchIndex } from './search-index'

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
      // The words a record lacks too (the partial ranking's read records say what they really have).
      const seen = (hits: { id: string; missing?: string[] }[]) => hits.map((h) => `${h.id} ${h.missing?.join('、') ?? ''}`)
      expect(seen(counting.search({ q, limit: 100 }, ctx).hits), q).toEqual(seen(all.search({ q, limit: 100 }, ctx).hits))
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

  it('reads the partial ranking (no record has every word) once, best-first by its bound, and gives the same first 100', () => {
    const broad = sameTopReadingFewer(['演出 外星人 昌吉市', '技术服务 外星人 工作队', '外星人 援疆工作队 项目', '外星人 jimusaer 技术服务', '昌吉州 外星人'])
    expect(broad).toBeGreaterThanOrEqual(3)
  })

  it('reads an exact phrase or a Latin word best-first too, and gives the same first 100', () => {
    const broad = sameTopReadingFewer(['"技术服务"', '"援疆工作队"', '"工作队"', '"昌吉州"', '"项目" 技术服务', 'jimusaer', '"示范"', '"昌吉市"', '"奇台县"'])
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
