// The saved index behind the service: an archive opened again loads it instead of
// rebuilding, the journal's tail (records edited after the save) is searched correctly,
// and a file that is damaged, truncated, of another format, of another history or ahead
// of the store leads to a rebuild with correct answers. In-thread and in the worker.
import { copyFileSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import { createSearchEngine, prestartSearch } from './create'
import type { WorkerEngine } from './worker-engine'
import { INDEX_FORMAT, indexFilePath, saveIndexFile } from './index-persist'
import { SearchIndex } from './search-index'
import { testDoc } from './testing'

const QUERIES = ['jmse', 'fukang 焦化', '煤层气', 'gxj', 'type:photo', 'has:photo 晋阜小学', '援疆 -阜康', '"汾水连天山"', '光伏', '风电', '火星']

type Mode = 'inline' | 'worker'
// The store's epoch is pinned: these tests are about the engine, whatever the store's rule
// for when the history it opens is the one a cache was saved under.
const EPOCH = 'test-history'
const open = async (dir: string, mode: Mode, readOnly = false) => {
  const svc = await openArchive(dir, {
    user: 'tester',
    snapshotDelayMs: 10,
    readOnly,
    search: (s) => {
      ;(s as { cacheEpoch: string }).cacheEpoch = EPOCH
      return createSearchEngine(s, { mode })
    },
  })
  // The service answers before its index is ready; these tests look at where it came from.
  await svc.indexing
  return svc
}
const answers = async (svc: ArchiveService) => {
  const out: unknown[] = []
  for (const q of QUERIES) {
    const r = await dispatch(svc, 'search.query', { q, limit: 20 })
    out.push([q, r.total, r.hits.map((h) => [h.id, h.score, h.highlights])])
  }
  return out
}
const ids = async (svc: ArchiveService, q: string) => (await dispatch(svc, 'search.query', { q, limit: 20 })).hits.map((h) => h.id)
const draft = (title: string) => ({ kind: 'achievement' as const, title, places: ['奇台县'], area: 'industry', batchId: 'bat_shanxi5', summary: '在奇台县建设示范项目。' })

/** A demo archive, closed (its index saved at close); returns its folder and the answers it gave. */
async function saved(mode: Mode): Promise<{ dir: string; expected: unknown[]; epoch: string; seq: number }> {
  const dir = tmpDir()
  const svc = await open(dir, mode)
  expect(svc.search.source).toBe('rebuilt')
  await dispatch(svc, 'archive.loadDemo', {})
  const expected = await answers(svc)
  const epoch = svc.store.cacheEpoch
  const seq = svc.store.seq
  await svc.close()
  expect(existsSync(indexFilePath(join(dir, 'cache')))).toBe(true)
  return { dir, expected, epoch, seq }
}

for (const mode of ['inline', 'worker'] as const) {
  describe(`the ${mode} engine and the saved index`, () => {
    it('loads the saved index on the next open, answers as before, and searches the tail edited after the save', async () => {
      const { dir, expected } = await saved(mode)
      const file = indexFilePath(join(dir, 'cache'))
      const svc = await open(dir, mode)
      expect(svc.search.source).toBe('cache')
      expect(svc.search.kind).toBe(mode)
      expect(await answers(svc)).toEqual(expected)
      // Edits after the save; the saved file is then put back as it was (as if the app had
      // stopped before saving again), so the next open has a tail to apply.
      const old = readFileSync(file)
      const a = await dispatch(svc, 'records.create', { record: draft('奇台县光伏发电示范项目') })
      const b = await dispatch(svc, 'records.create', { record: draft('奇台县风电示范项目') })
      await dispatch(svc, 'records.update', { id: b.id, patch: { title: '奇台县储能示范项目' } })
      await dispatch(svc, 'records.delete', { id: 'ach_jimsar_cbm' })
      const after = await answers(svc)
      await svc.close()
      writeFileSync(file, old)
      const tail = await open(dir, mode)
      expect(tail.search.source).toBe('cache')
      expect(await ids(tail, '光伏')).toEqual([a.id])
      expect(await ids(tail, '风电')).toEqual([])
      expect(await ids(tail, 'chuneng')).toEqual([b.id])
      expect(await ids(tail, 'jmse')).not.toContain('ach_jimsar_cbm')
      expect(await answers(tail)).toEqual(after)
      await tail.close()
    })

    if (mode === 'worker') return

    it('rebuilds, with correct answers, from a file truncated, with a flipped byte, or of another format', async () => {
      const { dir, expected } = await saved(mode)
      const file = indexFilePath(join(dir, 'cache'))
      const good = readFileSync(file)
      const flipped = Buffer.from(good)
      flipped[Math.floor(good.length / 2)]! ^= 1
      const format = Buffer.from(good)
      format.writeUInt32LE(INDEX_FORMAT + 1, 8)
      for (const [what, bytes] of [['truncated', good.subarray(0, good.length - 100)], ['flipped', flipped], ['format', format], ['garbage', Buffer.from('not an index')]] as const) {
        writeFileSync(file, bytes)
        const svc = await open(dir, mode)
        expect(svc.search.source, what).toBe('rebuilt')
        expect(await answers(svc), what).toEqual(expected)
        await svc.close()
        // The rebuild saved a good file again.
        const again = await open(dir, mode, true)
        expect(again.search.source, what).toBe('cache')
        await again.close()
      }
    })

    it('rebuilds when the saved index is of another history or ahead of the store, and loads it otherwise', async () => {
      const { dir, expected, epoch, seq } = await saved(mode)
      const file = indexFilePath(join(dir, 'cache'))
      // A file whose content is plainly not the archive's, saved under various identities.
      const foreign = new SearchIndex()
      foreign.addMany([testDoc('rec_mars', { title: '火星基地' })])
      const tryWith = async (meta: { epoch: string; seq: number }) => {
        saveIndexFile(foreign, file, meta)
        const svc = await open(dir, mode, true)
        const r = { source: svc.search.source, mars: (await dispatch(svc, 'search.query', { q: '火星', limit: 5 })).total, all: await answers(svc) }
        await svc.close()
        return r
      }
      const otherEpoch = await tryWith({ epoch: 'another-history', seq })
      expect(otherEpoch.source).toBe('rebuilt')
      expect(otherEpoch.all).toEqual(expected)
      const ahead = await tryWith({ epoch, seq: seq + 5 })
      expect(ahead.source).toBe('rebuilt')
      expect(ahead.all).toEqual(expected)
      // The control: under the archive's identity the same file is taken as it is.
      const control = await tryWith({ epoch, seq })
      expect(control.source).toBe('cache')
      expect(control.mars).toBe(1)
    })

    it('a read-only open builds without saving; a writable one saves only what changed', async () => {
      const dir = tmpDir()
      const w = await open(dir, mode)
      await dispatch(w, 'archive.loadDemo', {})
      await w.close()
      const file = indexFilePath(join(dir, 'cache'))
      copyFileSync(file, `${file}.keep`)
      writeFileSync(file, 'damaged')
      const ro = await open(dir, mode, true)
      expect(ro.search.source).toBe('rebuilt')
      expect(await ids(ro, 'jmse')).toContain('ach_jimsar_cbm')
      await ro.close()
      expect(readFileSync(file, 'utf8')).toBe('damaged')
      copyFileSync(`${file}.keep`, file)
      const again = await open(dir, mode)
      expect(again.search.source).toBe('cache')
      const before = readFileSync(file)
      await again.close()
      // Nothing changed since the load: the file was not rewritten.
      expect(readFileSync(file).equals(before)).toBe(true)
    })
  })
}

describe('the worker started before the store opens', () => {
  const openWith = (dir: string, prestart: ReturnType<typeof prestartSearch>) =>
    openArchive(dir, { user: 'tester', snapshotDelayMs: 10, search: (s) => createSearchEngine(s, { mode: 'worker', prestart }) })

  /** A demo archive opened and closed once: its open cache and saved index name the same epoch. */
  async function closedDemo(): Promise<{ dir: string; expected: unknown[] }> {
    const dir = tmpDir()
    const svc = await openWith(dir, null)
    await svc.indexing
    await dispatch(svc, 'archive.loadDemo', {})
    const expected = await answers(svc)
    await svc.close()
    return { dir, expected }
  }

  it('loads the saved index while the archive opens, and the engine adopts it', async () => {
    const { dir, expected } = await closedDemo()
    const pre = prestartSearch(dir, 'worker')
    expect(pre).not.toBeNull()
    const svc = await openWith(dir, pre)
    await svc.indexing
    expect(svc.search.source).toBe('cache')
    expect((svc.search as WorkerEngine).adoptedPrestart).toBe(true)
    expect(await answers(svc)).toEqual(expected)
    await svc.close()
  })

  it('is let go when the store reads archive.json itself (another history), and the index is rebuilt', async () => {
    const { dir, expected } = await closedDemo()
    const pre = prestartSearch(dir, 'worker')
    // archive.json touched: the open cache no longer belongs to it, so the store starts a new epoch.
    const file = join(dir, 'archive.json')
    const t = statSync(file).mtime
    utimesSync(file, t, new Date(t.getTime() + 5000))
    const svc = await openWith(dir, pre)
    await svc.indexing
    expect(svc.search.source).toBe('rebuilt')
    expect((svc.search as WorkerEngine).adoptedPrestart).toBe(false)
    expect(await answers(svc)).toEqual(expected)
    await svc.close()
  })
})
