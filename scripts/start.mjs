#!/usr/bin/env node
// npm start: build, then launch Electron; where Electron is missing or cannot start, say so
// in one line and run the browser host (out/main/cli.js serve) in the foreground instead.
//   npm start [-- --archive DIR] [--port N] [--browser] [--no-build]
// --archive reaches Electron as AID_ARCHIVE_DIR and the browser host as --archive; other
// arguments go to `aid-archive serve`. Ctrl+C stops whichever is running.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** Printed by the Electron main process once it is up (src/main/electron/app.ts). */
export const READY_MARKER = 'Aid Archive (Electron) ready'
export const CLI = join(ROOT, 'out', 'main', 'cli.js')

/** @param {string[]} argv */
export function parseStartArgs(argv, cwd = process.env.INIT_CWD || process.cwd()) {
  /** @type {{ archive: string | null, browser: boolean, build: boolean, passthrough: string[] }} */
  const o = { archive: null, browser: false, build: true, passthrough: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--archive' && i + 1 < argv.length) o.archive = resolve(cwd, argv[++i])
    else if (a.startsWith('--archive=')) o.archive = resolve(cwd, a.slice('--archive='.length))
    else if (a === '--browser') o.browser = true
    else if (a === '--no-build') o.build = false
    else o.passthrough.push(a)
  }
  return o
}

/** Why Electron cannot run here, in a few words, or null if a display seems available. */
export function displayProblem(env = process.env, platform = process.platform) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return null
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : 'no display: DISPLAY and WAYLAND_DISPLAY are unset'
}

/** Turns what a failed Electron lookup or launch printed into a short reason. */
export function electronFailureReason(output, err) {
  const text = `${output ?? ''}\n${err?.message ?? ''}`
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.test(text))
    return 'its binary is not installed and could not be downloaded (no network)'
  if (/failed to install correctly|Electron builds are not available/i.test(text)) return 'its binary is not installed'
  if (err?.code === 'ENOENT' || /ENOENT/.test(text)) return 'its binary was not found'
  if (err?.code === 'EACCES') return 'its binary cannot be executed'
  if (/Missing X server|cannot open display|\$DISPLAY/i.test(text)) return 'no display'
  if (/running as root without --no-sandbox/i.test(text)) return 'Chromium refuses to run as root with its sandbox on'
  const lib = /error while loading shared libraries: ([^:\s]+)/.exec(text)
  if (lib) return `a system library is missing (${lib[1]})`
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !/^at\s/.test(l))
  return line ? line.slice(0, 160) : 'it exited before starting'
}

function run(cmd, args, opts = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts })
    child.on('error', () => resolvePromise(1))
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)))
  })
}

async function build() {
  const require = createRequire(import.meta.url)
  const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
  return run(process.execPath, [bin, 'build'], { cwd: ROOT })
}

/** The electron package's path export, resolved in a child: requiring it may try a download. */
function locateElectron(env) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const slow = setTimeout(() => process.stdout.write('Fetching the Electron binary (first run)…\n'), 4000)
    child.on('error', (e) => {
      clearTimeout(slow)
      resolvePromise({ reason: electronFailureReason(err, e) })
    })
    child.on('close', (code) => {
      clearTimeout(slow)
      // The package may print "Downloading Electron binary..." before the path: the path is the last line.
      const path = out.trim().split(/\r?\n/).pop()?.trim() ?? ''
      if (code === 0 && path && existsSync(path)) resolvePromise({ path })
      else if (code === 0 && path) resolvePromise({ reason: 'its binary was not found' })
      else resolvePromise({ reason: electronFailureReason(err) })
    })
  })
}

/**
 * Starts Electron on this app. Until it prints READY_MARKER its output is held back: an
 * early exit means it could not start, and becomes one reason. After that it is the app.
 */
