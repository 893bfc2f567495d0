// kill -9 at any moment loses nothing that was acknowledged. The browser host runs as a
// child process (the CLI's `serve`, from source) on a temporary archive while clients fire
// records.create and records.update over HTTP on 127.0.0.1; the child is killed with
// SIGKILL at a random moment (sometimes around the snapshot, sometimes while it is still
// opening the archive), then started again: every edit answered 200 must be there, no
// record may appear that no client sent, and archive.verify must find nothing.
// 20 rounds, or fewer (never under 5) when a slow machine would take over 40 s for them;
// AID_LONG_CRASH=1 runs 200 rounds, with no time limit.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { tmpDir } from '../../test-support/tmp'
import { openArchive } from '../../app'
import { violations } from '../verify'

const LONG = process.env.AID_LONG_CRASH === '1'
const ROUNDS = LONG ? 200 : 20
const MIN_ROUNDS = 5
/** Each round starts the host from TypeScript (~2 s, much more on a loaded machine). */
const BUDGET_MS = LONG ? Infinity : 40_000
const WRITERS = 4
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const CLI = join(ROOT, 'src', 'main', 'cli', 'index.ts')

interface Host {
  proc: ChildProcess
  base: string
  token: string
}

const children = new Set<ChildProcess>()
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})

const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Node with tsx's loader, not the tsx CLI: SIGKILL must hit the process that holds the archive. */
function spawnHost(dir: string): ChildProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--archive', dir, '--port', '0'], {
    cwd: ROOT,
    // In-thread search: a search worker would only add start-up time to every round.
    env: { ...process.env, AID_SEARCH_ENGINE: 'inline' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(proc)
  proc.once('exit', () => children.delete(proc))
  return proc
}

function ready(proc: ChildProcess): Promise<Host> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`the host printed no URL in 30 s\n${out}${err}`)), 30_000)
    proc.stderr!.on('data', (b: Buffer) => (err += b.toString()))
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString()
      const m = /Aid Archive: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      resolve({ proc, base: m[1]!, token: m[2]! })
    })
    proc.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`the host exited (${code ?? signal}) before it was ready\n${out}${err}`))
    })
  })
}

async function kill(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise((r) => proc.once('exit', r))
  proc.kill('SIGKILL')
  await exited
}

/** One call; null when the connection failed (the host is gone: the edit may or may not have landed). */
// The few fields of the answers this test reads.
interface Answer {
  id: string
  items: { id: string; title: string }[]
  violations: unknown[]
}

