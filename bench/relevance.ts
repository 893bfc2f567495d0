// npm run bench -- relevance [--verbose]
// Relevance on the demo archive: the labelled queries of src/main/search/relevance-cases.ts
// (the query syntax) and relevance-natural.ts (natural queries), run through three engines
// over the same loaded demo:
//   - this engine: the app's search, as the service answers search.query;
//   - current: the same index with query understanding off (words read as typed);
//   - fuse.js alone, the baseline's keys and weights, as a floor.
// Prints per class top-1 / top-3 for each engine side by side, then totals and the number of
// queries that found nothing; --verbose adds a line per query an engine misses. Writes
// bench/results/relevance.json. Not a test: no asserts (the relevance tests assert).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dispatch, openArchive } from '../src/main/app'
import { createSearchEngine } from '../src/main/search/create'
import { FuseEngine } from '../src/main/search/fuse-engine'
import { casesOf, hitTop1, hitTop3, SYNTAX_CASES, type RelevanceCase, type RelevanceSet } from '../src/main/search/relevance-cases'
import { NATURAL_CASES } from '../src/main/search/relevance-natural'

const LIMIT = 50
const SETS: Record<string, RelevanceSet> = { 'query syntax': SYNTAX_CASES, 'natural queries': NATURAL_CASES }
const ENGINES = ['this engine', 'current', 'fuse.js'] as const
type EngineName = (typeof ENGINES)[number]
type Ask = (q: string) => Promise<string[]>

interface Score {
  n: number
  top1: number
  top3: number
  zero: number
}
const score = (cases: RelevanceCase[], found: Map<string, string[]>): Score => ({
  n: cases.length,
  top1: cases.filter((c) => hitTop1(c, found.get(c.q)!)).length,
  top3: cases.filter((c) => hitTop3(c, found.get(c.q)!)).length,
  zero: cases.filter((c) => found.get(c.q)!.length === 0).length,
})

const cell = (s: Score) => `${`${s.top1}/${s.n}`.padStart(5)} ${`${s.top3}/${s.n}`.padStart(5)}`
const pctOf = (x: number, n: number) => `${Math.round((100 * x) / n)}%`
const WIDTH = 36

function table(name: string, set: RelevanceSet, found: Record<EngineName, Map<string, string[]>>, verbose: boolean) {
  const cases = casesOf(set)
  console.log(`\n=== ${name}: ${cases.length} queries in ${Object.keys(set).length} classes ===`)
  console.log(`${''.padEnd(WIDTH)}${ENGINES.map((e) => e.padStart(11)).join('   ')}`)
  console.log(`${'class'.padEnd(WIDTH)}${ENGINES.map(() => ' top-1 top-3').join('   ')}`)
  const perClass: Record<string, Record<EngineName, Score>> = {}
  for (const [cls, cs] of Object.entries(set)) {
    perClass[cls] = Object.fromEntries(ENGINES.map((e) => [e, score(cs, found[e])])) as Record<EngineName, Score>
    console.log(`${cls.padEnd(WIDTH)}${ENGINES.map((e) => cell(perClass[cls]![e])).join('   ')}`)
  }
  const total = Object.fromEntries(ENGINES.map((e) => [e, score(cases, found[e])])) as Record<EngineName, Score>
  console.log(`${'total'.padEnd(WIDTH)}${ENGINES.map((e) => cell(total[e])).join('   ')}`)
  console.log(`${'  as a rate'.padEnd(WIDTH)}${ENGINES.map((e) => `${pctOf(total[e].top1, total[e].n).padStart(5)} ${pctOf(total[e].top3, total[e].n).padStart(5)}`).join('   ')}`)
  console.log(`${'queries with no result'.padEnd(WIDTH)}${ENGINES.map((e) => String(total[e].zero).padStart(11)).join('   ')}`)
  if (verbose) {
    for (const e of ENGINES) {
      const missed = casesOf(set).filter((c) => !hitTop3(c, found[e].get(c.q)!))
      console.log(`\n  ${e}: ${missed.length} missed`)
      for (const c of missed) {
        const got = found[e].get(c.q)!
        const wrong = (c.absent ?? []).filter((id) => got.includes(id))
        console.log(`    [${c.cls}] ${c.q}  want ${c.top3.join(' ')}${wrong.length ? `, not ${wrong.join(' ')}` : ''}  got ${got.slice(0, 3).join(' ') || '(nothing)'}${got.length > 3 ? ` … (${got.length})` : ''}`)
      }
    }
  }
  return { queries: cases.length, perClass, total }
}

export async function run(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose') || args.includes('-v')
  const dir = mkdtempSync(join(tmpdir(), 'aid-bench-relevance-'))
  const svc = await openArchive(dir, { user: 'bench', search: (s) => createSearchEngine(s, { mode: 'inline' }) })
  try {
    await dispatch(svc, 'archive.loadDemo', {})
    // Built after the demo is in: neither engine needs the store's commit feed.
    const current = createSearchEngine(svc.store, { mode: 'inline', understanding: false })
    const fuse = new FuseEngine(svc.store)
    await current.rebuild()
    await fuse.rebuild()
    const ask: Record<EngineName, Ask> = {
      'this engine': async (q) => (await dispatch(svc, 'search.query', { q, limit: LIMIT })).hits.map((h) => h.id),
      current: async (q) => (await current.query({ q, limit: LIMIT })).hits.map((h) => h.id),
      'fuse.js': async (q) => (await fuse.query({ q, limit: LIMIT })).hits.map((h) => h.id),
    }
    console.log(`relevance bench: demo archive (${svc.store.records.size} records); top-1 = first hit expected, top-3 = every expected record in the first 3 and no excluded one found`)
    const results: Record<string, unknown> = {}
    for (const [name, set] of Object.entries(SETS)) {
      const found = {} as Record<EngineName, Map<string, string[]>>
      for (const e of ENGINES) {
        found[e] = new Map()
        for (const c of casesOf(set)) found[e].set(c.q, await ask[e](c.q))
      }
      results[name] = { ...table(name, set, found, verbose), hits: Object.fromEntries(ENGINES.map((e) => [e, Object.fromEntries([...found[e]].map(([q, ids]) => [q, ids.slice(0, 5)]))])) }
    }
    await current.close()
    await fuse.close()
    mkdirSync('bench/results', { recursive: true })
    writeFileSync('bench/results/relevance.json', JSON.stringify({ at: new Date().toISOString(), records: svc.store.records.size, results }, null, 2))
    console.log('\nwritten bench/results/relevance.json')
  } finally {
    await svc.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
