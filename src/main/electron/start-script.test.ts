// scripts/start.mjs's plain parts: argument handling and turning what a failed Electron
// lookup or launch printed into the one line the user sees. (Its launches are exercised
// end to end, with fake Electron binaries, in built-output.test.ts.)
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { READY_MARKER as APP_READY_MARKER } from './ready-marker'

interface StartModule {
  READY_MARKER: string
  parseStartArgs(argv: string[], cwd?: string): { archive: string | null; browser: boolean; build: boolean; passthrough: string[] }
  displayProblem(env: Record<string, string | undefined>, platform: string): string | null
  electronFailureReason(output: string, err?: { code?: string; message?: string }): string
  forwardSignals(child: { kill(signal: string): unknown }, ownGroup?: boolean): () => void
}
const start = (await import(pathToFileURL(resolve('scripts/start.mjs')).href)) as StartModule

describe('start.mjs', () => {
  it('waits for the marker the Electron main prints', () => {
    expect(start.READY_MARKER).toBe(APP_READY_MARKER)
  })
  it('--archive (both spellings, resolved against where npm was run) and passthrough args', () => {
    expect(start.parseStartArgs(['--archive', 'my/arch', '--port', '8123'], '/home/u')).toEqual({
      archive: resolve('/home/u', 'my/arch'),
      browser: false,
      build: true,
      passthrough: ['--port', '8123'],
    })
    expect(start.parseStartArgs(['--archive=/abs/a', '--browser', '--no-build'], '/x')).toEqual({ archive: resolve('/abs/a'), browser: true, build: false, passthrough: [] })
    expect(start.parseStartArgs([], '/x').archive).toBeNull()
  })
  it('no display on Linux without DISPLAY/WAYLAND_DISPLAY; other platforms always have one', () => {
    expect(start.displayProblem({}, 'linux')).toMatch(/no display/)
    expect(start.displayProblem({ DISPLAY: ':0' }, 'linux')).toBeNull()
    expect(start.displayProblem({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull()
    expect(start.displayProblem({}, 'win32')).toBeNull()
    expect(start.displayProblem({}, 'darwin')).toBeNull()
  })
  it('names the usual failures in a few words', () => {
    const fetchFailed = [
      'Downloading Electron binary...',
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '/work/main/node_modules/electron/index.js:43',
      'Error: Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.',
    ].join('\n')
    expect(start.electronFailureReason(fetchFailed)).toBe('its binary is not installed and could not be downloaded (no network)')
    expect(start.electronFailureReason('Error: Electron failed to install correctly.')).toBe('its binary is not installed')
    expect(start.electronFailureReason('', { code: 'ENOENT', message: 'spawn /x/electron ENOENT' })).toBe('its binary was not found')
    expect(start.electronFailureReason('', { code: 'EACCES', message: 'spawn EACCES' })).toBe('its binary cannot be executed')
    expect(start.electronFailureReason('[1:ERROR:ozone_platform_x11.cc(240)] Missing X server or $DISPLAY\n[1:ERROR:env.cc(257)] The platform failed to initialize.  Exiting.')).toBe('no display')
    expect(start.electronFailureReason('[9:FATAL:electron_main_delegate.cc(294)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180.')).toMatch(/as root/)
    expect(start.electronFailureReason('electron: error while loading shared libraries: libnss3.so: cannot open shared object file')).toBe(
      'a system library is missing (libnss3.so)',
    )
    expect(start.electronFailureReason('\n  something odd happened  \n    at x')).toBe('something odd happened')
    expect(start.electronFailureReason('')).toBe('it exited before starting')
    expect(start.electronFailureReason('x'.repeat(500)).length).toBeLessThanOrEqual(160)
  })
})

describe('start.mjs signal forwarding', () => {
  /** Runs with any other signal listeners (vitest's) set aside, so emitting reaches only ours. */
  function alone(run: () => void): void {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const others = signals.map((s) => [s, process.listeners(s)] as const)
    for (const [s, ls] of others) for (const l of ls) process.off(s, l)
    try {
      run()
    } finally {
      for (const [s, ls] of others) for (const l of ls) process.on(s, l)
    }
  }
  it('a child in its own group gets one SIGINT per Ctrl+C: copies within 500 ms are one', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const child = { kill: vi.fn() }
      alone(() => {
        const stop = start.forwardSignals(child, true)
        process.emit('SIGINT')
        process.emit('SIGINT') // npm's forwarded copy and the process group's copy
        expect(child.kill.mock.calls).toEqual([['SIGINT']])
        vi.setSystemTime(Date.now() + 1000)
        process.emit('SIGINT') // a second press, later: "stop now"
        expect(child.kill.mock.calls).toEqual([['SIGINT'], ['SIGINT']])
        process.emit('SIGTERM')
        expect(child.kill).toHaveBeenLastCalledWith('SIGTERM')
        stop()
        process.emit('SIGINT')
        expect(child.kill).toHaveBeenCalledTimes(3)
      })
    } finally {
      vi.useRealTimers()
    }
  })
})
