// One writer per archive. archive.lock names the process that may write, as JSON:
//   {"host":"办公室-PC","pid":4242,"startedAt":"<process start>","user":"zhang","lockedAt":"…","nonce":"…"}
// (a lock that holds only a pid, as older versions wrote, is read as one from this host).
//
// - Creation is atomic: open(…, 'wx'); whoever creates the file holds the lock.
// - A lock left on THIS host by a process that is gone is taken over: its pid is not
//   running, or is running but started at another time (the pid was reused, e.g. after a
//   reboot; start times come from /proc on Linux, elsewhere that check is skipped).
// - A lock from ANOTHER host is never taken over: this machine cannot see that process
//   (an archive on a USB stick or a share); archive_locked says whose it is, and
//   `aid-archive unlock --force` removes it once the user has made sure that machine is done.
//
// Takeover without a race: only a process holding the takeover guard of that exact stale
// lock (archive.lock.takeover-<hash of its bytes>-<level>, created with 'wx') may delete
// it, and only after reading it again under the guard and finding the same bytes. Every
// lock's bytes are unique (nonce), so a lock once removed never matches again; whoever
// then wins the 'wx' creation holds the lock, everyone else sees a live lock. A guard whose
// holder died mid-takeover is passed by taking the next level. Rounds are bounded.
import { createHash, randomBytes } from 'node:crypto'
import { open, readFile, readdir, stat, unlink } from 'node:fs/promises'
import { hostname, userInfo } from 'node:os'
import { join } from 'node:path'
import { ApiError } from '../../../shared/errors'

export const LOCK_FILE = 'archive.lock'
const GUARD_PREFIX = `${LOCK_FILE}.takeover-`
/** What the error tells the user to run once the other machine is done with the archive. */
export const UNLOCK_COMMAND = 'aid-archive unlock --force'
const MAX_ROUNDS = 50
const MAX_GUARD_LEVELS = 8
/** A lock or guard still empty or unreadable this long after it was made was left by a crash mid-write. */
const UNREADABLE_GRACE_MS = 10_000
/** Start times further apart than this belong to different processes (btime is whole seconds, and may drift by one). */
const START_TOLERANCE_MS = 5_000
/** USER_HZ: the unit of /proc/<pid>/stat's starttime, fixed at 100 by the kernel's ABI. */
const CLK_TCK = 100

export interface LockOwner {
  host: string
  pid: number
  /** When the process started (ISO): tells a live process from a later one that got the same pid. */
  startedAt: string
  user: string
}

/** A lock as read from disk; fields an old (pid-only) lock lacks are null. */
export interface LockInfo {
  /** null: a pid-only lock of an older version, taken to be from this host. */
  host: string | null
  pid: number
  startedAt: string | null
  user: string | null
  lockedAt: string | null
}

export interface HeldLock {
  readonly file: string
  /** Removes the lock if it is still this one. */
  release(): Promise<void>
}

let btime: Promise<number | null> | null = null
let self: Promise<LockOwner> | null = null

/** The start time of a process (ms since the epoch) where the OS tells it (Linux /proc), else null. */
export async function processStartTime(pid: number): Promise<number | null> {
  if (process.platform !== 'linux') return null
  btime ??= readFile('/proc/stat', 'utf8').then(
    (s) => Number(/^btime (\d+)$/m.exec(s)?.[1] ?? NaN),
    () => NaN,
  )
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
    const boot = await btime
    if (!Number.isFinite(ticks) || !boot || !Number.isFinite(boot)) return null
    return boot * 1000 + (ticks * 1000) / CLK_TCK
  } catch {
    return null
  }
}

function userName(): string {
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? ''
  }
}

export function currentOwner(): Promise<LockOwner> {
  self ??= processStartTime(process.pid).then((start) => ({
    host: hostname(),
    pid: process.pid,
    startedAt: new Date(Math.round(start ?? Date.now() - process.uptime() * 1000)).toISOString(),
    user: userName(),
  }))
  return self
}

export function parseLock(raw: Buffer | string): LockInfo | null {
  const text = raw.toString().trim()
  if (/^\d+$/.test(text)) {
    const pid = Number(text)
    return pid > 0 ? { host: null, pid, startedAt: null, user: null, lockedAt: null } : null
  }
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return null
  }
  const o = v as Record<string, unknown>
  if (typeof v !== 'object' || v === null || typeof o.host !== 'string' || !Number.isInteger(o.pid) || (o.pid as number) <= 0) return null
  const str = (x: unknown) => (typeof x === 'string' ? x : null)
  return { host: o.host, pid: o.pid as number, startedAt: str(o.startedAt), user: str(o.user), lockedAt: str(o.lockedAt) }
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function running(info: LockInfo): Promise<boolean> {
  if (!pidAlive(info.pid)) return false
  if (!info.startedAt) return true
  const claimed = Date.parse(info.startedAt)
  const actual = await processStartTime(info.pid)
  if (actual === null || !Number.isFinite(claimed)) return true
  return Math.abs(actual - claimed) <= START_TOLERANCE_MS
}

type Verdict =
  | { kind: 'live' | 'elsewhere'; info: LockInfo }
  | { kind: 'stale'; info: LockInfo | null }
  /** Unreadable but young (being written), or gone meanwhile: look again shortly. */
  | { kind: 'busy'; info: null }

async function judge(raw: Buffer, file: string, me: LockOwner): Promise<Verdict> {
  const info = parseLock(raw)
  if (!info) {
    const st = await stat(file).catch(() => null)
    return st && Date.now() - st.mtimeMs >= UNREADABLE_GRACE_MS ? { kind: 'stale', info: null } : { kind: 'busy', info: null }
  }
  if (info.host !== null && info.host !== me.host) return { kind: 'elsewhere', info }
  return (await running(info)) ? { kind: 'live', info } : { kind: 'stale', info }
}

