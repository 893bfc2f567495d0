import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../../shared/domain'
import { tmpDir } from '../../test-support/tmp'
import { ArchiveStore, ARCHIVE_FILE, JOURNAL_FILE, backup, backupsToKeep, emptyDocument, writeDocument } from './archive-store'
import { writeAtomic } from './durable-file'

const now = '2026-01-01T00:00:00.000Z'
function batch(id: string, number: number): ArchiveRecord {
  return { id, kind: 'batch', title: `第${number}批`, number, startDate: '', endDate: '', counterpart: '昌吉州', leader: '', tags: [], sample: false, notes: '', createdAt: now, updatedAt: now, createdBy: 't', updatedBy: 't' }
}
const create = (r: ArchiveRecord) => [{ coll: 'records' as const, id: r.id, before: null, after: r }]

describe('ArchiveStore', () => {
  it('creates a new archive folder with a valid archive.json', async () => {
    const dir = tmpDir()
    const s = await ArchiveStore.open(dir)
    await s.close()
    const doc = JSON.parse(readFileSync(join(dir, ARCHIVE_FILE), 'utf8'))
    expect(doc.schemaVersion).toBe(1)
    expect(doc.records).toEqual([])
    expect(existsSync(join(dir, 'archive.lock'))).toBe(false)
  })

  it('makes a commit durable in the journal before it resolves, and replays it after a crash', async () => {
    const dir = tmpDir()
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
    await s.commit('records.create', 'tester', '新建', create(batch('bat_a1', 1)))
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: 1, who: 'tester', method: 'records.create', ids: ['bat_a1'] })
    // The snapshot has not been written yet: a crash now must still keep the edit.
    expect(JSON.parse(readFileSync(join(dir, ARCHIVE_FILE), 'utf8')).records).toEqual([])
    // Simulate the crash: drop the lock as a dead process would leave it, reopen.
    writeFileSync(join(dir, 'archive.lock'), '999999999')
    const again = await ArchiveStore.open(dir)
    expect(again.records.get('bat_a1')?.title).toBe('第1批')
    expect(again.seq).toBe(1)
    expect(again.headers.map((h) => h.seq)).toEqual([1])
    await again.close()
    // close() wrote the snapshot.
    expect(JSON.parse(readFileSync(join(dir, ARCHIVE_FILE), 'utf8')).seq).toBe(1)
  })

  it('ignores a torn last journal line (an append that never completed) and keeps appending cleanly', async () => {
    const dir = tmpDir()
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
    await s.commit('records.create', 't', 'x', create(batch('bat_a1', 1)))
    await s.close()
    appendFileSync(join(dir, JOURNAL_FILE), '{"seq":2,"at":"x","who":"t","meth')
    const again = await ArchiveStore.open(dir)
    expect(again.records.size).toBe(1)
    await again.commit('records.create', 't', 'y', create(batch('bat_a2', 2)))
    await again.close()
    const third = await ArchiveStore.open(dir, { readOnly: true })
    expect([...third.records.keys()]).toEqual(['bat_a1', 'bat_a2'])
    await third.close()
  })

  it('refuses a damaged archive.json with archive_damaged and never overwrites it', async () => {
    const dir = tmpDir()
    const file = join(dir, ARCHIVE_FILE)
    writeFileSync(file, '{"schemaVersion":1,"seq":0,"records":[')
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ code: 'archive_damaged', message: expect.stringContaining(file) })
    expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1,"seq":0,"records":[')
    expect(existsSync(join(dir, 'archive.lock'))).toBe(false)
  })

  it('names the field of a document that fails validation', async () => {
    const dir = tmpDir()
    const doc = emptyDocument()
    const bad = { ...doc, records: [{ ...batch('bat_a1', 1), number: 'five' }] }
    writeFileSync(join(dir, ARCHIVE_FILE), JSON.stringify(bad))
    const before = readFileSync(join(dir, ARCHIVE_FILE), 'utf8')
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ code: 'archive_damaged', message: expect.stringContaining('records.0.number') })
    expect(readFileSync(join(dir, ARCHIVE_FILE), 'utf8')).toBe(before)
  })

  it('refuses a journal damaged in the middle', async () => {
    const dir = tmpDir()
    await writeDocument(dir, emptyDocument())
    writeFileSync(join(dir, JOURNAL_FILE), 'garbage\n{"seq":1}\n')
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ code: 'archive_damaged', message: expect.stringContaining('line 1') })
  })

  it('lets one writer in at a time, readers always', async () => {
    const dir = tmpDir()
    const s = await ArchiveStore.open(dir)
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ code: 'archive_locked' })
    const r = await ArchiveStore.open(dir, { readOnly: true })
    await expect(r.commit('x', 't', '', create(batch('bat_a1', 1)))).rejects.toMatchObject({ code: 'invalid_input' })
    await r.close()
    await s.close()
    const t = await ArchiveStore.open(dir)
    await t.close()
  })

  it('undoes the change in memory when the journal cannot be written', async () => {
    const dir = tmpDir()
    const s = await ArchiveStore.open(dir)
    await s.commit('records.create', 't', '', create(batch('bat_a1', 1)))
    // Break the journal writer: close its handle behind its back.
    await (s as unknown as { journal: { close(): Promise<void> } }).journal.close()
    await expect(s.commit('records.create', 't', '', create(batch('bat_a2', 2)))).rejects.toMatchObject({ code: 'io_error' })
    expect(s.records.has('bat_a2')).toBe(false)
    expect(s.seq).toBe(1)
  })

  it('keeps a rotating set of backups, one per version of archive.json', async () => {
    const dir = tmpDir()
    const t0 = Date.parse('2026-05-01T08:00:00.000Z')
    for (let i = 0; i < 13; i++) {
      // As the store writes it: a new file renamed over the old one.
      await writeAtomic(join(dir, ARCHIVE_FILE), JSON.stringify({ ...emptyDocument(), seq: i }))
      await backup(dir, 'open', new Date(t0 + i * 60_000))
    }
    const names = readdirSync(join(dir, 'backups')).sort()
    expect(names).toHaveLength(10)
    expect(JSON.parse(readFileSync(join(dir, 'backups', names[9]!), 'utf8')).seq).toBe(12)
    // The same version again is not copied twice.
    expect(await backup(dir, 'open', new Date(t0 + 20 * 60_000))).toBe(names[9])
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(10)
  })

  it('keeps the newest 10 and the newest of each day of the last 30 days', () => {
    const now = new Date('2026-05-31T12:00:00.000Z')
    const names: string[] = []
    for (let day = 0; day < 40; day++)
      for (const hour of ['08', '12', '16']) {
        const d = new Date(now.getTime() - day * 86_400_000)
        names.push(`archive-${d.toISOString().slice(0, 10)}T${hour}-00-00-000Z-open.json`)
      }
    names.push('archive-notes.json')
    const keep = backupsToKeep(names, now)
    const byDay = (d: string) => [...keep].filter((n) => n.startsWith(`archive-${d}`))
    for (const n of names.filter((n) => n !== 'archive-notes.json').sort().slice(-10)) expect(keep.has(n)).toBe(true)
    expect(byDay('2026-05-20')).toEqual(['archive-2026-05-20T16-00-00-000Z-open.json'])
    expect(byDay('2026-05-02')).toEqual(['archive-2026-05-02T16-00-00-000Z-open.json'])
    expect(byDay('2026-04-30')).toEqual([])
    // Not a name of ours: somebody put it there, it is not pruned.
    expect(keep.has('archive-notes.json')).toBe(true)
    // Ten newest (days 0–3) + one a day for days 0–30, counting days 0–3 once.
    expect(keep.size).toBe(1 + 10 + 31 - 4)
  })

  it('writes one snapshot for a burst of commits', async () => {
    const dir = tmpDir()
    const s = await ArchiveStore.open(dir, { snapshotDelayMs: 20 })
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.commit('records.create', 't', '', create(batch(`bat_b${i}`, i + 1)))))
    await new Promise((r) => setTimeout(r, 200))
    const adapter = (s as unknown as { low: { adapter: { serialisations: number } } }).low.adapter
    // One at creation, one for the burst.
    expect(adapter.serialisations).toBe(2)
    expect(JSON.parse(readFileSync(join(dir, ARCHIVE_FILE), 'utf8')).records).toHaveLength(30)
    await s.close()
  })
})

describe('serialiseDocument', () => {
  it('writes the same document as JSON.stringify, in chunks', async () => {
    const { serialiseDocument } = await import('./archive-store')
    const doc = emptyDocument()
    for (let i = 0; i < 2500; i++) doc.records.push(batch(`bat_s${i}`, (i % 999) + 1))
    doc.tags.push({ id: 'tag_a', path: '产业/煤化工', color: '', createdAt: now })
    const chunks = [...serialiseDocument(doc)]
    expect(chunks.length).toBeGreaterThan(5)
    expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(JSON.stringify(doc)))
    expect(JSON.parse([...serialiseDocument(emptyDocument())].join(''))).toEqual(emptyDocument())
  })
})