async function call(h: Host, method: string, input: unknown): Promise<{ status: number; body: Answer } | null> {
  try {
    const res = await fetch(`${h.base}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    })
    return { status: res.status, body: (await res.json()) as Answer }
  } catch {
    return null
  }
}

async function must(h: Host, method: string, input: unknown): Promise<Answer> {
  const r = await call(h, method, input)
  if (!r || r.status !== 200) throw new Error(`${method} ${JSON.stringify(input)} → ${r ? `${r.status} ${JSON.stringify(r.body)}` : 'no answer'}`)
  return r.body
}

/** What clients know of a record: the last title acknowledged, and one sent without an answer. */
interface Known {
  acked: string
  inFlight: string | null
}

describe(`kill -9 of the browser host (up to ${ROUNDS} rounds)`, () => {
  it(
    'keeps every acknowledged edit, invents none, and opens with no rule broken',
    async () => {
      const dir = tmpDir('aid-crash-')
      const known = new Map<string, Known>()
      /** Titles of creates sent without an answer: each may have landed, or not. */
      let unansweredCreates = new Set<string>()
      let acked = 0
      let killedOpening = 0
      let rounds = 0
      const started = Date.now()

      /** Reads the archive back and checks it against what clients were told. */
      async function check(h: Host, round: number): Promise<void> {
        const titles = new Map<string, string>()
        for (let offset = 0; ; offset += 5000) {
          const page = await must(h, 'records.list', { kinds: ['report'], limit: 5000, offset })
          for (const s of page.items) titles.set(s.id, s.title)
          if (page.items.length < 5000) break
        }
        const lost: string[] = []
        for (const [id, k] of known) {
          const t = titles.get(id)
          if (t === undefined) lost.push(`${id} (acknowledged as “${k.acked}”) is gone`)
          else if (t !== k.acked && t !== k.inFlight) lost.push(`${id} reads “${t}”, acknowledged “${k.acked}”${k.inFlight ? ` (in flight: “${k.inFlight}”)` : ''}`)
          else known.set(id, { acked: t, inFlight: null })
        }
        for (const [id, t] of titles) {
          if (known.has(id)) continue
          if (!unansweredCreates.has(t)) lost.push(`${id} “${t}” was never sent`)
          else known.set(id, { acked: t, inFlight: null })
        }
        unansweredCreates = new Set()
        expect(lost, `after round ${round}:\n${lost.join('\n')}`).toEqual([])
        const report = await must(h, 'archive.verify', { limit: 10000 })
        expect(report.violations, `after round ${round}`).toEqual([])
      }

      /** Edits until the host stops answering; fails on any answer but 200. */
      async function writer(h: Host, w: number, round: number): Promise<void> {
        const mine = [...known.keys()].filter((_, i) => i % WRITERS === w)
        for (let n = 0; ; n++) {
          if (!mine.length || Math.random() < 0.3) {
            const title = `报告 ${round}-${w}-${n}`
            unansweredCreates.add(title)
            const r = await call(h, 'records.create', { record: { kind: 'report', title, date: '2024-05-01' } })
            if (!r) return
            expect(r.status, `records.create ${title}: ${JSON.stringify(r.body)}`).toBe(200)
            unansweredCreates.delete(title)
            known.set(r.body.id, { acked: title, inFlight: null })
            mine.push(r.body.id)
          } else {
            const id = mine[rand(0, mine.length)]!
            const k = known.get(id)!
            const title = `改 ${round}-${w}-${n}`
            k.inFlight = title
            const r = await call(h, 'records.update', { id, patch: { title } })
            if (!r) return
            expect(r.status, `records.update ${id}: ${JSON.stringify(r.body)}`).toBe(200)
            known.set(id, { acked: title, inFlight: null })
          }
          acked++
        }
      }

      for (let round = 1; round <= ROUNDS && (round <= MIN_ROUNDS || Date.now() - started < BUDGET_MS); round++) {
        rounds = round
        // Now and then die while opening (replaying the journal, taking the lock over).
        if (round > 1 && Math.random() < 0.15) {
          const early = spawnHost(dir)
          await sleep(rand(50, 1500))
          await kill(early)
          killedOpening++
        }
        const h = await ready(spawnHost(dir))
        if (round > 1) await check(h, round - 1)
        const writers = Array.from({ length: WRITERS }, (_, w) => writer(h, w, round))
        // Mostly mid-burst; a fifth of the rounds around the snapshot (2 s after the first change).
        await sleep(Math.random() < 0.2 ? rand(1800, 2400) : rand(30, 800))
        await kill(h.proc)
        await Promise.all(writers)
      }

      // Once more, then a clean stop, and the folder opened in this process.
      const h = await ready(spawnHost(dir))
      await check(h, rounds)
      const exited = new Promise<number | null>((r) => h.proc.once('exit', (code) => r(code)))
      h.proc.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(existsSync(join(dir, 'archive.lock'))).toBe(false)
      const svc = await openArchive(dir)
      try {
        const titles = new Map([...svc.store.records.values()].map((r) => [r.id, r.title]))
        expect(titles).toEqual(new Map([...known].map(([id, k]) => [id, k.acked])))
        expect(violations(svc.store)).toEqual([])
      } finally {
        await svc.close()
      }
      expect(acked).toBeGreaterThan(rounds * 5)
      console.info(`crash: ${rounds} rounds (${killedOpening} killed while opening), ${acked} acknowledged edits, ${known.size} records, ${((Date.now() - started) / 1000).toFixed(1)} s`)
    },
    LONG ? 3_600_000 : 180_000,
  )
})
