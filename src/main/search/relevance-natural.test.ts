// Relevance of natural queries (relevance-natural.ts) on the demo archive, through the
// service as the app asks. Unlike the syntax set, which must pass case by case, this set
// measures: at least 90% of the cases in the top 3 overall and 80% in every class. The
// rates per class are printed, with the misses, so a regression shows which queries fell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import { createSearchEngine } from './create'
import { casesOf, hitTop1, hitTop3 } from './relevance-cases'
import { NATURAL_CASES } from './relevance-natural'

const CASES = casesOf(NATURAL_CASES)
const found = new Map<string, string[]>()
let svc: ArchiveService

beforeAll(async () => {
  svc = await openArchive(tmpDir(), { user: 'tester', search: (s) => createSearchEngine(s, { mode: 'inline' }) })
  await dispatch(svc, 'archive.loadDemo', {})
  for (const c of CASES) found.set(c.q, (await dispatch(svc, 'search.query', { q: c.q, limit: 50 })).hits.map((h) => h.id))
})
afterAll(async () => {
  await svc?.close()
})

describe('natural queries on the demo archive', () => {
  it('has at least 48 labelled queries, at least 6 in every class, each naming demo records', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(48)
    for (const cases of Object.values(NATURAL_CASES)) expect(cases.length).toBeGreaterThanOrEqual(6)
    expect(new Set(CASES.map((c) => c.q)).size, 'no query twice').toBe(CASES.length)
    for (const c of CASES) for (const id of [...c.top3, ...(c.absent ?? [])]) expect(svc.store.records.has(id), `${id} (in “${c.q}”) is a demo record`).toBe(true)
  })

  it('finds ≥ 90% in the top 3 overall and ≥ 80% in every class (rates printed)', () => {
    const lines = ['natural queries on the demo archive (top-1, top-3):']
    const misses: string[] = []
    const rates: Record<string, number> = {}
    for (const [cls, cases] of Object.entries(NATURAL_CASES)) {
      const t1 = cases.filter((c) => hitTop1(c, found.get(c.q)!)).length
      const t3 = cases.filter((c) => hitTop3(c, found.get(c.q)!)).length
      rates[cls] = t3 / cases.length
      lines.push(`  ${cls.padEnd(30)} ${t1}/${cases.length}  ${t3}/${cases.length}`)
      for (const c of cases) if (!hitTop3(c, found.get(c.q)!)) misses.push(`  miss ${c.q}: want ${c.top3.join(' ')}, got ${found.get(c.q)!.slice(0, 3).join(' ') || '(nothing)'}`)
    }
    const total = CASES.filter((c) => hitTop3(c, found.get(c.q)!)).length
    lines.push(`  ${'total'.padEnd(30)} ${CASES.filter((c) => hitTop1(c, found.get(c.q)!)).length}/${CASES.length}  ${total}/${CASES.length}`)
    console.log([...lines, ...misses].join('\n'))
    expect(total / CASES.length, 'top-3 rate overall').toBeGreaterThanOrEqual(0.9)
    for (const [cls, rate] of Object.entries(rates)) expect(rate, `top-3 rate of “${cls}”`).toBeGreaterThanOrEqual(0.8)
  })
})
