import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveRecord } from '../../shared/domain'
import { ArchiveStore } from '../core/store/archive-store'
import { tmpDir } from '../test-support/tmp'
import { runCli } from './testing'

beforeEach(() => void vi.stubEnv('LC_ALL', 'en_US.UTF-8'))
afterEach(() => void vi.unstubAllEnvs())

const run = runCli

const now = '2026-01-01T00:00:00.000Z'
const batch = (n: number): ArchiveRecord => ({ id: `bat_b${n}`, kind: 'batch', title: `第${n}批`, number: n, startDate: '', endDate: '', counterpart: '', leader: '', tags: [], sample: false, notes: '', createdAt: now, updatedAt: now, createdBy: 't', updatedBy: 't' })

/** Batches 1–2 snapshotted (and backed up on the next open), 3–5 in the journal only. */
async function crashedArchive(): Promise<string> {
  const dir = tmpDir()
  const a = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
  for (const n of [1, 2]) await a.commit('records.create', 't', '', [{ coll: 'records', id: `bat_b${n}`, before: null, after: batch(n) }])
  await a.close()
  const b = await ArchiveStore.open(dir, { snapshotDelayMs: 60_000 })
  for (const n of [3, 4, 5]) await b.commit('records.create', 't', '', [{ coll: 'records', id: `bat_b${n}`, before: null, after: batch(n) }])
  await (b as unknown as { lock: { release(): Promise<void> } }).lock.release()
  return dir
}

describe('aid-archive backups', () => {
  it('lists each backup with its time, reason, size, seq and record count; --json for scripts', async () => {
    const dir = await crashedArchive()
    const r = await run('backups', '--archive', dir)
    expect(r.code).toBe(0)
    expect(r.out.split('\n')[0]).toBe(`Backups of ${dir} (newest first):`)
    expect(r.out.split('\n')[1]).toMatch(/^archive-\S+-open\.json {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}on open {2}[\d.]+ (B|KB) {2}seq 2 {2}2 records$/)
    const json = JSON.parse((await run('backups', '--archive', dir, '--json')).out)
    expect(json).toEqual([expect.objectContaining({ reason: 'open', seq: 2, records: 2, size: expect.any(Number), time: expect.any(String) })])
    expect((await run('backups', '--archive', tmpDir())).out).toMatch(/has no backups yet\.$/)
  })
})

describe('aid-archive restore', () => {
  it('a snapshot that is not JSON: says where the damaged files went, what it restored, and that nothing was lost', async () => {
    const dir = await crashedArchive()
    writeFileSync(join(dir, 'archive.json'), '{"schemaVersion":1,')
    expect((await run('search', 'x', '--archive', dir)).code).toBe(1)
    const r = await run('restore', '--archive', dir)
    expect(r.code).toBe(0)
    const lines = r.out.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^The damaged files were moved aside \\(kept, not deleted\\): ${dir}/damaged-\\S+ \\(archive\\.json, journal\\.jsonl\\)$`))
    expect(lines[1]).toMatch(/^Skipped archive\.json: The archive file .* is damaged \(not complete JSON/)
    expect(lines[2]).toMatch(/^Restored from the backup archive-\S+-open\.json \(seq 2, taken \d{4}-.*\)\.$/)
    expect(lines.slice(3)).toEqual([expect.stringMatching(/^Replayed 3 journal entries after it: kept up to seq 5 \(\d{4}-/), 'Nothing was lost.', 'The archive now has 5 records.'])
    expect((await run('show', 'bat_b5', '--archive', dir)).code).toBe(0)
  })

  it('a forged journal line: what was kept, and how many entries were lost from which line', async () => {
    const dir = await crashedArchive()
    const journal = join(dir, 'journal.jsonl')
    const ls = readFileSync(journal, 'utf8').split('\n')
    ls[3] = ls[3]!.replace('"coll":"records"', '"coll":"__proto__"')
    writeFileSync(journal, ls.join('\n'))
    const r = await run('restore', '--archive', dir)
    expect(r.code).toBe(0)
    expect(r.out).toContain('Restored from archive.json as it was (seq 2; only the journal was damaged).')
    expect(r.out).toMatch(/Replayed 1 journal entry after it: kept up to seq 3 /)
    expect(r.out).toContain('Lost: 2 journal entries, from journal.jsonl line 4 on (changes.0.coll "__proto__" is not a collection).')
    expect(r.out).toContain('The archive now has 3 records.')
  })

  it('speaks Chinese, and refuses a backup that is not there', async () => {
    const dir = await crashedArchive()
    writeFileSync(join(dir, 'archive.json'), 'x')
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8')
    const missing = await run('restore', '--archive', dir, '--from', 'archive-none.json')
    expect(missing).toMatchObject({ code: 1, err: 'aid-archive: 没有名为 archive-none.json 的备份。 [not_found]' })
    const r = await run('restore', '--archive', dir)
    expect(r.out).toMatch(/已从备份 archive-\S+ 恢复（第 2 步/)
    expect(r.out).toContain('没有丢失任何修改。')
    expect(r.out).toContain('档案现有 5 条记录。')
  })
})

describe('aid-archive unlock', () => {
  it("removes another computer's lock only with --force", async () => {
    const dir = tmpDir()
    const lock = join(dir, 'archive.lock')
    writeFileSync(lock, JSON.stringify({ host: 'office-pc', pid: 42, startedAt: now, user: 'zhang', lockedAt: now, nonce: 'n' }))
    const refused = await run('unlock', '--archive', dir)
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/^aid-archive: The archive is open on the computer office-pc \(user zhang, since .*\)\. .* remove its lock with: aid-archive unlock --force \[archive_locked\]$/)
    expect((await run('init', '--archive', dir)).code).toBe(1)
    const forced = await run('unlock', '--archive', dir, '--force')
    expect(forced).toMatchObject({ code: 0, out: expect.stringMatching(/^Removed the lock of the computer office-pc \(user zhang, since .*\)\. Make sure Aid Archive is closed there\.$/) })
    expect(existsSync(lock)).toBe(false)
    expect((await run('unlock', '--archive', dir)).out).toBe('The archive is not locked.')
    expect((await run('init', '--archive', dir)).code).toBe(0)
  })
})
