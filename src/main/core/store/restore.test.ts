// An archive damaged in each way comes back: the damaged files set aside untouched, the
// newest good copy restored, the journal replayed up to its first bad line.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../../shared/domain'
import { tmpDir } from '../../test-support/tmp'
import { ArchiveStore, ARCHIVE_FILE, JOURNAL_FILE } from './archive-store'
import { restoreArchive, listBackups } from './restore'

const now = '2026-01-01T00:00:00.000Z'
const batch = (n: number): ArchiveRecord => ({ id: `bat_b${n}`, kind: 'batch', title: `第${n}批`, number: n, startDate: '', endDate: '', counterpart: '', leader: '', tags: [], sample: false, notes: '', createdAt: now, updatedAt: now, createdBy: 't', updatedBy: 't' })
const create = (r: ArchiveRecord) => [{ coll: 'records' as const, id: r.id, before: null, after: r }]

/**
 * Batches 1–2 committed and snapshotted; reopened (a backup of that snapshot is taken on
 * open); batches 3–5 committed to the journal only, then the process "crashes" (its lock
 * let go, archive.json still at seq 2).
 */
async function crashedArchive(): Promise<string> {
  const dir = tmpDir()
  const first = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
  for (const n of [1, 2]) await first.commit('records.create', 't', `新建 ${n}`, create(batch(n)))
  await first.close()
  const second = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
  for (const n of [3, 4, 5]) await second.commit('records.create', 't', `新建 ${n}`, create(batch(n)))
  // The open's backup is taken in the background; this crash comes after it.
  await (second as unknown as { openBackup: Promise<unknown> }).openBackup
  await (second as unknown as { lock: { release(): Promise<void> } }).lock.release()
  return dir
}

const lines = (dir: string) => readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean)
const setLines = (dir: string, ls: string[]) => writeFileSync(join(dir, JOURNAL_FILE), ls.map((l) => l + '\n').join(''))
const snapshot = (dir: string) => readFileSync(join(dir, ARCHIVE_FILE))

async function reopened(dir: string): Promise<string[]> {
  const s = await ArchiveStore.open(dir)
  const ids = [...s.records.keys()]
  // Still a working archive: it takes a change and opens again with it.
  await s.commit('records.create', 't', 'after restore', create(batch(9)))
  await s.close()
  const again = await ArchiveStore.open(dir, { readOnly: true })
  expect(again.records.has('bat_b9')).toBe(true)
  await again.close()
  return ids
}

/** The originals, byte for byte, in damaged-<time>/. */
function expectSetAside(dir: string, damagedDir: string, files: Record<string, Buffer>): void {
  expect(damagedDir.startsWith(join(dir, 'damaged-'))).toBe(true)
  for (const [name, bytes] of Object.entries(files)) expect(readFileSync(join(damagedDir, name)), name).toEqual(bytes)
}

