// Starting the app for a test: the browser host (default) or Electron (AID_E2E_HOST=electron).
// The browser host is the real CLI (`serve`) on a temporary archive, opened in Chromium.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
const CLI = join(ROOT, 'out/main/cli.js')

/** CHROMIUM_PATH, else Debian's Chromium, else undefined (Playwright's own browser). */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']
  return candidates.find((p): p is string => !!p && existsSync(p))
}

/** Keep Chromium from reaching for the network (there is none; the app needs none). */
export const CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run `npm run build` before the end-to-end tests.')
}

export async function tempArchive(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'aid-archive-e2e-'))
}

export async function removeArchive(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

export interface Server {
  url: string
  base: string
  token: string
  proc: ChildProcess
}

/** Spawns `cli.js serve --port 0` and waits for its one line "Aid Archive: URL"; env is added to the host's. */
export function startServer(dir: string, env: Record<string, string> = {}): Promise<Server> {
  requireBuild()
  const proc = spawn(process.execPath, [CLI, 'serve', '--archive', dir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  return new Promise((resolvePromise, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => fail(new Error(`the browser host did not print its URL in 30 s\n${out}${err}`)), 30_000)
    const fail = (e: Error) => {
      clearTimeout(timer)
      proc.kill('SIGKILL')
      reject(e)
    }
    proc.stderr?.on('data', (b: Buffer) => (err += b.toString()))
    proc.stdout?.on('data', (b: Buffer) => {
      out += b.toString()
      const m = /Aid Archive: (http:\/\/\S+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      const url = new URL(m[1]!)
      resolvePromise({ url: url.href, base: url.origin, token: url.searchParams.get('token') ?? '', proc })
    })
    proc.on('exit', (code) => fail(new Error(`the browser host exited (${code}) before it was ready\n${out}${err}`)))
  })
}

export async function stopServer(s: Server): Promise<void> {
  if (s.proc.exitCode !== null) return
  const exited = new Promise<void>((r) => s.proc.once('exit', () => r()))
  s.proc.kill('SIGTERM')
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))
  if ((await Promise.race([exited, timeout])) === 'timeout') s.proc.kill('SIGKILL')
}

/** Calls one contract method over HTTP, as the page would (used to prepare data). */
export async function apiCall<T = unknown>(s: Server, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${s.base}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as T | { error: { message: string } }
  if (!res.ok) throw new Error(`${method}: ${(body as { error: { message: string } }).error.message}`)
  return body as T
}

/** Writes the demo archive into DIR with the CLI (for Electron, which has no HTTP). */
export function cliDemo(dir: string): Promise<void> {
  requireBuild()
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [CLI, 'demo', '--archive', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    p.stderr?.on('data', (b: Buffer) => (err += b.toString()))
    p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`aid-archive demo failed (${code}): ${err}`))))
  })
}
