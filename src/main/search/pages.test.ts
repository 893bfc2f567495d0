// Pages as the UI fetches them (limit 50, then offset 50 as the user scrolls) continue each
// other exactly: the same hits, in the same order, as one request for the first 100.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { generateArchive } from '../../../bench/generate'
import type { EngineResult } from './engine'
import { projectRecord, type ProjectionContext } from './doc'
import { SearchIndex, type SearchContext } from './search-index'
import { thesaurusFor } from './understand/thesaurus'

// Broad enough that the commonest words exceed what a term reads in full (1,000 candidates, see readBest).
const g = generateArchive({ records: 4000, seed: 11 })
const tags = new Map(g.tags.map((t) => [t.id, t.path]))
const kinds = new Map(g.records.map((r) => [r.id, r.kind]))
const pc: ProjectionContext = { tagPath: (id) => tags.get(id), linked: () => [], kindOf: (id) => kinds.get(id) }
const ctx: SearchContext = { areas: g.settings.areas }

// One or two queries of each class the bench times.
const QUERIES = ['焦化', '煤层气', '阜康 焦化', 'fukang', 'fu kang', 'jmse', 'gxj', 'fukang 焦化', '富康 焦化', '煤层器', '老人照料', '技术服务示范', 'type:photo 义诊', 'year:2014', '义诊 -准东', '"小组团示范点"', '援疆', '援疆工作队', '2014年', '准东的化工企业', '大夫', '五万立方米', '第五批 煤层气', '干熄焦 外星人']

let idx: SearchIndex
beforeAll(() => {
  idx = new SearchIndex()
  idx.addMany(g.records.map((r) => projectRecord(r, pc)))
})

/** Page `p` (0-based) of 50 as the engines ask for it: the first offset + limit, offset dropped by the caller. */
const page = (q: string, p: number, c: SearchContext = ctx): EngineResult => {
  const r = idx.search({ q, limit: (p + 1) * 50, offset: p * 50 }, c)
  return { ...r, hits: r.hits.slice(p * 50) }
}
const meta = (r: EngineResult) => ({ ...r, hits: null })

describe('pages of 50', () => {
  it('page 1 then page 2 equal the first 100 at once, for every query class', () => {
    let long = 0
    for (const q of QUERIES) {
      const all = idx.search({ q, limit: 100 }, ctx)
      const p1 = page(q, 0)
      const p2 = page(q, 1)
      expect([...p1.hits, ...p2.hits], q).toEqual(all.hits)
      expect(meta(p2), q).toEqual(meta(all))
      expect(meta(p1), q).toEqual(meta(all))
      if (all.hits.length === 100) long++
    }
    // The comparison means something: most queries have more than one page.
    expect(long).toBeGreaterThan(QUERIES.length / 2)
  })

  it('so does a later page asked for after other queries, or with understanding off', () => {
    const plain = { ...ctx, understanding: false }
    for (const q of ['援疆', 'fukang', '阜康 焦化']) {
      const all = idx.search({ q, limit: 150 }, ctx)
      page(q, 0)
      idx.search({ q: '义诊', limit: 50 }, ctx)
      expect(page(q, 2).hits, q).toEqual(all.hits.slice(100, 150))
      // An engine that does not pass the offset on asks for the longer list.
      page(q, 0)
      expect(idx.search({ q, limit: 100 }, ctx).hits, q).toEqual(all.hits.slice(0, 100))
      const off = idx.search({ q, limit: 100 }, plain)
      page(q, 0, plain)
      expect(page(q, 1, plain).hits, q).toEqual(off.hits.slice(50))
    }
  })

  it('highlights only the page it returns', () => {
    const r = idx.search({ q: '焦化', limit: 100, offset: 50 }, ctx)
    expect(r.hits).toHaveLength(100)
    expect(r.hits.slice(0, 50).every((h) => h.highlights.length === 0)).toBe(true)
    expect(r.hits.slice(50).every((h) => h.highlights.length > 0)).toBe(true)
  })

  it('a page after an edit reflects the edit', () => {
    const local = new SearchIndex()
    local.addMany(g.records.map((r) => projectRecord(r, pc)))
    const q = '援疆'
    const first = local.search({ q, limit: 50 }, ctx)
    const before = local.search({ q, limit: 100 }, ctx).hits.map((h) => h.id)
    const gone = before[60]!
    local.update([], [gone])
    const p2 = local.search({ q, limit: 100, offset: 50 }, ctx)
    expect(p2.total).toBe(first.total - 1)
    expect(p2.hits.map((h) => h.id)).not.toContain(gone)
    expect(p2.hits.map((h) => h.id)).toEqual([...before.slice(0, 60), ...before.slice(61), p2.hits[99]!.id])
  })

  it('warm-up queries find something in this archive and leave the next page to the ranking', () => {
    const qs = idx.warmUpQueries()
    // Every kind: words, a short and a long phrase, exclusion, filters, a word beside one
    // nothing has, the title's pinyin three ways, two long words, a thesaurus word alone
    // and beside each, and one the archive has only in its other forms beside a word.
    expect(qs.length).toBe(32)
    // Both thesaurus words have other forms (a word with none never runs the merge of forms).
    const th = thesaurusFor()
    const [alt, absent] = [qs[qs.length - 4]!, qs[qs.length - 1]!.split(' ')[0]!]
    expect(th.expand(alt).length, alt).toBeGreaterThan(0)
    expect(th.expand(absent).length, absent).toBeGreaterThan(0)
    expect(idx.search({ q: absent, limit: 1 }, ctx).total, absent).toBeGreaterThan(0)
    expect(idx.search({ q: absent, limit: 1 }, { ...ctx, understanding: false }).total, absent).toBe(0)
    expect(qs.filter((q) => /^"[\u4e00-\u9fff]{4}"$/.test(q)).length).toBe(2)
    expect(qs.filter((q) => /^[\u4e00-\u9fff]{4} [\u4e00-\u9fff]{4}$/.test(q)).length).toBe(3)
    expect(qs.some((q) => /^[a-z]+$/.test(q) && q.length > 4)).toBe(true)
    for (const q of qs.slice(0, 5)) expect(idx.search({ q, limit: 50 }, ctx).total, q).toBeGreaterThan(0)

    const all = idx.search({ q: '援疆', limit: 100 }, ctx)
    page('援疆', 0)
    for (const q of qs) idx.warmUp(q, ctx)
    const runs = vi.spyOn(idx as unknown as { runUnderstood: () => unknown }, 'runUnderstood')
    try {
      expect(page('援疆', 1).hits).toEqual(all.hits.slice(50))
      expect(runs).not.toHaveBeenCalled()
    } finally {
      runs.mockRestore()
    }
  })
})