function launchElectron(path, env) {
  return new Promise((resolvePromise) => {
    const child = spawn(path, ['.'], { cwd: ROOT, env, stdio: ['inherit', 'pipe', 'pipe'] })
    let ready = false
    let early = ''
    let outBuf = ''
    const stopSignals = forwardSignals(child)
    child.stdout.on('data', (d) => {
      if (ready) return void process.stdout.write(d)
      outBuf += d
      early += d
      const at = outBuf.indexOf(READY_MARKER)
      if (at >= 0) {
        ready = true
        process.stdout.write(outBuf)
        outBuf = ''
      }
    })
    child.stderr.on('data', (d) => {
      if (ready) process.stderr.write(d)
      else early += d
    })
    child.on('error', (e) => {
      stopSignals()
      resolvePromise({ started: false, reason: electronFailureReason(early, e) })
    })
    child.on('close', (code, signal) => {
      stopSignals()
      if (ready) resolvePromise({ started: true, code: code ?? (signal ? 1 : 0) })
      else resolvePromise({ started: false, reason: electronFailureReason(early || `exited with ${signal ?? `code ${code}`}`) })
    })
  })
}

/**
 * Passes SIGINT/SIGTERM/SIGHUP on to the child, once. A child in its own process group
 * (ownGroup) hears nothing from the terminal or a group kill, so it always gets ours; a
 * child in our group already got a terminal's Ctrl+C, so we add one only without a TTY.
 * (The browser host treats a second signal as "stop now": it must get exactly one.)
 */
export function forwardSignals(child, ownGroup = false) {
  // npm passes a Ctrl+C on to us and a group kill sends us one too: copies that arrive
  // together are one Ctrl+C. A second press, later, still goes through ("stop now").
  let lastInt = 0
  const onInt = () => {
    const now = Date.now()
    if (now - lastInt < 500) return
    lastInt = now
    if (ownGroup || (!process.stdin.isTTY && process.platform !== 'win32')) child.kill('SIGINT')
  }
  const onTerm = () => child.kill('SIGTERM')
  const onHup = () => child.kill('SIGHUP')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  process.on('SIGHUP', onHup)
  return () => {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
    process.off('SIGHUP', onHup)
  }
}

function serve(opts) {
  if (!existsSync(CLI)) {
    process.stderr.write(`Aid Archive: ${CLI} is missing: run npm run build.\n`)
    return Promise.resolve(1)
  }
  const args = [CLI, 'serve', ...(opts.archive ? ['--archive', opts.archive] : []), ...opts.passthrough]
  return new Promise((resolvePromise) => {
    // Its own process group (not on Windows, where that means a new console): Ctrl+C
    // reaches it once, through us, and it closes the archive cleanly.
    const ownGroup = process.platform !== 'win32'
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], detached: ownGroup })
    const stopSignals = forwardSignals(child, ownGroup)
    const killOnExit = () => child.kill('SIGTERM')
    process.on('exit', killOnExit)
    child.on('error', (e) => {
      stopSignals()
      process.off('exit', killOnExit)
      process.stderr.write(`Aid Archive: cannot start the browser host: ${e.message}\n`)
      resolvePromise(1)
    })
    child.on('close', (code, signal) => {
      stopSignals()
      process.off('exit', killOnExit)
      resolvePromise(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1))
    })
  })
}

export async function main(argv = process.argv.slice(2), env = process.env) {
  const opts = parseStartArgs(argv)
  if (opts.build) {
    const code = await build()
    if (code !== 0) return code
  }
  const childEnv = { ...env }
  delete childEnv.ELECTRON_RUN_AS_NODE
  if (opts.archive) childEnv.AID_ARCHIVE_DIR = opts.archive

  let reason = opts.browser ? 'asked for the browser host (--browser)' : displayProblem(env)
  if (!reason) {
    const found = await locateElectron(childEnv)
    if ('path' in found) {
      const r = await launchElectron(found.path, childEnv)
      if (r.started) return r.code
      reason = `it cannot start: ${r.reason}`
    } else reason = found.reason
  }
  process.stdout.write(`Electron is not available (${reason}); starting the browser host instead.\n`)
  return serve(opts)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (e) => {
      process.stderr.write(`Aid Archive: ${e?.stack ?? e}\n`)
      process.exitCode = 1
    },
  )
}
