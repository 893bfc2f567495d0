// The Electron host's wiring, with electron mocked: what runs before `ready` and after,
// the single-instance lock before the archive, the window's options and page, IPC and
// media handlers, change events, the damaged-archive dialog, and a clean close on quit.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

const h = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, Listener[]>()
    on(ev: string, fn: Listener) {
      this.listeners.set(ev, [...(this.listeners.get(ev) ?? []), fn])
      return this
    }
    once(ev: string, fn: Listener) {
      return this.on(ev, fn)
    }
    emit(ev: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(ev) ?? []) fn(...args)
    }
  }
  const state = {
    log: [] as string[],
    lock: true,
    ready: null as null | (() => void),
    userData: '',
    windows: [] as InstanceType<typeof FakeWindow>[],
    dialogResponse: 0,
  }
  const log = (s: string) => state.log.push(s)
  class FakeContents extends Emitter {
    id = 7
    send = vi.fn()
    reload = vi.fn(() => log('reload'))
    setWindowOpenHandler = vi.fn()
  }
  class FakeWindow extends Emitter {
    webContents = new FakeContents()
    options: unknown
    destroyed = false
    constructor(options: unknown) {
      super()
      this.options = options
      log('new BrowserWindow')
      state.windows.push(this)
    }
    isDestroyed = () => this.destroyed
    isMinimized = () => false
    restore = vi.fn()
    show = vi.fn()
    focus = vi.fn()
    loadFile = vi.fn(async (p: string) => log(`loadFile ${p}`))
    loadURL = vi.fn(async (u: string) => log(`loadURL ${u}`))
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    whenReady: vi.fn(() => {
      log('whenReady')
      return new Promise<void>((r) => (state.ready = r))
    }),
    requestSingleInstanceLock: vi.fn(() => {
      log('requestSingleInstanceLock')
      return state.lock
    }),
    enableSandbox: vi.fn(() => log('enableSandbox')),
    quit: vi.fn(() => log('quit')),
    exit: vi.fn((code: number) => log(`exit ${code}`)),
    getPath: vi.fn(() => state.userData),
    getLocale: () => 'zh-CN',
    getVersion: () => '0.1.0',
  })
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn(() => log('setApplicationMenu')) },
    dialog: {
      showMessageBox: vi.fn(async () => {
        log('showMessageBox')
        return { response: state.dialogResponse }
      }),
      showErrorBox: vi.fn(() => log('showErrorBox')),
    },
    ipcMain: { handle: vi.fn((ch: string) => log(`ipcMain.handle ${ch}`)), removeHandler: vi.fn((ch: string) => log(`ipcMain.removeHandler ${ch}`)) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => log('registerSchemesAsPrivileged')),
      handle: vi.fn((s: string) => log(`protocol.handle ${s}`)),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn(() => log('onHeadersReceived')) },
        setPermissionRequestHandler: vi.fn(() => log('setPermissionRequestHandler')),
        setPermissionCheckHandler: vi.fn(() => log('setPermissionCheckHandler')),
      },
    },
    shell: { openPath: vi.fn(async (p: string) => (log(`openPath ${p}`), '')) },
  }
  return { state, electron, FakeWindow }
})

vi.mock('electron', () => ({ ...h.electron, default: h.electron }))

const { runElectronApp, READY_MARKER } = await import('./app')
const { IPC_CHANNEL, IPC_EVENT_CHANNEL, IPC_STATUS_CHANNEL } = await import('../../shared/api')

const MAIN = resolve('/opt/aid/out/main/index.js')
const mainFileUrl = pathToFileURL(MAIN).href
const RENDERER_HTML = resolve('/opt/aid/out/renderer/index.html')
const RENDERER_URL = pathToFileURL(RENDERER_HTML).href

let dir: string
let signalsBefore: { SIGINT: Function[]; SIGTERM: Function[] }
let stdout: ReturnType<typeof vi.spyOn>
let stderr: ReturnType<typeof vi.spyOn>

beforeEach(async () => {
  vi.clearAllMocks()
  h.state.log = []
  h.state.lock = true
  h.state.windows = []
  h.state.dialogResponse = 0
  h.electron.app.listeners.clear()
  dir = await mkdtemp(join(tmpdir(), 'aid-app-'))
  h.state.userData = join(dir, 'userData')
  signalsBefore = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
})
afterEach(async () => {
  for (const s of ['SIGINT', 'SIGTERM'] as const)
    for (const l of process.listeners(s)) if (!signalsBefore[s].includes(l)) process.off(s, l as () => void)
  stdout.mockRestore()
  stderr.mockRestore()
  await rm(dir, { recursive: true, force: true })
})

const handlerOf = <T>(mock: { mock: { calls: unknown[][] } }, key: string): T => mock.mock.calls.find((c) => c[0] === key)![1] as T

