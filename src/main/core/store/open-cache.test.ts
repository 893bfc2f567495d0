import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCHEMA_VERSION, type ArchiveDocument, type ArchiveRecord } from '../../../shared/domain'
import { generateArchive } from '../../../../bench/generate'
import { tmpDir } from '../../test-support/tmp'
import { ArchiveStore, ARCHIVE_FILE, JOURNAL_FILE, writeDocument } from './archive-store'
import { CACHE_DIR } from './names'
import { OPEN_CACHE_FILE } from './open-cache'
import { ListCache, compareRows } from '../list'
import type { ApiParsedInput } from '../../../shared/api'

/** An archive of generated records (reports with 300–800-character bodies), written as archive.json. */
async function archiveWith(n: number): Promise<{ dir: string; records: ArchiveRecord[] }> {
  const dir = tmpDir()
  const g = generateArchive({ records: n, seed: 11 })
  const doc: ArchiveDocument = { schemaVersion: SCHEMA_VERSION, seq: 0, settings: g.settings, records: g.records, tags: g.tags, links: [], photoGroups: [], savedSearches: [], counters: {}, versions: [], conflicts: [] }
  await writeDocument(dir, doc)
  return { dir, records: g.records }
}

const plain = (s: ArchiveStore) => JSON.parse(JSON.stringify([...s.records.values()])) as ArchiveRecord[]
const reportOf = (s: ArchiveStore) => [...s.records.values()].find((r) => r.kind === 'report') as Extract<ArchiveRecord, { kind: 'report' }>
const cacheFile = (dir: string) => join(dir, CACHE_DIR, OPEN_CACHE_FILE)
const textsFiles = (dir: string) => readdirSync(join(dir, CACHE_DIR)).filter((f) => f.startsWith('texts-'))

/** Opens, lets the first open write its cache, closes. */
async function warmed(dir: string): Promise<void> {
  const s = await ArchiveStore.open(dir)
  await s.close()
}

