import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { tmpDir } from '../../test-support/tmp'
import { LOCK_FILE, acquireLock, currentOwner, parseLock, processStartTime, unlockArchive } from './lock'

const DEAD_PID = 999_999_999
const lockFile = (dir: string) => join(dir, LOCK_FILE)
const writeLock = (dir: string, v: unknown) => writeFileSync(lockFile(dir), typeof v === 'string' ? v : JSON.stringify(v))
const here = (over: Record<string, unknown> = {}) => ({ host: hostname(), pid: DEAD_PID, startedAt: '2020-01-01T00:00:00.000Z', user: 'u', lockedAt: '2020-01-01T00:00:00.000Z', nonce: 'a', ...over })

describe('archive.lock', () => {
  it('holds host, pid, process start time and user as JSON, and goes on release', async () => {
    const dir = tmpDir()
    const held = await acquireLock(dir)
    const lock = JSON.parse(readFileSync(lockFile(dir), 'utf8'))
    expect(lock).toMatchObject({ host: hostname(), pid: process.pid, user: expect.any(String), lockedAt: expect.any(String) })
    // The start time is this process's, not the time of locking.
    expect(Math.abs(Date.parse(lock.startedAt) - (Date.now() - process.uptime() * 1000))).toBeLessThan(3000)
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'archive_locked', reason: 'archive.locked', params: { pid: process.pid } })
    await held.release()
    expect(existsSync(lockFile(dir))).toBe(false)
  })

  it('takes over a lock of this host whose process is gone, or whose pid now belongs to a later process', async () => {
    for (const stale of [here(), here({ pid: process.ppid }), here({ pid: process.pid })]) {
      const dir = tmpDir()
      writeLock(dir, stale)
      const held = await acquireLock(dir)
      expect(parseLock(readFileSync(lockFile(dir)))).toMatchObject({ pid: process.pid, host: hostname() })
      await held.release()
    }
  })

  it('refuses while the process that holds it runs (same pid, same start time)', async () => {
    const dir = tmpDir()
    const start = await processStartTime(process.ppid)
    expect(start, 'Linux /proc gives start times').not.toBeNull()
    writeLock(dir, here({ pid: process.ppid, startedAt: new Date(start!).toISOString() }))
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'archive_locked', reason: 'archive.locked', params: { pid: process.ppid } })
  })

  it('reads an old lock that holds only a pid', async () => {
    const dir = tmpDir()
    writeLock(dir, String(process.ppid))
    await expect(acquireLock(dir)).rejects.toMatchObject({ reason: 'archive.locked', params: { pid: process.ppid } })
    writeLock(dir, String(DEAD_PID))
    await (await acquireLock(dir)).release()
    expect(parseLock('  4242\n')).toEqual({ host: null, pid: 4242, startedAt: null, user: null, lockedAt: null })
  })

  it('never takes over a lock of another host, even with a pid that is not running here', async () => {
    const dir = tmpDir()
    const foreign = here({ host: 'office-pc', user: 'zhang', lockedAt: '2026-03-18T01:30:00.000Z' })
    writeLock(dir, foreign)
    const err = await acquireLock(dir).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'archive_locked', reason: 'archive.locked_elsewhere', params: { host: 'office-pc', user: 'zhang', command: 'aid-archive unlock --force' } })
    expect((err as { params: { since: string } }).params.since).toMatch(/^2026-03-1[78] \d\d:\d\d$/)
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toEqual(foreign)
  })

  it('waits on a lock being written, and takes over one left unreadable by a crash long ago', async () => {
    const dir = tmpDir()
    writeLock(dir, '')
    const old = new Date(Date.now() - 60_000)
    utimesSync(lockFile(dir), old, old)
    await (await acquireLock(dir)).release()
  })

  it('passes a takeover guard whose holder died mid-takeover', async () => {
    const dir = tmpDir()
    writeLock(dir, here())
    const { createHash } = await import('node:crypto')
    const id = createHash('sha256').update(readFileSync(lockFile(dir))).digest('hex').slice(0, 16)
    writeFileSync(join(dir, `${LOCK_FILE}.takeover-${id}-1`), JSON.stringify(here()))
    const held = await acquireLock(dir)
    expect(parseLock(readFileSync(lockFile(dir)))?.pid).toBe(process.pid)
    // The guards are gone with the lock they guarded.
    expect(readdirSync(dir)).toEqual([LOCK_FILE])
    await held.release()
  })

  it('N concurrent takeovers of a stale lock in one process: exactly one wins, the rest are told it is locked', async () => {
    const rounds = 30
    const n = 12
    for (let r = 0; r < rounds; r++) {
      const dir = tmpDir()
      writeLock(dir, r % 2 ? here() : here({ pid: process.ppid }))
      const results = await Promise.allSettled(Array.from({ length: n }, () => acquireLock(dir)))
      const won = results.filter((x) => x.status === 'fulfilled')
      expect(won, `round ${r}`).toHaveLength(1)
      for (const x of results) if (x.status === 'rejected') expect(x.reason).toMatchObject({ code: 'archive_locked', reason: 'archive.locked' })
      await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release()
    }
  })

  it(
    'N concurrent takeovers of a stale lock from separate processes: exactly one wins each round, in bounded rounds',
    async () => {
      const n = 6
      const rounds = 12
      const script = join(tmpDir(), 'contender.mts')
      writeFileSync(
        script,
        `import { createInterface } from 'node:readline'
const { acquireLock } = await import(${JSON.stringify(resolve(__dirname, 'lock.ts'))})
console.log(JSON.stringify({ ready: true }))
for await (const line of createInterface({ input: process.stdin })) {
  const { dir, round } = JSON.parse(line)
  const t0 = Date.now()
  try {
    await acquireLock(dir)
    console.log(JSON.stringify({ round, won: true, pid: process.pid, ms: Date.now() - t0 }))
  } catch (e) {
    console.log(JSON.stringify({ round, won: false, reason: e.reason, ms: Date.now() - t0 }))
  }
}
`,
      )
      type Msg = { ready?: boolean; round?: number; won?: boolean; pid?: number; reason?: string; ms?: number }
      const kids: { p: ChildProcessWithoutNullStreams; next: () => Promise<Msg> }[] = []
      for (let i = 0; i < n; i++) {
        const p = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'pipe' })
        const queue: Msg[] = []
        const waiting: ((m: Msg) => void)[] = []
        createInterface({ input: p.stdout }).on('line', (l) => {
          const m = JSON.parse(l) as Msg
          const w = waiting.shift()
          if (w) w(m)
          else queue.push(m)
        })
        kids.push({ p, next: () => new Promise((res) => (queue.length ? res(queue.shift()!) : waiting.push(res))) })
      }
      try {
        await Promise.all(kids.map(async (k) => expect(await k.next()).toEqual({ ready: true })))
        const start = await processStartTime(process.pid)
        for (let round = 0; round < rounds; round++) {
          const dir = tmpDir()
          // Dead pid, or a live pid with another start time (reused after a reboot).
          writeLock(dir, round % 2 ? here() : here({ pid: process.pid, startedAt: new Date(start! - 3_600_000).toISOString() }))
          for (const k of kids) k.p.stdin.write(JSON.stringify({ dir, round }) + '\n')
          const got = await Promise.all(kids.map((k) => k.next()))
          const winners = got.filter((m) => m.won)
          expect(winners, `round ${round}: ${JSON.stringify(got)}`).toHaveLength(1)
          expect(parseLock(readFileSync(lockFile(dir)))?.pid).toBe(winners[0]!.pid)
          // The others were told it is locked; none ran out of rounds.
          for (const m of got) if (!m.won) expect(m.reason).toBe('archive.locked')
          expect(Math.max(...got.map((m) => m.ms!))).toBeLessThan(10_000)
        }
      } finally {
        for (const k of kids) k.p.kill()
      }
    },
    120_000,
  )
})

describe('unlockArchive', () => {
  it('removes another host’s lock only with force', async () => {
    const dir = tmpDir()
    writeLock(dir, here({ host: 'office-pc' }))
    await expect(unlockArchive(dir)).rejects.toMatchObject({ reason: 'archive.locked_elsewhere' })
    expect(existsSync(lockFile(dir))).toBe(true)
    expect(await unlockArchive(dir, { force: true })).toMatchObject({ how: 'forced', info: { host: 'office-pc' } })
    expect(existsSync(lockFile(dir))).toBe(false)
    expect(await unlockArchive(dir, { force: true })).toEqual({ how: 'none', info: null })
  })

  it('clears a dead process’s lock of this host the safe way, and never a live one', async () => {
    const dir = tmpDir()
    writeLock(dir, here())
    expect(await unlockArchive(dir)).toMatchObject({ how: 'stale', info: { pid: DEAD_PID } })
    expect(readdirSync(dir)).toEqual([])
    const held = await acquireLock(dir)
    await expect(unlockArchive(dir, { force: true })).rejects.toMatchObject({ reason: 'archive.locked', params: { pid: (await currentOwner()).pid } })
    expect(existsSync(lockFile(dir))).toBe(true)
    await held.release()
  })
})
