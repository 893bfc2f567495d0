// The Electron host: wires the plain pieces beside this file to electron's objects.
// Order matters and is tested (app.test.ts, with electron mocked):
//   at load: registerSchemesAsPrivileged (before ready), enableSandbox, single-instance lock;
//   at ready: session rules → the archive's open started → protocol.handle → ipcMain.handle
//   → window (it shows the open's progress at once, over the status channel) → the archive open;
//   at quit: the service closes (journal flushed, snapshot written, lock released) first.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell } from 'electron'
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, IPC_STATUS_CHANNEL, MEDIA_SCHEME, type OpenStatus } from '../../shared/api'
import { restoreArchive, slowOpenForTests, startOpening, type ArchiveOpening } from '../app'
import type { ArchiveService } from '../core/service'
import { registerExportFiles } from './export-files'
import { changeEventOf, createIpcHandler, createStatusHandler } from './ipc'
import type { SenderLike } from './security'
import { registerFileActions } from './attachments'
import { pickLocale, stringsFor, type HostStrings } from './locale'
import { MEDIA_SCHEME_PRIVILEGES, createMediaHandler } from './media-protocol'
import { buildMenuTemplate } from './menu'
import { describeOpenFailure, describeRestored } from './open-failure'
import { appPaths, chooseArchiveDir, devRendererUrl } from './paths'
import { READY_MARKER } from './ready-marker'
import { ELECTRON_CSP, devCsp, hardenContents, hardenSession, isTrustedSender } from './security'
import { buildWindowOptions, focusWindow } from './window'

export { READY_MARKER }

export interface RunOptions {
  /** import.meta.url of the built entry (out/main/index.js). */
  mainFileUrl: string
  env?: Record<string, string | undefined>
}

/** A call that arrives while the archive opens waits this long, then archive_opening. */
const OPEN_WAIT_MS = 120_000

export interface RunningApp {
  /** Resolves when the window is loaded and the archive open, or when startup ended (lock not held, archive not opened). */
  started: Promise<void>
}

