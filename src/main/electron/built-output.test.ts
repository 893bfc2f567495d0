// Static checks of what electron-vite builds, for the Electron facts no machine here can
// run (ARCHITECTURE.md, "The Electron host"): builds first when out/ is missing or older
// than the sources. Then npm start's launcher end to end, with fake Electron binaries,
// and the package's bin shim.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { builtinModules } from 'node:module'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, IPC_FILE_CHANNEL, IPC_STATUS_CHANNEL } from '../../shared/api'
import { EXPORT_SAVE_CHANNEL, EXPORT_SHOW_CHANNEL } from '../../shared/contract/export'
import { appPaths, PRELOAD_FROM_MAIN, RENDERER_FROM_MAIN } from './paths'
import { READY_MARKER } from './ready-marker'

const ROOT = resolve(__dirname, '../../..')
const OUT = join(ROOT, 'out')
const MAIN = join(OUT, 'main', 'index.js')
const CLI = join(OUT, 'main', 'cli.js')
const PRELOAD = join(OUT, 'preload', 'index.cjs')
const RENDERER = join(OUT, 'renderer', 'index.html')
const BUILT = [MAIN, CLI, PRELOAD, RENDERER]
const SOURCES = ['src/main', 'src/preload', 'src/shared', 'src/renderer', 'resources', 'electron.vite.config.ts', 'package.json']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return /\.test\.ts$/.test(path) ? 0 : s.mtimeMs
  let newest = 0
  for (const e of readdirSync(path)) if (e !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, e)))
  return newest
}

/** Builds with the project's own config when out/ is missing or older than any source. */
function ensureBuilt(): void {
  const oldestOut = Math.min(...BUILT.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)))
  const newestSrc = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))))
  if (oldestOut > newestSrc) return
  const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  if (r.status !== 0) throw new Error(`electron-vite build failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`)
}

const read = (f: string) => readFileSync(f, 'utf8')

/** Static imports and (unless `atStart`) dynamic import() of an ES module, with string specifiers. */
function importsOf(code: string, atStart = false): string[] {
  const specs = new Set<string>()
  for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)) specs.add(m[1]!)
  if (!atStart) for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specs.add(m[1]!)
  return [...specs]
}

/** Every module a built entry loads (`atStart`: before its code runs), following relative chunks; bare names collected apart. */
function moduleGraph(entry: string, atStart = false): { files: string[]; bare: Set<string>; missing: string[] } {
  const files: string[] = []
  const bare = new Set<string>()
  const missing: string[] = []
  const todo = [entry]
  while (todo.length) {
    const f = todo.pop()!
    if (files.includes(f)) continue
    if (!existsSync(f)) {
      missing.push(f)
      continue
    }
    files.push(f)
    for (const s of importsOf(read(f), atStart)) {
      if (s.startsWith('.')) todo.push(resolve(dirname(f), s))
      else bare.add(s)
    }
  }
  return { files, bare, missing }
}

const pkg = JSON.parse(read(join(ROOT, 'package.json'))) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
const builtins = new Set(builtinModules)
const packageName = (s: string) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)
const isBuiltin = (s: string) => s.startsWith('node:') || builtins.has(s) || builtins.has(s.split('/')[0]!)

beforeAll(() => ensureBuilt(), 240_000)

