// The Electron host's security rules as plain functions (unit-tested), and one installer
// that hangs them on a session / webContents. Nothing remote is ever loaded or allowed.
import type { OnHeadersReceivedListenerDetails, HeadersReceivedResponse, Session, WebContents } from 'electron'
import { MEDIA_SCHEME } from '../../shared/api'

/**
 * The page talks to its own files and to the media protocol only. 'self' of a file:// page
 * is local files; no http(s) origin appears anywhere. Element Plus needs inline styles.
 */
export const ELECTRON_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${MEDIA_SCHEME}:`,
  `media-src 'self' blob: ${MEDIA_SCHEME}:`,
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The CSP for `electron-vite dev` only: the dev server's origin and its HMR socket. */
export function devCsp(devUrl: string): string {
  const u = new URL(devUrl)
  const origin = u.origin
  const ws = `ws://${u.host}`
  return ELECTRON_CSP.replace("script-src 'self'", `script-src 'self' ${origin}`)
    .replace("style-src 'self'", `style-src 'self' ${origin}`)
    .replace("connect-src 'self'", `connect-src 'self' ${origin} ${ws}`)
}

/** onHeadersReceived: documents get our CSP (replacing any other), everything else passes. */
export function withCsp(details: Pick<OnHeadersReceivedListenerDetails, 'resourceType' | 'responseHeaders'>, csp: string): HeadersReceivedResponse {
  if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') return {}
  const headers: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(details.responseHeaders ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') headers[k] = v
  }
  headers['Content-Security-Policy'] = [csp]
  return { responseHeaders: headers }
}

/** The URL without its fragment and query: hash routes of the same page are the same document. */
function documentOf(url: string): string | null {
  try {
    const u = new URL(url)
    u.hash = ''
    u.search = ''
    return u.href
  } catch {
    return null
  }
}

/** True when url is the renderer's own page (any hash route of it). */
export function isRendererUrl(url: string | null | undefined, rendererUrl: string): boolean {
  if (!url) return false
  const a = documentOf(url)
  const b = documentOf(rendererUrl)
  if (!a || !b) return false
  if (a === b) return true
  // The dev server serves the page at its root and modules beside it: same origin is the page.
  const ru = new URL(rendererUrl)
  if (ru.protocol === 'http:') return new URL(url).origin === ru.origin
  return false
}

/** will-navigate: only a reload/route of our own page may proceed. */
export function shouldPreventNavigation(targetUrl: string, rendererUrl: string): boolean {
  return !isRendererUrl(targetUrl, rendererUrl)
}

/** setWindowOpenHandler: no new windows, ever (links to the web are not opened either). */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' }
}

/** setPermissionRequestHandler: the archive needs no camera, location, notifications… */
export function denyPermissionRequest(_wc: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false)
}

/** setPermissionCheckHandler */
export function denyPermissionCheck(): boolean {
  return false
}

/** What the IPC handler knows about who called. */
export interface SenderLike {
  sender: { id: number }
  senderFrame: { url: string; parent?: unknown } | null
}

/**
 * An IPC call is served only when it comes from our window's webContents, from its top frame,
 * and that frame shows our renderer page (not something it navigated to).
 */
export function isTrustedSender(event: SenderLike, expected: { webContentsId: number | null; rendererUrl: string }): boolean {
  if (expected.webContentsId === null || event.sender.id !== expected.webContentsId) return false
  const frame = event.senderFrame
  if (!frame) return false
  if (frame.parent) return false
  return isRendererUrl(frame.url, expected.rendererUrl)
}

/** Session-wide rules: CSP on every document, every permission refused. */
export function hardenSession(session: Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => callback(withCsp(details, csp)))
  session.setPermissionRequestHandler(denyPermissionRequest)
  session.setPermissionCheckHandler(denyPermissionCheck)
}

type EventLike = { preventDefault(): void }
type HardenableContents = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: EventLike, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: EventLike) => void): unknown
}

/** Per webContents: no new windows, no navigation away, no <webview>. */
export function hardenContents(contents: HardenableContents, rendererUrl: string): void {
  contents.setWindowOpenHandler(windowOpenHandler)
  contents.on('will-navigate', (event, url) => {
    if (shouldPreventNavigation(url, rendererUrl)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (shouldPreventNavigation(url, rendererUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
