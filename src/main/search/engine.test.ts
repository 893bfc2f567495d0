// The engine behind the service, in a worker and in-thread: same answers, updates from
// commits without rebuilds, and an explicit, tested choice of where it runs.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import { createSearchEngine, engineMode } from './create'
import { InlineEngine } from './inline-engine'
import { WorkerEngine, locateWorker } from './worker-engine'

const search = async (svc: ArchiveService, q: string, limit = 10) => (await dispatch(svc, 'search.query', { q, limit })).hits.map((h) => h.id)

async function demoArchive(mode: 'inline' | 'worker'): Promise<ArchiveService> {
  const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10, search: (s) => createSearchEngine(s, { mode }) })
  await dispatch(svc, 'archive.loadDemo', {})
  return svc
}

const draft = (title: string) => ({
  kind: 'achievement' as const,
  title,
  places: ['奇台县'],
  area: 'industry',
  batchId: 'bat_shanxi5',
  summary: '在奇台县建设示范项目。',
})

for (const mode of ['inline', 'worker'] as const) {
  describe(`the ${mode} engine behind the service`, () => {
    let svc: ArchiveService
    beforeAll(async () => {
      svc = await demoArchive(mode)
    })
    afterAll(async () => {
      await svc?.close()
    })

    it('runs where it was asked to', () => {
      expect(svc.search.kind).toBe(mode)
    })

    it('answers from the demo archive', async () => {
      expect(await search(svc, 'jmse')).toContain('ach_jimsar_cbm')
      const r = await dispatch(svc, 'search.query', { q: 'fukang 焦化', limit: 3 })
      expect(r.hits[0]?.id).toBe('ach_yongxin_cdq')
      expect(r.hits[0]?.highlights.find((h) => h.field === 'title')?.ranges.length).toBeGreaterThan(0)
    })

    it('follows creates, edits and deletes from commits, without a rebuild', async () => {
      const rebuild = vi.spyOn(svc.search, 'rebuild')
      const r = await dispatch(svc, 'records.create', { record: draft('奇台县光伏发电示范项目') })
      expect(await search(svc, '光伏')).toEqual([r.id])
      expect(await search(svc, 'guangfu')).toEqual([r.id])
      await dispatch(svc, 'records.update', { id: r.id, patch: { title: '奇台县风电示范项目' } })
      expect(await search(svc, '光伏')).toEqual([])
      expect(await search(svc, 'fengdian')).toEqual([r.id])
      await dispatch(svc, 'records.delete', { id: r.id })
      expect(await search(svc, '风电')).toEqual([])
      expect(rebuild).not.toHaveBeenCalled()
      rebuild.mockRestore()
    })

    it('follows a renamed tag', async () => {
      const tag = (await dispatch(svc, 'tags.list', {})).find((t) => t.path === '产业/煤化工')!
      expect(await search(svc, 'tag:现代煤化工')).toEqual([])
      await dispatch(svc, 'tags.update', { id: tag.id, path: '产业/现代煤化工' })
      expect(await search(svc, 'tag:现代煤化工')).toEqual(expect.arrayContaining(['ach_yongxin_cdq', 'ach_bdo_line']))
      await dispatch(svc, 'tags.update', { id: tag.id, path: '产业/煤化工' })
      expect(await search(svc, 'tag:现代煤化工')).toEqual([])
    })

    it('follows links: a record linked to a photo has:photo', async () => {
      // (The article, which mentions the school, has photos linked already.)
      expect(await search(svc, 'has:photo 晋阜小学')).not.toContain('ach_jinfu_school')
      const link = await dispatch(svc, 'links.create', { from: 'ach_jinfu_school', to: 'pho_art_training', type: 'related' })
      expect(await search(svc, 'has:photo 晋阜小学')).toContain('ach_jinfu_school')
      expect(await search(svc, 'has:link 三位一体')).toContain('ach_jinfu_school')
      await dispatch(svc, 'links.delete', { id: link.id })
      expect(await search(svc, 'has:photo 晋阜小学')).not.toContain('ach_jinfu_school')
    })

    it('serves saved searches: a stored query run by the same engine', async () => {
      const saved = await dispatch(svc, 'savedSearches.create', { name: '阜康产业', query: 'fukang area:产业' })
      const listed = (await dispatch(svc, 'savedSearches.list', {})).find((s) => s.id === saved.id)!
      const hits = await search(svc, listed.query)
      expect(hits).toEqual(expect.arrayContaining(['ach_yongxin_cdq', 'ach_fukang_materials']))
      expect(hits.length).toBeGreaterThan(0)
    })

    it('explains an unknown field', async () => {
      const r = await dispatch(svc, 'search.query', { q: 'foo:bar 阜康', limit: 3 })
      expect(r.warnings[0]).toMatchObject({ code: 'unknown_field', params: { field: 'foo' } })
      expect(r.total).toBeGreaterThan(0)
    })
  })
}

