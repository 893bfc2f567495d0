// Relevance over the demo archive: the query-syntax set of relevance-cases.ts, one or more
// labelled queries per class, each with the records that must come in the top 3 (and, for
// exclusions, those that must not come at all). The test fails if any falls out. It also
// prints top-1 and top-3 rates for this engine and for fuse.js alone on the same archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import { createSearchEngine } from './create'
import { FuseEngine } from './fuse-engine'
import { casesOf, hitTop1 as top1, hitTop3 as top3, SYNTAX_CASES, type RelevanceCase as Case } from './relevance-cases'

const CLASSES = SYNTAX_CASES
const CASES = casesOf(CLASSES)

let svc: ArchiveService
let fuse: FuseEngine
const ours = new Map<string, string[]>()
const theirs = new Map<string, string[]>()

beforeAll(async () => {
  svc = await openArchive(tmpDir(), { user: 'tester', search: (s) => createSearchEngine(s, { mode: 'inline' }) })
  await dispatch(svc, 'archive.loadDemo', {})
  fuse = new FuseEngine(svc.store)
  await fuse.rebuild()
  for (const c of CASES) {
    ours.set(c.q, (await dispatch(svc, 'search.query', { q: c.q, limit: 50 })).hits.map((h) => h.id))
    theirs.set(c.q, (await fuse.query({ q: c.q, limit: 50 })).hits.map((h) => h.id))
  }
})
afterAll(async () => {
  await svc?.close()
})

describe('relevance on the demo archive', () => {
  it('has at least 30 labelled queries covering every class', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30)
    for (const cases of Object.values(CLASSES)) expect(cases.length).toBeGreaterThanOrEqual(2)
  })

  it.each(CASES)('$cls: $q', (c) => {
    const ids = ours.get(c.q)!
    for (const id of c.top3) expect(ids.slice(0, 3), `${id} in the top 3 of “${c.q}”`).toContain(id)
    for (const id of c.absent ?? []) expect(ids, `${id} excluded by “${c.q}”`).not.toContain(id)
  })

  it('beats fuse.js alone (rates printed)', () => {
    const rate = (f: (c: Case, ids: string[]) => boolean, m: Map<string, string[]>) => CASES.filter((c) => f(c, m.get(c.q)!)).length
    const n = CASES.length
    const row = (name: string, m: Map<string, string[]>) =>
      `${name.padEnd(16)} top-1 ${String(rate(top1, m)).padStart(2)}/${n} (${Math.round((100 * rate(top1, m)) / n)}%)   top-3 ${String(rate(top3, m)).padStart(2)}/${n} (${Math.round((100 * rate(top3, m)) / n)}%)`
    const lines = ['relevance on the demo archive:', row('this engine', ours), row('fuse.js alone', theirs), '', 'per class (top-3, this engine vs fuse.js):']
    for (const [cls, cases] of Object.entries(CLASSES))
      lines.push(`  ${cls.padEnd(36)} ${cases.filter((c) => top3(c, ours.get(c.q)!)).length}/${cases.length}  vs  ${cases.filter((c) => top3(c, theirs.get(c.q)!)).length}/${cases.length}`)
    console.log(lines.join('\n'))
    expect(rate(top3, ours)).toBe(n)
    expect(rate(top3, ours)).toBeGreaterThan(rate(top3, theirs))
  })
})
