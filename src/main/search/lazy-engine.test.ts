import { describe, expect, it } from 'vitest'
import { tmpDir } from '../test-support/tmp'
import { dispatch, openArchive } from '../app'
import { createSearchEngine } from './create'
import { LazyEngine } from './lazy-engine'

describe('LazyEngine (the CLI: the index starts with the first query)', () => {
  it('makes no engine until a query, then answers with every commit made before and after', async () => {
    let made = 0
    const svc = await openArchive(tmpDir(), {
      user: 'tester',
      search: (s) =>
        new LazyEngine(() => {
          made++
          return createSearchEngine(s, { mode: 'inline' })
        }),
    })
    try {
      const before = await dispatch(svc, 'records.create', { record: { kind: 'report', title: '奇台县光伏发电示范项目', date: '2025-03-18' } })
      await dispatch(svc, 'records.get', { id: before.id })
      expect(made).toBe(0)

      const first = await dispatch(svc, 'search.query', { q: '光伏', limit: 20 })
      expect(made).toBe(1)
      expect(first.hits.map((h) => h.id)).toEqual([before.id])

      // Once started, commits reach it as with any engine.
      const after = await dispatch(svc, 'records.create', { record: { kind: 'report', title: '奇台县光伏储能项目', date: '2025-03-19' } })
      const second = await dispatch(svc, 'search.query', { q: '光伏', limit: 20 })
      expect(second.hits.map((h) => h.id).sort()).toEqual([before.id, after.id].sort())
      expect(made).toBe(1)
    } finally {
      await svc.close()
    }
  })

  it('closes without ever making an engine when nothing searched', async () => {
    let made = 0
    const svc = await openArchive(tmpDir(), { search: (s) => new LazyEngine(() => (made++, createSearchEngine(s, { mode: 'inline' }))) })
    await dispatch(svc, 'archive.info', {})
    await svc.close()
    expect(made).toBe(0)
  })
})