describe('where the engine runs', () => {
  it('under vitest, auto mode runs in-thread and says why', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', search: (s) => createSearchEngine(s) })
    try {
      expect(svc.search).toBeInstanceOf(InlineEngine)
      expect((svc.search as InlineEngine).reason).toContain('vitest')
    } finally {
      await svc.close()
    }
  })

  it('AID_SEARCH_ENGINE chooses explicitly', () => {
    expect(engineMode({ AID_SEARCH_ENGINE: 'worker' })).toBe('worker')
    expect(engineMode({ AID_SEARCH_ENGINE: 'inline' })).toBe('inline')
    expect(engineMode({})).toBe('auto')
  })

  it('finds the bundled worker beside the bundle or its chunks folder, else the TypeScript source', () => {
    const out = tmpDir()
    mkdirSync(join(out, 'chunks'))
    writeFileSync(join(out, 'searchWorker.js'), '')
    expect(locateWorker(pathToFileURL(join(out, 'index.js')).href)).toMatchObject({ built: true })
    expect(locateWorker(pathToFileURL(join(out, 'chunks', 'engine-abc.js')).href)?.url.href).toBe(pathToFileURL(join(out, 'searchWorker.js')).href)
    const dev = locateWorker(new URL('./worker-engine.ts', import.meta.url).href)
    expect(dev).toMatchObject({ built: false })
    expect(dev?.url.href).toMatch(/worker-dev\.mjs$/)
    expect(locateWorker(pathToFileURL(join(tmpDir(), 'x.js')).href)).toBeNull()
  })

  it('queries off the calling thread in a worker', async () => {
    const svc = await demoArchive('worker')
    try {
      let ticked = false
      const p = svc.search.query({ q: '阜康', limit: 5 })
      setImmediate(() => (ticked = true))
      await p
      expect(ticked).toBe(true)
    } finally {
      await svc.close()
    }
  })

  it('warms the index up once a host is open, never for a one-shot call (the CLI)', async () => {
    for (const oneShot of [false, true]) {
      const warm = vi.fn()
      const svc = await openArchive(tmpDir(), { user: 'tester', oneShot, search: (s) => Object.assign(createSearchEngine(s, { mode: 'inline' }), { warmUp: warm }) })
      try {
        expect(warm).toHaveBeenCalledTimes(oneShot ? 0 : 1)
      } finally {
        await svc.close()
      }
    }
    // The worker takes the request and goes on answering from its own thread.
    const svc = await demoArchive('worker')
    try {
      ;(svc.search as WorkerEngine).warmUp()
      expect(await search(svc, 'jmse')).toContain('ach_jimsar_cbm')
      expect(svc.search.kind).toBe('worker')
    } finally {
      await svc.close()
    }
  })

  it('carries on in-thread when the worker dies', async () => {
    const svc = await demoArchive('worker')
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    try {
      const engine = svc.search as WorkerEngine
      await (engine as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate()
      expect(await search(svc, 'jmse')).toContain('ach_jimsar_cbm')
      expect(engine.kind).toBe('inline')
      expect(engine.failure).toMatch(/exited/)
      // Updates keep flowing to the in-thread index.
      const r = await dispatch(svc, 'records.create', { record: draft('奇台县储能示范项目') })
      expect(await search(svc, '储能')).toEqual([r.id])
      expect(warn).toHaveBeenCalled()
    } finally {
      warn.mockRestore()
      await svc.close()
    }
  })
})