function ioError(file: string, e: unknown): ApiError {
  return new ApiError('io_error', 'io.failed', { file, detail: (e as Error).message })
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw ioError(file, e)
  }
}

/** Creates file with content, atomically: false if it exists. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  let fh
  try {
    fh = await open(file, 'wx')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw ioError(file, e)
  }
  try {
    await fh.writeFile(content)
    await fh.sync()
    await fh.close()
  } catch (e) {
    // Ours and unreadable: nobody else removes a young unreadable lock, so this is safe.
    await fh.close().catch(() => {})
    await unlink(file).catch(() => {})
    throw ioError(file, e)
  }
  return true
}

/** "2026-03-18 09:30" in local time: when a lock was taken, for the message. */
function localTime(iso: string | null): string {
  const d = iso ? new Date(iso) : null
  if (!d || Number.isNaN(d.getTime())) return '?'
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

function lockedHere(dir: string, info: LockInfo): ApiError {
  return new ApiError('archive_locked', 'archive.locked', { dir, pid: info.pid }, { details: { ...info } })
}

function lockedElsewhere(dir: string, info: LockInfo): ApiError {
  return new ApiError(
    'archive_locked',
    'archive.locked_elsewhere',
    { host: info.host ?? '?', user: info.user || '?', since: localTime(info.lockedAt), command: UNLOCK_COMMAND },
    { details: { dir, ...info } },
  )
}

const pause = (round: number) => new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * Math.min(round + 1, 8)))

/**
 * Removes the stale lock whose bytes are `stale`, under its guard. True: look at the lock
 * again now (removed, or already replaced); false: another process is taking it over, wait.
 */
async function takeOver(dir: string, file: string, stale: Buffer, me: LockOwner): Promise<boolean> {
  const id = createHash('sha256').update(stale).digest('hex').slice(0, 16)
  const guardContent = JSON.stringify({ ...me, lockedAt: new Date().toISOString(), nonce: randomBytes(8).toString('hex') })
  for (let level = 1; level <= MAX_GUARD_LEVELS; level++) {
    const guard = join(dir, `${GUARD_PREFIX}${id}-${level}`)
    if (await createExclusive(guard, guardContent)) {
      try {
        const now = await readIfExists(file)
        if (now?.equals(stale)) await unlink(file).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(ioError(file, e))))
      } finally {
        // This level and the dead holders' below it; a guard is never needed again once
        // its lock is gone (the bytes cannot match another lock).
        for (let l = 1; l <= level; l++) await unlink(join(dir, `${GUARD_PREFIX}${id}-${l}`)).catch(() => {})
      }
      return true
    }
    const raw = await readIfExists(guard)
    if (!raw) return true // that takeover finished
    const v = await judge(raw, guard, me)
    if (v.kind !== 'stale') return false
    // Its holder died mid-takeover: the next level.
  }
  return false
}

/** Takes the archive's write lock, or refuses with archive_locked naming who holds it. */
export async function acquireLock(dir: string): Promise<HeldLock> {
  const file = join(dir, LOCK_FILE)
  const me = await currentOwner()
  const content = JSON.stringify({ ...me, lockedAt: new Date().toISOString(), nonce: randomBytes(8).toString('hex') })
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (await createExclusive(file, content)) {
      return {
        file,
        async release() {
          const now = await readIfExists(file).catch(() => null)
          if (now?.toString() === content) await unlink(file).catch(() => {})
        },
      }
    }
    const raw = await readIfExists(file)
    if (!raw) continue // released meanwhile
    const v = await judge(raw, file, me)
    if (v.kind === 'live') throw lockedHere(dir, v.info)
    if (v.kind === 'elsewhere') throw lockedElsewhere(dir, v.info)
    if (v.kind === 'stale' && (await takeOver(dir, file, raw, me))) continue
    await pause(round)
  }
  throw new ApiError('archive_locked', 'archive.lock_failed', { dir })
}

/** Who holds the lock, if anyone (for messages); null when there is no readable lock. */
export async function readLock(dir: string): Promise<LockInfo | null> {
  const raw = await readIfExists(join(dir, LOCK_FILE))
  return raw ? parseLock(raw) : null
}

export interface UnlockResult {
  /** none: there was no lock; stale: a dead process's lock on this host, taken over and let go; forced: removed. */
  how: 'none' | 'stale' | 'forced'
  info: LockInfo | null
}

/**
 * `aid-archive unlock`: a stale lock of this host is cleared the safe way (taken over, then
 * let go); a lock of another host only with force, once the user has made sure that machine
 * is done; a live lock of this host never (close that process instead).
 */
export async function unlockArchive(dir: string, opts: { force?: boolean } = {}): Promise<UnlockResult> {
  const file = join(dir, LOCK_FILE)
  const me = await currentOwner()
  const raw = await readIfExists(file)
  const removeGuards = async () => {
    const names = await readdir(dir).catch(() => [] as string[])
    for (const n of names) if (n.startsWith(GUARD_PREFIX)) await unlink(join(dir, n)).catch(() => {})
  }
  if (!raw) {
    if (opts.force) await removeGuards()
    return { how: 'none', info: null }
  }
  const v = await judge(raw, file, me)
  if (v.kind === 'live') throw lockedHere(dir, v.info)
  if (v.kind === 'stale') {
    await (await acquireLock(dir)).release()
    return { how: 'stale', info: v.info }
  }
  if (!opts.force) throw v.kind === 'elsewhere' ? lockedElsewhere(dir, v.info) : new ApiError('archive_locked', 'archive.lock_failed', { dir })
  await unlink(file).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(ioError(file, e))))
  await removeGuards()
  return { how: 'forced', info: v.info }
}