describe('restoreArchive', () => {
  it('a snapshot that is not JSON: the newest backup, then the whole journal after it; nothing lost', async () => {
    const dir = await crashedArchive()
    writeFileSync(join(dir, ARCHIVE_FILE), '{"schemaVersion":1,"seq":2,"records":[')
    const orig = { [ARCHIVE_FILE]: snapshot(dir), [JOURNAL_FILE]: readFileSync(join(dir, JOURNAL_FILE)) }
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ code: 'archive_damaged', reason: 'archive.damaged_json' })
    const r = await restoreArchive(dir)
    expect(r).toMatchObject({ source: { kind: 'backup', seq: 2 }, replayed: 3, keptSeq: 5, lost: 0, stoppedAt: null, records: 5, moved: [ARCHIVE_FILE, JOURNAL_FILE] })
    expect(r.skipped).toEqual([{ name: ARCHIVE_FILE, error: expect.objectContaining({ reason: 'archive.damaged_json' }) }])
    expect(r.source.name).toMatch(/^archive-.*-open\.json$/)
    expectSetAside(dir, r.damagedDir, orig)
    expect(await reopened(dir)).toEqual(['bat_b1', 'bat_b2', 'bat_b3', 'bat_b4', 'bat_b5'])
  })

  it('a snapshot that fails the schema: the same', async () => {
    const dir = await crashedArchive()
    const doc = JSON.parse(snapshot(dir).toString())
    doc.records[0].number = 'five'
    writeFileSync(join(dir, ARCHIVE_FILE), JSON.stringify(doc))
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ reason: 'archive.damaged_schema' })
    const r = await restoreArchive(dir)
    expect(r).toMatchObject({ source: { kind: 'backup', seq: 2 }, keptSeq: 5, lost: 0, records: 5 })
    expect(r.skipped[0]).toMatchObject({ name: ARCHIVE_FILE, error: { reason: 'archive.damaged_schema' } })
    expect(await reopened(dir)).toHaveLength(5)
  })

  it('a forged journal line in the middle: archive.json as it was, the journal up to that line, the rest counted as lost', async () => {
    const dir = await crashedArchive()
    const ls = lines(dir)
    ls[3] = ls[3]!.replace('"title":"第4批"', '"title":12345')
    setLines(dir, ls)
    const orig = { [ARCHIVE_FILE]: snapshot(dir), [JOURNAL_FILE]: readFileSync(join(dir, JOURNAL_FILE)) }
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ reason: 'archive.journal_invalid', params: { line: 4 } })
    const r = await restoreArchive(dir)
    expect(r).toMatchObject({ source: { kind: 'current', name: ARCHIVE_FILE, seq: 2 }, skipped: [], replayed: 1, keptSeq: 3, lost: 2, stoppedAt: { line: 4 }, records: 3 })
    expect(r.keptAt).toEqual(expect.any(String))
    expect(r.stoppedAt!.detail).toMatch(/title/)
    expectSetAside(dir, r.damagedDir, orig)
    // The new journal is the old one's good lines, byte for byte.
    expect(lines(dir)).toEqual(ls.slice(0, 3))
    expect(await reopened(dir)).toEqual(['bat_b1', 'bat_b2', 'bat_b3'])
  })

  it('a __proto__ collection slipped into the journal: stops there, and the archive opens without it', async () => {
    const dir = await crashedArchive()
    const ls = lines(dir)
    const forged = ls[2]!.replace('"coll":"records"', '"coll":"__proto__"')
    setLines(dir, [...ls.slice(0, 3), forged.replace('"seq":3', '"seq":4'), ...ls.slice(3)])
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ reason: 'archive.journal_invalid', params: { line: 4 } })
    const r = await restoreArchive(dir)
    expect(r).toMatchObject({ source: { kind: 'current' }, replayed: 1, keptSeq: 3, lost: 3, stoppedAt: { line: 4, detail: expect.stringContaining('__proto__') } })
    expect(await reopened(dir)).toEqual(['bat_b1', 'bat_b2', 'bat_b3'])
  })

  it('a bad line the snapshot already covers is left out, and nothing after it is lost', async () => {
    const dir = await crashedArchive()
    await (await ArchiveStore.open(dir)).close() // snapshot at seq 5
    const ls = lines(dir)
    setLines(dir, [...ls.slice(0, 2), 'garbage', ...ls.slice(2)])
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ reason: 'archive.journal_damaged', params: { line: 3 } })
    const r = await restoreArchive(dir)
    expect(r).toMatchObject({ source: { kind: 'current', seq: 5 }, replayed: 0, keptSeq: 5, lost: 0, dropped: 1, records: 5 })
    expect(lines(dir)).toEqual(ls)
  })

  it('no copy reads but the journal goes back to the start: rebuilt from the journal alone', async () => {
    const dir = await crashedArchive()
    writeFileSync(join(dir, ARCHIVE_FILE), 'x')
    for (const b of readdirSync(join(dir, 'backups'))) writeFileSync(join(dir, 'backups', b), 'y')
    const r = await restoreArchive(dir)
    expect(r).toMatchObject({ source: { kind: 'journal', seq: 0 }, replayed: 5, keptSeq: 5, lost: 0, records: 5 })
    expect(r.skipped.map((s) => s.name)).toHaveLength(1 + readdirSync(join(dir, 'backups')).length)
  })

  it('refuses, changing nothing, when nothing can be restored, and when a named backup is missing or damaged', async () => {
    const dir = tmpDir()
    writeFileSync(join(dir, ARCHIVE_FILE), 'x')
    await expect(restoreArchive(dir)).rejects.toMatchObject({ code: 'archive_damaged', reason: 'archive.no_good_copy' })
    await expect(restoreArchive(dir, { from: 'archive-none.json' })).rejects.toMatchObject({ code: 'not_found', reason: 'archive.backup_not_found' })
    await expect(restoreArchive(dir, { from: '../archive.json' })).rejects.toMatchObject({ code: 'not_found' })
    const crashed = await crashedArchive()
    const name = readdirSync(join(crashed, 'backups'))[0]!
    writeFileSync(join(crashed, 'backups', name), '{')
    await expect(restoreArchive(crashed, { from: name })).rejects.toMatchObject({ code: 'archive_damaged', reason: 'archive.damaged_json' })
    for (const d of [dir, crashed]) {
      expect(readdirSync(d).filter((f) => f.startsWith('damaged-'))).toEqual([])
      expect(existsSync(join(d, 'archive.lock'))).toBe(false)
    }
  })

  it('restores from the backup named, and replays the journal after it', async () => {
    const dir = await crashedArchive()
    const [b] = await listBackups(dir)
    const r = await restoreArchive(dir, { from: b!.name })
    expect(r).toMatchObject({ source: { kind: 'backup', name: b!.name, seq: 2 }, replayed: 3, keptSeq: 5, lost: 0, skipped: [] })
  })

  it('will not restore an archive another computer has open', async () => {
    const dir = await crashedArchive()
    writeFileSync(join(dir, 'archive.lock'), JSON.stringify({ host: `not-${hostname()}`, pid: 1, startedAt: now, user: 'u', lockedAt: now }))
    await expect(restoreArchive(dir)).rejects.toMatchObject({ code: 'archive_locked', reason: 'archive.locked_elsewhere' })
  })
})

describe('listBackups', () => {
  it('lists name, time, reason, size, seq and record count, newest first', async () => {
    const dir = await crashedArchive()
    await (await ArchiveStore.open(dir)).close()
    await (await ArchiveStore.open(dir)).close()
    const list = await listBackups(dir)
    expect(list.map((b) => [b.reason, b.seq, b.records])).toEqual([
      ['open', 5, 5],
      ['open', 2, 2],
    ])
    expect(list[0]!.size).toBe(readFileSync(join(dir, 'backups', list[0]!.name)).length)
    expect(Date.parse(list[0]!.time)).toBeGreaterThanOrEqual(Date.parse(list[1]!.time))
    expect(await listBackups(tmpDir())).toEqual([])
  })
})
