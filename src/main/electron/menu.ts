// A small application menu in the user's language. Roles do the work; the two folder
// items open the archive's folders in the system file manager.
import type { MenuItemConstructorOptions } from 'electron'
import type { HostStrings } from './locale'

export interface MenuActions {
  openArchiveFolder(): void
  openBackupsFolder(): void
  about(): void
}

export function buildMenuTemplate(t: HostStrings, actions: MenuActions, opts: { isMac: boolean; devTools: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: t.menuReload, role: 'reload' },
    ...(opts.devTools ? [{ label: t.menuToggleDevTools, role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { label: t.menuResetZoom, role: 'resetZoom' },
    { label: t.menuZoomIn, role: 'zoomIn' },
    { label: t.menuZoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: t.menuFullscreen, role: 'togglefullscreen' },
  ]
  return [
    ...(opts.isMac ? [{ label: t.appName, submenu: [{ label: t.menuAbout, click: actions.about }, { type: 'separator' }, { label: t.menuQuit, role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    {
      label: t.menuFile,
      submenu: [
        { label: t.menuOpenArchiveFolder, click: () => actions.openArchiveFolder() },
        { label: t.menuOpenBackupsFolder, click: () => actions.openBackupsFolder() },
        ...(opts.isMac ? [] : [{ type: 'separator' } as const, { label: t.menuQuit, role: 'quit' } as const]),
      ],
    },
    { label: t.menuEdit, role: 'editMenu' },
    { label: t.menuView, submenu: view },
    { label: t.menuWindow, submenu: [{ label: t.menuMinimize, role: 'minimize' }, { label: t.menuClose, role: 'close' }] },
    { label: t.menuHelp, role: 'help', submenu: [{ label: t.menuAbout, click: () => actions.about() }] },
  ]
}