export function runElectronApp({ mainFileUrl, env = process.env }: RunOptions): RunningApp {
  // Before `ready`, once: aid-media:// is a standard, secure scheme (for <img> in a file:// page).
  protocol.registerSchemesAsPrivileged([MEDIA_SCHEME_PRIVILEGES])
  app.enableSandbox()

  // One instance per user: a second launch focuses the first window and exits.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { started: Promise.resolve() }
  }

  const paths = appPaths(mainFileUrl)
  const devUrl = devRendererUrl(env, app.isPackaged)
  const rendererUrl = devUrl ?? paths.rendererUrl
  let win: BrowserWindow | null = null
  let service: ArchiveService | null = null
  /** The open under way (or ended): the window shows its status until the service is set. */
  let opening: ArchiveOpening | null = null
  let closing: Promise<void> | null = null
  let closed = false
  let unsubscribe: (() => void) | null = null
  let archiveDir = ''

  app.on('second-instance', () => focusWindow(win))
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, rendererUrl))
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', (event) => {
    if (closed || (!service && !opening)) return
    event.preventDefault()
    closing ??= shutdown().finally(() => {
      closed = true
      app.quit()
    })
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit())

  async function shutdown(): Promise<void> {
    unsubscribe?.()
    unsubscribe = null
    ipcMain.removeHandler(IPC_CHANNEL)
    ipcMain.removeHandler(IPC_STATUS_CHANNEL)
    // Quit while the archive still opens: wait for it, so its lock is released.
    const s = service ?? (await opening?.service.catch(() => null))
    try {
      await s?.close()
    } catch (e) {
      process.stderr.write(`Aid Archive: closing the archive failed: ${(e as Error).message}\n`)
    }
    service = null
  }

  const strings = (): HostStrings => stringsFor(pickLocale(app.getLocale(), service?.store.settings.locale))

  function setMenu(): void {
    const t = strings()
    const template = buildMenuTemplate(
      t,
      {
        openArchiveFolder: () => void shell.openPath(archiveDir),
        openBackupsFolder: () => void openBackups(archiveDir),
        about: () =>
          void dialog.showMessageBox({ type: 'info', title: t.menuAbout, message: t.appName, detail: t.aboutDetail(app.getVersion(), archiveDir) }),
      },
      { isMac: process.platform === 'darwin', devTools: !app.isPackaged },
    )
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }

  async function openBackups(dir: string): Promise<void> {
    // openPath answers '' on success, else an error (e.g. no backups yet): then the archive folder.
    if (await shell.openPath(join(dir, 'backups'))) await shell.openPath(dir)
  }

  /**
   * The archive did not open. Nothing is written unless the user chooses to restore (the
   * same core restore as `aid-archive restore`: the damaged files are moved aside, never
   * deleted); then the archive is opened. Null: quit.
   */
  async function afterOpenFailure(e: unknown, offerRestore = true): Promise<ArchiveService | null> {
    const d = describeOpenFailure(e, archiveDir, strings(), { offerRestore })
    process.stderr.write(`Aid Archive: ${d.message} ${d.detail}\n`)
    const { response } = await dialog.showMessageBox({ type: 'error', title: d.title, message: d.message, detail: d.detail, buttons: d.buttons, defaultId: 0, noLink: true })
    const action = d.actions[response]
    if (action === 'openBackups') await openBackups(archiveDir)
    if (action !== 'restore') return null
    try {
      const r = describeRestored(await restoreArchive(archiveDir), strings())
      process.stderr.write(`Aid Archive: ${r.message} ${r.detail}\n`)
      await dialog.showMessageBox({ type: 'info', title: r.title, message: r.message, detail: r.detail, buttons: [strings().ok], noLink: true })
      opening = startOpening(archiveDir)
      return await opening.service
    } catch (err) {
      // Restore itself failed (no good copy, the disk…): say why; restoring again would not help.
      return afterOpenFailure(err, false)
    }
  }

  const statusNow = (): OpenStatus => opening?.status() ?? { phase: 'lock' }
  const isTrusted = (event: SenderLike): boolean => isTrustedSender(event, { webContentsId: win && !win.isDestroyed() ? win.webContents.id : null, rendererUrl })

  async function start(): Promise<void> {
    process.stdout.write(`${READY_MARKER}\n`)
    hardenSession(session.defaultSession, devUrl ? devCsp(devUrl) : ELECTRON_CSP)
    archiveDir = chooseArchiveDir(env, app.getPath('userData'))
    const first = startOpening(archiveDir, { slowOpenForTestsMs: slowOpenForTests(env) })
    opening = first

    protocol.handle(MEDIA_SCHEME, createMediaHandler(() => service?.store ?? null))
    ipcMain.handle(IPC_STATUS_CHANNEL, createStatusHandler({ status: statusNow, isTrusted }))
    ipcMain.handle(
      IPC_CHANNEL,
      createIpcHandler({
        service: () => (closing ? null : (service ?? opening?.whenOpen(OPEN_WAIT_MS) ?? null)),
        isTrusted,
      }),
    )
    registerFileActions(ipcMain, { service: () => (closing ? null : service), shell, isTrusted })
    registerExportFiles(ipcMain, {
      service: () => (closing ? null : service),
      isTrusted,
      documentsDir: () => app.getPath('documents'),
      locale: () => strings().locale,
      showSaveDialog: (options) => (win && !win.isDestroyed() ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
      showItemInFolder: (path) => shell.showItemInFolder(path),
    })
    setMenu()

    // The window before the archive: its page asks the status channel and shows the open's
    // progress (or its error, beside the dialog below) until the archive is ready.
    win = new BrowserWindow(buildWindowOptions({ preload: paths.preload, title: strings().appName, ...(existsSync(paths.icon) ? { icon: paths.icon } : {}) }))
    const w = win
    w.once('ready-to-show', () => w.show())
    w.on('closed', () => {
      if (win === w) win = null
    })
    const loaded = devUrl ? w.loadURL(devUrl) : w.loadFile(paths.rendererHtml)
    // Awaited below, after the open; a failed load must not go unhandled meanwhile.
    loaded.catch(() => undefined)

    try {
      service = await first.service
    } catch (e) {
      service = await afterOpenFailure(e)
      if (!service) {
        app.exit(1)
        return
      }
      // Restored and open: the page had stopped at the failure's words; it starts again.
      if (!w.isDestroyed()) w.webContents.reload()
    }
    unsubscribe = service.store.onCommit((c) => {
      if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, changeEventOf(c))
      if (c.method === 'settings.update') setMenu()
    })
    // The archive's own language, now that it is known.
    setMenu()
    await loaded
  }

  const started = app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e)
      process.stderr.write(`Aid Archive: ${message}\n`)
      dialog.showErrorBox(stringsFor(pickLocale(app.getLocale())).openFailedTitle, message)
      app.exit(1)
    })
  return { started }
}