/** Emits before-quit like Electron and waits for the app to quit for real. */
async function quit(): Promise<{ preventDefault: ReturnType<typeof vi.fn> }> {
  const event = { preventDefault: vi.fn() }
  h.electron.app.emit('before-quit', event)
  await vi.waitFor(() => expect(h.electron.app.quit).toHaveBeenCalled())
  return event
}

describe('runElectronApp', () => {
  it('registers the media scheme and takes the single-instance lock before ready; nothing else yet', () => {
    runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: join(dir, 'a') } })
    expect(h.state.log).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock', 'whenReady'])
    expect(h.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'aid-media', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ])
    expect(existsSync(join(dir, 'a'))).toBe(false)
  })

  it('a second instance quits at once and never opens the archive', async () => {
    h.state.lock = false
    const { started } = runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: join(dir, 'a') } })
    await started
    expect(h.electron.app.quit).toHaveBeenCalled()
    expect(h.electron.app.whenReady).not.toHaveBeenCalled()
    expect(existsSync(join(dir, 'a'))).toBe(false)
  })

  it('at ready: session rules, archive, media protocol, IPC, then the hardened window on the built page', async () => {
    const archive = join(dir, 'a')
    const { started } = runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: archive } })
    h.state.ready!()
    await started
    const log = h.state.log
    const at = (s: string) => log.indexOf(s)
    expect(stdout).toHaveBeenCalledWith(`${READY_MARKER}\n`)
    expect(at('onHeadersReceived')).toBeGreaterThan(at('whenReady'))
    expect(at('setPermissionRequestHandler')).toBeGreaterThan(-1)
    expect(at('setPermissionCheckHandler')).toBeGreaterThan(-1)
    expect(at('protocol.handle aid-media')).toBeGreaterThan(at('whenReady'))
    expect(at(`ipcMain.handle ${IPC_CHANNEL}`)).toBeLessThan(at('new BrowserWindow'))
    expect(at('protocol.handle aid-media')).toBeLessThan(at('new BrowserWindow'))
    expect(at(`loadFile ${RENDERER_HTML}`)).toBeGreaterThan(at('new BrowserWindow'))
    expect(existsSync(join(archive, 'archive.json'))).toBe(true)

    const win = h.state.windows[0]!
    expect(h.state.windows).toHaveLength(1)
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { preload: resolve('/opt/aid/out/preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    })

    // The window's webContents gets the navigation / window-open rules via web-contents-created.
    h.electron.app.emit('web-contents-created', {}, win.webContents)
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalled()
    const nav = { preventDefault: vi.fn() }
    win.webContents.emit('will-navigate', nav, 'https://example.com/')
    expect(nav.preventDefault).toHaveBeenCalled()

    // IPC: our page is served, anything else is refused.
    type Handler = (e: unknown, m: unknown, i: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>
    const ipc = handlerOf<Handler>(h.electron.ipcMain.handle, IPC_CHANNEL)
    const ours = { sender: { id: 7 }, senderFrame: { url: `${RENDERER_URL}#/`, parent: null } }
    expect(await ipc(ours, 'archive.info', {})).toMatchObject({ ok: true, result: { path: archive } })
    expect(await ipc({ sender: { id: 9 }, senderFrame: { url: RENDERER_URL, parent: null } }, 'archive.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    // A committed change is pushed to the window on the event channel.
    expect(await ipc(ours, 'tags.create', { path: '地区/昌吉' })).toMatchObject({ ok: true })
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.objectContaining({ type: 'change', method: 'tags.create' }))

    // Media by id through the registered protocol handler.
    const media = handlerOf<(r: Request) => Promise<Response>>(h.electron.protocol.handle, 'aid-media')
    expect((await media(new Request('aid-media://media/pho_nothere/thumb'))).status).toBe(404)

    // A second launch focuses this window.
    h.electron.app.emit('second-instance', {}, [], '/')
    expect(win.focus).toHaveBeenCalled()

    // Quit waits for the archive to close (lock released), then quits for real.
    const ev = await quit()
    expect(ev.preventDefault).toHaveBeenCalled()
    expect(existsSync(join(archive, 'archive.lock'))).toBe(false)
    expect(h.electron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CHANNEL)
    const again = { preventDefault: vi.fn() }
    h.electron.app.emit('before-quit', again)
    expect(again.preventDefault).not.toHaveBeenCalled()
    expect(await ipc(ours, 'archive.info', {})).toMatchObject({ ok: false })
  })

  it('without AID_ARCHIVE_DIR the archive is userData/archive', async () => {
    const { started } = runElectronApp({ mainFileUrl, env: {} })
    h.state.ready!()
    await started
    expect(existsSync(join(h.state.userData, 'archive', 'archive.json'))).toBe(true)
    await quit()
  })

  it('the window comes before the archive is open: it shows the open’s progress, calls wait for the open', async () => {
    const archive = join(dir, 'a')
    const { started } = runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: archive, AID_ARCHIVE_TEST_SLOW_OPEN_MS: '400' } })
    h.state.ready!()
    await vi.waitFor(() => expect(h.state.log).toContain(`loadFile ${RENDERER_HTML}`))
    type Status = (e: unknown) => { ok: boolean; result?: { phase: string; done?: number; total?: number }; error?: { code: string } }
    const status = handlerOf<Status>(h.electron.ipcMain.handle, IPC_STATUS_CHANNEL)
    const ours = { sender: { id: 7 }, senderFrame: { url: RENDERER_URL, parent: null } }
    expect(status(ours)).toMatchObject({ ok: true, result: { phase: 'archive', total: 400 } })
    expect(status({ sender: { id: 9 }, senderFrame: { url: RENDERER_URL, parent: null } })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // A call made now is answered once the archive is open.
    type Handler = (e: unknown, m: unknown, i: unknown) => Promise<{ ok: boolean; result?: unknown }>
    const info = handlerOf<Handler>(h.electron.ipcMain.handle, IPC_CHANNEL)(ours, 'archive.info', {})
    expect(existsSync(join(archive, 'archive.json'))).toBe(false)
    expect(await info).toMatchObject({ ok: true, result: { path: archive } })
    await started
    expect(status(ours)).toEqual({ ok: true, result: { phase: 'ready' } })
    await quit()
    expect(existsSync(join(archive, 'archive.lock'))).toBe(false)
  })

  it('quit while the archive still opens: the open is waited for and its lock released', async () => {
    const archive = join(dir, 'a')
    runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: archive, AID_ARCHIVE_TEST_SLOW_OPEN_MS: '300' } })
    h.state.ready!()
    await vi.waitFor(() => expect(h.state.log).toContain('new BrowserWindow'))
    const ev = await quit()
    expect(ev.preventDefault).toHaveBeenCalled()
    expect(existsSync(join(archive, 'archive.json'))).toBe(true)
    expect(existsSync(join(archive, 'archive.lock'))).toBe(false)
  })

  it('a damaged archive.json: dialog naming file and problem, backups offered, file untouched, exit 1', async () => {
    const archive = join(dir, 'a')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(archive, { recursive: true })
    const broken = '{"schemaVersion": 1, "records": [ broken'
    await writeFile(join(archive, 'archive.json'), broken)
    const { started } = runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: archive } })
    h.state.ready!()
    await started
    const opts = (h.electron.dialog.showMessageBox.mock.calls[0] as unknown[])[0] as { message: string; detail: string; buttons: string[] }
    expect(opts.message).toContain(join(archive, 'archive.json'))
    expect(opts.detail).toMatch(/JSON/)
    expect(opts.detail).toContain(join(archive, 'backups'))
    expect(h.electron.shell.openPath).toHaveBeenCalledWith(join(archive, 'backups'))
    expect(h.electron.app.exit).toHaveBeenCalledWith(1)
    // The window (there at once) shows the same failure in words, from the status channel.
    expect(h.state.log).toContain('new BrowserWindow')
    const status = handlerOf<(e: unknown) => unknown>(h.electron.ipcMain.handle, IPC_STATUS_CHANNEL)
    expect(status({ sender: { id: 7 }, senderFrame: { url: RENDERER_URL, parent: null } })).toMatchObject({ ok: true, result: { error: { code: 'archive_damaged' } } })
    expect(await readFile(join(archive, 'archive.json'), 'utf8')).toBe(broken)
    expect(existsSync(join(archive, 'archive.lock'))).toBe(false)
  })

  it('a damaged archive restored from the dialog: it opens, and the page (stopped at the failure) starts again', async () => {
    const archive = join(dir, 'a')
    const { openArchive } = await import('../app')
    const { backup } = await import('../core/store/backups')
    const svc = await openArchive(archive)
    await svc.close()
    await backup(archive, 'test')
    await writeFile(join(archive, 'archive.json'), '{"schemaVersion": 1, "records": [ broken')
    h.state.dialogResponse = 1 // 恢复; then the restored dialog's only button
    const { started } = runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: archive } })
    h.state.ready!()
    await started
    expect(h.electron.app.exit).not.toHaveBeenCalled()
    expect(h.state.log.indexOf('reload')).toBeGreaterThan(h.state.log.indexOf('new BrowserWindow'))
    const status = handlerOf<(e: unknown) => unknown>(h.electron.ipcMain.handle, IPC_STATUS_CHANNEL)
    expect(status({ sender: { id: 7 }, senderFrame: { url: RENDERER_URL, parent: null } })).toEqual({ ok: true, result: { phase: 'ready' } })
    await quit()
    expect(existsSync(join(archive, 'archive.lock'))).toBe(false)
  })

  it('in electron-vite dev, loads the loopback dev server instead of the file', async () => {
    const { started } = runElectronApp({ mainFileUrl, env: { AID_ARCHIVE_DIR: join(dir, 'a'), ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    h.state.ready!()
    await started
    expect(h.state.log).toContain('loadURL http://localhost:5173/')
    await quit()
  })
})