describe('the open cache', () => {
  it('opens from the cache with the same content as archive.json, long texts read on demand', async () => {
    const { dir, records } = await archiveWith(120)
    await warmed(dir)
    const s = await ArchiveStore.open(dir, { readOnly: true })
    expect(s.openedFrom).toBe('cache')
    expect(plain(s)).toEqual(records)
    const body = reportOf(s).body
    expect(body.length).toBeGreaterThanOrEqual(300)
    // The body is not in the cache's document: it lies in the texts file.
    expect(readFileSync(cacheFile(dir), 'utf8')).not.toContain(body)
    const fromArchive = await ArchiveStore.open(dir, { readOnly: true, ignoreCache: true })
    expect(fromArchive.openedFrom).toBe('archive')
    expect(plain(fromArchive)).toEqual(plain(s))
    await s.close()
    await fromArchive.close()
  })

  it('keeps the epoch across cached opens, and starts a new one when archive.json is read', async () => {
    const { dir } = await archiveWith(20)
    const first = await ArchiveStore.open(dir)
    const epoch = first.cacheEpoch
    await first.close()
    const again = await ArchiveStore.open(dir)
    expect([again.openedFrom, again.cacheEpoch]).toEqual(['cache', epoch])
    await again.close()
    const full = await ArchiveStore.open(dir, { ignoreCache: true })
    expect(full.cacheEpoch).not.toBe(epoch)
    await full.close()
  })

  it('edits of records read from the cache keep their long texts, in memory and in archive.json', async () => {
    const { dir } = await archiveWith(60)
    await warmed(dir)
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
    const r = reportOf(s)
    const body = r.body
    await s.commit('records.update', 't', 'title', [{ coll: 'records', id: r.id, before: r, after: { ...r, title: '改过的标题' } }])
    expect((s.records.get(r.id) as typeof r).body).toBe(body)
    await s.close()
    const onDisk = JSON.parse(readFileSync(join(dir, ARCHIVE_FILE), 'utf8')) as ArchiveDocument
    expect(onDisk.records.find((x) => x.id === r.id)).toMatchObject({ title: '改过的标题', body })
    const back = await ArchiveStore.open(dir, { readOnly: true })
    expect(back.openedFrom).toBe('cache')
    expect(reportOf(back)).toMatchObject({ title: '改过的标题', body })
    await back.close()
  })

  it('replays the journal on top of the cache after a crash', async () => {
    const { dir } = await archiveWith(40)
    await warmed(dir)
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
    const r = reportOf(s)
    await s.commit('records.update', 't', 'body', [{ coll: 'records', id: r.id, before: r, after: { ...r, body: '新的正文'.repeat(100) } }])
    // A crash: no snapshot, no close.
    await (s as unknown as { lock: { release(): Promise<void> } }).lock.release()
    const back = await ArchiveStore.open(dir, { readOnly: true })
    expect(back.openedFrom).toBe('cache')
    expect((back.records.get(r.id) as typeof r).body).toBe('新的正文'.repeat(100))
    await back.close()
  })

  it('is not used when archive.json was replaced, and the content is archive.json’s', async () => {
    const { dir } = await archiveWith(30)
    await warmed(dir)
    const doc = JSON.parse(readFileSync(join(dir, ARCHIVE_FILE), 'utf8')) as ArchiveDocument
    doc.records[0] = { ...doc.records[0]!, title: '手工改过' }
    await writeDocument(dir, doc)
    const s = await ArchiveStore.open(dir, { readOnly: true })
    expect(s.openedFrom).toBe('archive')
    expect(s.records.get(doc.records[0]!.id)?.title).toBe('手工改过')
    await s.close()
  })

  it('is not used when archive.json has the same size but another mtime', async () => {
    const { dir } = await archiveWith(30)
    await warmed(dir)
    const file = join(dir, ARCHIVE_FILE)
    const t = statSync(file).mtime
    utimesSync(file, t, new Date(t.getTime() + 5000))
    const s = await ArchiveStore.open(dir, { readOnly: true })
    expect(s.openedFrom).toBe('archive')
    await s.close()
  })

  it('a damaged cache document is ignored', async () => {
    const { dir, records } = await archiveWith(30)
    await warmed(dir)
    const buf = readFileSync(cacheFile(dir))
    buf[buf.length - 50] = buf[buf.length - 50]! ^ 0x20
    writeFileSync(cacheFile(dir), buf)
    const s = await ArchiveStore.open(dir, { readOnly: true })
    expect(s.openedFrom).toBe('archive')
    expect(plain(s)).toEqual(records)
    await s.close()
  })

  it('a damaged text is refused in words, and the next open reads archive.json', async () => {
    const { dir, records } = await archiveWith(30)
    await warmed(dir)
    const texts = join(dir, CACHE_DIR, textsFiles(dir)[0]!)
    const buf = readFileSync(texts)
    for (let i = 0; i < buf.length; i += 64) buf[i] = buf[i]! ^ 0x01
    writeFileSync(texts, buf)
    const s = await ArchiveStore.open(dir, { readOnly: true })
    expect(s.openedFrom).toBe('cache')
    expect(() => reportOf(s).body).toThrow(expect.objectContaining({ code: 'archive_damaged', reason: 'archive.cache_damaged' }))
    await s.close()
    const again = await ArchiveStore.open(dir, { readOnly: true })
    expect(again.openedFrom).toBe('archive')
    expect(plain(again)).toEqual(records)
    await again.close()
  })

  it('is not used when the journal lacks the seq the cache was made at', async () => {
    const { dir } = await archiveWith(20)
    await warmed(dir)
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
    const r = reportOf(s)
    await s.commit('records.update', 't', 'x', [{ coll: 'records', id: r.id, before: r, after: { ...r, title: '日志里的修改' } }])
    // The cache is written ahead of archive.json (a commit after the last snapshot)…
    await (s as unknown as { queueCacheWrite(): Promise<void> }).queueCacheWrite()
    await (s as unknown as { lock: { release(): Promise<void> } }).lock.release()
    // …and then the journal loses that entry.
    writeFileSync(join(dir, JOURNAL_FILE), '')
    const back = await ArchiveStore.open(dir, { readOnly: true })
    expect(back.openedFrom).toBe('archive')
    expect(back.records.get(r.id)?.title).toBe(r.title)
    await back.close()
  })

  it('starts a new texts file once most of the old one is superseded, and removes the old one at the next open', async () => {
    const { dir } = await archiveWith(40)
    await warmed(dir)
    const first = textsFiles(dir)
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
    for (let round = 0; round < 6; round++) {
      for (const r of [...s.records.values()].filter((x) => x.kind === 'report')) {
        const rep = r as Extract<ArchiveRecord, { kind: 'report' }>
        await s.commit('records.update', 't', 'x', [{ coll: 'records', id: r.id, before: r, after: { ...rep, body: `第${round}稿`.repeat(1000) } }])
      }
      await s.snapshot()
    }
    await s.close()
    expect(textsFiles(dir)).not.toEqual(first)
    const again = await ArchiveStore.open(dir)
    expect(again.openedFrom).toBe('cache')
    expect(textsFiles(dir)).toHaveLength(1)
    expect(reportOf(again).body).toBe('第5稿'.repeat(1000))
    await again.close()
  })

  it('tells which records changed since a seq (the search index catches up with it)', async () => {
    const { dir } = await archiveWith(40)
    const s = await ArchiveStore.open(dir)
    const seq = s.seq
    const [a, b] = [...s.records.values()].filter((r) => r.kind !== 'batch')
    await s.commit('records.update', 't', 'x', [{ coll: 'records', id: a!.id, before: a!, after: { ...a!, title: 'A' } }])
    const link = { id: 'lnk_1', from: a!.id, to: b!.id, type: 'related' as const, note: '', createdAt: a!.createdAt, createdBy: 't' }
    await s.commit('links.create', 't', 'x', [{ coll: 'links', id: link.id, before: null, after: link }])
    expect((await s.touchedSince(seq))?.sort()).toEqual([a!.id, b!.id].sort())
    expect(await s.touchedSince(s.seq)).toEqual([])
    expect(await s.touchedSince(s.seq + 1)).toBeNull()
    await s.close()
  })

  it('keeps the library’s first order, used until the archive changes', async () => {
    const { dir } = await archiveWith(80)
    await warmed(dir)
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
    const first = { sort: 'updatedAt', desc: true, offset: 0, limit: 200 } as ApiParsedInput<'records.list'>
    const sorted = () => [...s.records.values()].sort(compareRows('updatedAt', true)).map((r) => r.id)
    expect(s.initialOrder?.ids).toEqual(sorted())
    const lists = new ListCache(s)
    expect(lists.ids(first)).toEqual(sorted())
    const r = reportOf(s)
    await s.commit('records.update', 't', 'x', [{ coll: 'records', id: r.id, before: r, after: { ...r, updatedAt: '2099-01-01T00:00:00.000Z' } }])
    // A fresh cache of lists after the change: the kept order is stale, so it is sorted anew.
    const after = new ListCache(s).ids(first)
    expect(after[0]).toBe(r.id)
    expect(after).toEqual(sorted())
    await s.close()
  })
})
