// The one window's options as a plain function (unit-tested): every security flag explicit.
import type { BrowserWindowConstructorOptions } from 'electron'

export interface WindowOptionsInput {
  preload: string
  title: string
  /** Window icon (Linux/Windows); omitted when the file is absent. */
  icon?: string
}

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    title: input.title,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  }
}

/** A second launch brings the first window forward. */
export function focusWindow(win: { isDestroyed(): boolean; isMinimized(): boolean; restore(): void; show(): void; focus(): void } | null): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
