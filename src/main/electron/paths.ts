// Where things are, computed from the built main file (out/main/index.js): an ESM main
// process has no __dirname. The relative paths below are the layout electron-vite builds.
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** From out/main/: the sandboxed CommonJS preload and the built renderer page. */
export const PRELOAD_FROM_MAIN = '../preload/index.cjs'
export const RENDERER_FROM_MAIN = '../renderer/index.html'
/** The window icon, shipped beside out/ (electron-builder.yml lists it in files). */
export const ICON_FROM_MAIN = '../../resources/icon.png'

export interface AppPaths {
  /** out/main */
  mainDir: string
  /** out/preload/index.cjs */
  preload: string
  /** out/renderer/index.html */
  rendererHtml: string
  /** file:///…/out/renderer/index.html — what the window loads and the sender check expects. */
  rendererUrl: string
  /** resources/icon.png */
  icon: string
}

/** @param mainFileUrl import.meta.url of the built main file */
export function appPaths(mainFileUrl: string): AppPaths {
  const mainDir = dirname(fileURLToPath(mainFileUrl))
  const rendererHtml = resolve(mainDir, RENDERER_FROM_MAIN)
  return {
    mainDir,
    preload: resolve(mainDir, PRELOAD_FROM_MAIN),
    rendererHtml,
    rendererUrl: pathToFileURL(rendererHtml).href,
    icon: resolve(mainDir, ICON_FROM_MAIN),
  }
}

/** The archive folder: AID_ARCHIVE_DIR if set (npm start --archive DIR sets it), else userData/archive. */
export function chooseArchiveDir(env: Record<string, string | undefined>, userDataDir: string): string {
  const fromEnv = env.AID_ARCHIVE_DIR?.trim()
  if (fromEnv) return resolve(fromEnv)
  return join(userDataDir, 'archive')
}

/**
 * `electron-vite dev` serves the renderer from a dev server and says where in
 * ELECTRON_RENDERER_URL; honoured only for an unpackaged app and only on loopback.
 */
export function devRendererUrl(env: Record<string, string | undefined>, isPackaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL
  if (isPackaged || !raw) return null
  try {
    const u = new URL(raw)
    if (u.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) return null
    return u.href
  } catch {
    return null
  }
}