describe('built preload (sandboxed: one CommonJS file, requires only electron)', () => {
  it('parses as a classic script', () => {
    const code = read(PRELOAD)
    expect(() => new vm.Script(code, { filename: PRELOAD })).not.toThrow()
    expect(code).not.toMatch(/\bimport\s*\(|\bimport\.meta\b|^\s*(import|export)\s/m)
  })
  it('requires nothing but electron, and only by literal name', () => {
    const code = read(PRELOAD)
    const literal = [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2])
    const all = code.match(/\brequire\s*\(/g) ?? []
    expect(literal).toEqual(['electron'])
    expect(all).toHaveLength(literal.length)
  })
  it('run with a fake electron: exposes only window.aidArchive, on the contract’s channels', async () => {
    const exposed: Record<string, unknown> = {}
    const invoked: unknown[][] = []
    const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
      ipcRenderer: {
        invoke: async (...a: unknown[]) => (invoked.push(a), { ok: true, result: 1 }),
        on: (ch: string, fn: (...a: unknown[]) => void) => listeners.set(ch, (listeners.get(ch) ?? new Set()).add(fn)),
        removeListener: (ch: string, fn: (...a: unknown[]) => void) => listeners.get(ch)?.delete(fn),
      },
    }
    const required: string[] = []
    const sandboxRequire = (name: string) => {
      required.push(name)
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`)
      return electron
    }
    const module = { exports: {} }
    vm.runInNewContext(read(PRELOAD), { require: sandboxRequire, module, exports: module.exports, console, Promise, TypeError })
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['aidArchive'])
    const api = exposed.aidArchive as {
      invoke: (m: unknown, i: unknown) => Promise<unknown>
      status: () => Promise<unknown>
      onEvent: (l: (e: unknown) => void) => () => void
      file: (a: unknown, id: unknown, sha: unknown) => Promise<unknown>
      exportFiles: { save: (r: unknown) => Promise<unknown>; show: (t: unknown) => Promise<unknown> }
    }
    expect(Object.keys(api).sort()).toEqual(['exportFiles', 'file', 'invoke', 'onEvent', 'status'])
    // The open's progress: its own channel, nothing from the page passed on.
    await (api.status as (...a: unknown[]) => Promise<unknown>)('anything', { from: 'the page' })
    expect(invoked.splice(0)).toEqual([[IPC_STATUS_CHANNEL]])
    // 另存为 and 在文件夹中显示 on their own channels: a request and a token, never a path.
    await api.exportFiles.save({ format: 'csv' })
    await api.exportFiles.show('a-token')
    expect(invoked.splice(0)).toEqual([
      [EXPORT_SAVE_CHANNEL, { format: 'csv' }],
      [EXPORT_SHOW_CHANNEL, { token: 'a-token' }],
    ])

    expect(await api.invoke('archive.info', { a: 1 })).toEqual({ ok: true, result: 1 })
    expect(invoked).toEqual([[IPC_CHANNEL, 'archive.info', { a: 1 }]])
    await expect(api.invoke(42, {})).rejects.toThrow()
    // 打开 / 在文件夹中显示: plain strings only on the file channel; the main process validates them.
    invoked.length = 0
    await api.file('open', { toString: () => 'rep_1' }, 'ab')
    expect(invoked).toEqual([[IPC_FILE_CHANNEL, 'open', 'rep_1', 'ab']])

    const got: unknown[][] = []
    const off = api.onEvent((...a) => got.push(a))
    const on = [...(listeners.get(IPC_EVENT_CHANNEL) ?? [])]
    expect(on).toHaveLength(1)
    const change = { type: 'change', seq: 3, method: 'tags.create', ids: ['tag_1'] }
    on[0]!({ sender: 'the IpcRendererEvent must not reach the page' }, change)
    expect(got).toEqual([[change]])
    off()
    expect(listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0)
  })
})

describe('built main (ESM, paths from its own location)', () => {
  it('is an ES module that imports electron', () => {
    const code = read(MAIN)
    expect(importsOf(code)).toContain('electron')
    expect(code).not.toMatch(/\b__dirname\b|\b__filename\b|\brequire\(/)
    expect(code).toContain('import.meta.url')
  })
  it('the relative paths it holds point at files that exist in out/', () => {
    const code = read(MAIN)
    const rel = [...code.matchAll(/["'`](\.\.\/[^"'`\s]+)["'`]/g)].map((m) => m[1]!)
    expect(rel).toEqual(expect.arrayContaining([PRELOAD_FROM_MAIN, RENDERER_FROM_MAIN]))
    for (const r of rel) expect(existsSync(resolve(OUT, 'main', r)), r).toBe(true)
    const p = appPaths(pathToFileURL(MAIN).href)
    expect(p.preload).toBe(PRELOAD)
    expect(p.rendererHtml).toBe(RENDERER)
    expect(existsSync(p.preload) && existsSync(p.rendererHtml)).toBe(true)
  })
  it('package.json main is this file', () => {
    expect(resolve(ROOT, (JSON.parse(read(join(ROOT, 'package.json'))) as { main: string }).main)).toBe(MAIN)
  })
  it('loads only its chunks, node built-ins, electron and runtime dependencies', () => {
    const g = moduleGraph(MAIN)
    expect(g.missing).toEqual([])
    const bad = [...g.bare].filter((s) => !isBuiltin(s) && s !== 'electron' && !(packageName(s) in pkg.dependencies))
    expect(bad).toEqual([])
  })
  it('registers the media scheme in the entry itself, with no dynamic import or top-level await before ready', () => {
    // ESM main: only the static imports' side effects are guaranteed to run before `ready`.
    const code = read(MAIN)
    expect(code).toContain('registerSchemesAsPrivileged')
    expect(code).not.toMatch(/\bimport\s*\(/)
    expect(code).not.toMatch(/^await\b|^\S.*=\s*await\b/m)
  })
  it('prints the ready marker npm start waits for', () => {
    expect(read(MAIN)).toContain(READY_MARKER)
  })
  it('the CLI (plain Node) never loads electron, not even through a shared chunk', () => {
    const g = moduleGraph(CLI)
    expect(g.missing).toEqual([])
    expect([...g.bare]).not.toContain('electron')
    const bad = [...g.bare].filter((s) => !isBuiltin(s) && !(packageName(s) in pkg.dependencies))
    expect(bad).toEqual([])
  })
  it('neither the app nor the CLI loads at start the packages only searching and exporting use', () => {
    // pinyin-pro, opencc-js and docx took ~0.15 s of every start (a CLI `show`, the host's open).
    for (const entry of [MAIN, CLI]) {
      const atStart = moduleGraph(entry, true)
      expect(atStart.missing).toEqual([])
      for (const late of ['pinyin-pro', 'opencc-js', 'docx']) expect([...atStart.bare], `${relative(ROOT, entry)}: ${late}`).not.toContain(late)
    }
    // docx still comes, by a dynamic import, where an export runs in this thread.
    expect([...moduleGraph(CLI).bare]).toContain('docx')
  })
  it('the renderer page’s own CSP, if it has one, allows media images and nothing remote', () => {
    const html = read(RENDERER)
    const meta = /<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0]
    const csp = meta ? (/content=(["'])(.*?)\1/i.exec(meta)?.[2] ?? '') : ''
    expect(csp).not.toMatch(/https?:|wss?:|(^|\s)\*(\s|;|$)/)
    const img = /(?:^|;)\s*img-src([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src([^;]*)/.exec(csp)?.[1]
    if (img !== undefined) expect(img.split(/\s+/)).toContain('aid-media:')
    expect(html).not.toMatch(/<script[^>]+src=["'](https?:)?\/\//i)
  })
})

describe('only the Electron host imports electron', () => {
  const ELECTRON_IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["']electron(?:\/[^"']*)?["']/
  const allowed = (rel: string) => rel === 'src/main/index.ts' || rel.startsWith('src/main/electron/') || rel.startsWith('src/preload/')
  function walk(dir: string, out: string[] = []): string[] {
    if (!existsSync(dir)) return out
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p, out)
      else if (/\.(ts|mts|cts|js|mjs|vue)$/.test(e.name)) out.push(p)
    }
    return out
  }
  it('core, search, media, io, bridge, cli, shared and the renderer never do', () => {
    const files = walk(join(ROOT, 'src'))
    expect(files.length).toBeGreaterThan(10)
    for (const dir of ['src/main/core', 'src/main/search', 'src/main/bridge', 'src/main/cli', 'src/shared'])
      expect(files.some((f) => relative(ROOT, f).startsWith(dir)), dir).toBe(true)
    const offenders = files.map((f) => relative(ROOT, f).split('\\').join('/')).filter((rel) => !allowed(rel) && ELECTRON_IMPORT.test(read(join(ROOT, rel))))
    expect(offenders).toEqual([])
  })
})

// ---- npm start (scripts/start.mjs) with fake Electron binaries --------------------------

interface Run {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}
function startScript(args: string[], env: Record<string, string | undefined>): Run {
  const childEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) childEnv[k] = v
  // Its own process group, so a test can signal the group as a terminal's Ctrl+C does.
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--no-build', ...args], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
  return { child, stdout: () => out, stderr: () => err, exited }
}
async function waitFor(cond: () => boolean, what: () => string, ms = 20_000): Promise<void> {
  const t0 = Date.now()
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting: ${what()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
const URL_LINE = /^Aid Archive: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)$/m

describe('npm start', () => {
  let tmp: string
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'aid-start-'))
  })
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))
  /** A directory whose `electron` prints what a real one prints where it cannot start. */
  function fakeElectron(name: string, script: string): string {
    const dir = join(tmp, name)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'electron'), `#!/bin/sh\n${script}\n`)
    chmodSync(join(dir, 'electron'), 0o755)
    return dir
  }

  /** 'parent': SIGINT to npm start only; 'group': to its whole process group (a terminal's Ctrl+C, timeout, CI). */
  async function expectFallback(env: Record<string, string | undefined>, reason: RegExp, stop: 'parent' | 'group' = 'parent'): Promise<void> {
    const archive = join(tmp, `archive-${Math.random().toString(36).slice(2)}`)
    const run = startScript(['--archive', archive], env)
    try {
      await waitFor(() => URL_LINE.test(run.stdout()), () => run.stdout() + run.stderr())
      const lines = run.stdout().trim().split('\n')
      // One line saying why, then the browser host's URL line.
      expect(lines).toHaveLength(2)
      expect(lines[0]).toMatch(/^Electron is not available \(.+\); starting the browser host instead\.$/)
      expect(lines[0]).toMatch(reason)
      expect(run.stderr()).not.toMatch(/Missing X server|fetch failed/)
      const [, base, token] = URL_LINE.exec(run.stdout())!
      const res = await fetch(`${base}/api/archive.info`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })
      expect(res.status).toBe(200)
      expect(((await res.json()) as { path: string }).path).toBe(archive)
    } finally {
      if (stop === 'group') process.kill(-run.child.pid!, 'SIGINT')
      else run.child.kill('SIGINT')
    }
    expect(await run.exited).toBe(0)
    // Ctrl+C closed the archive cleanly: lock released, snapshot on disk.
    expect(existsSync(join(archive, 'archive.lock'))).toBe(false)
    expect(existsSync(join(archive, 'archive.json'))).toBe(true)
  }

  it('Electron that cannot open a display → one line, then the browser host until Ctrl+C', async () => {
    const dist = fakeElectron('nodisplay', 'echo "[1:ERROR:ozone_platform_x11.cc(240)] Missing X server or $DISPLAY" >&2\necho "[1:ERROR:env.cc(257)] The platform failed to initialize.  Exiting." >&2\nexit 1')
    await expectFallback({ DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dist }, /cannot start: no display/)
  }, 60_000)

  it('Electron binary missing → one line, then the browser host', async () => {
    await expectFallback({ DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: join(tmp, 'no-such-dir') }, /binary was not found/)
  }, 60_000)

  it('no display at all → the browser host without trying Electron', async () => {
    await expectFallback({ DISPLAY: undefined, WAYLAND_DISPLAY: undefined, ELECTRON_OVERRIDE_DIST_PATH: join(tmp, 'no-such-dir') }, /no display/)
  }, 60_000)

  it('Ctrl+C to the whole process group reaches the browser host once: it still closes cleanly', async () => {
    await expectFallback({ DISPLAY: undefined, WAYLAND_DISPLAY: undefined }, /no display/, 'group')
  }, 60_000)

  it('Electron that starts: runs the app (.) from the project, passes --archive as AID_ARCHIVE_DIR, no fallback', async () => {
    const dist = fakeElectron('works', `echo "${READY_MARKER}"\necho "cwd=$(pwd) args=$* dir=$AID_ARCHIVE_DIR runasnode=$ELECTRON_RUN_AS_NODE"\nexit 3`)
    const run = startScript(['--archive', join(tmp, 'x')], { DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' })
    expect(await run.exited).toBe(3)
    expect(run.stdout()).toContain(READY_MARKER)
    expect(run.stdout()).toContain(`cwd=${ROOT} args=. dir=${join(tmp, 'x')} runasnode=\n`)
    expect(run.stdout()).not.toContain('not available')
    expect(run.stdout()).not.toMatch(URL_LINE)
  }, 60_000)
})

describe('bin/aid-archive.js', () => {
  it('runs the built CLI', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'aid-archive.js'), '--help'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Usage: aid-archive/)
  })
  it('without out/, says to build, in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aid-bin-'))
    try {
      mkdirSync(join(dir, 'bin'))
      copyFileSync(join(ROOT, 'bin', 'aid-archive.js'), join(dir, 'bin', 'aid-archive.js'))
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'aid-archive.js'), 'init'], { encoding: 'utf8' })
      expect(r.status).toBe(1)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toContain('npm run build')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
