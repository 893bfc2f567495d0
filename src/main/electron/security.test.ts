// The Electron host's security rules, as the plain functions the app hangs on electron.
import { describe, expect, it, vi } from 'vitest'
import { buildWindowOptions, focusWindow } from './window'
import {
  ELECTRON_CSP,
  denyPermissionCheck,
  denyPermissionRequest,
  devCsp,
  hardenContents,
  hardenSession,
  isRendererUrl,
  isTrustedSender,
  shouldPreventNavigation,
  windowOpenHandler,
  withCsp,
} from './security'

const RENDERER = 'file:///opt/aid/out/renderer/index.html'

describe('window options', () => {
  const o = buildWindowOptions({ preload: '/opt/aid/out/preload/index.cjs', title: '援疆档案' })
  it('sets every security flag explicitly', () => {
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
  })
  it('uses the built CommonJS preload it is given', () => {
    expect(o.webPreferences?.preload).toBe('/opt/aid/out/preload/index.cjs')
    expect(o.webPreferences?.preload).toMatch(/\.cjs$/)
  })
  it('shows the window only when ready, titled', () => {
    expect(o.show).toBe(false)
    expect(o.title).toBe('援疆档案')
    expect(o).not.toHaveProperty('icon')
  })
})

describe('CSP', () => {
  const directives = Object.fromEntries(
    ELECTRON_CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name!, values]
    }),
  )
  it('allows nothing remote', () => {
    expect(ELECTRON_CSP).not.toMatch(/https?:|wss?:|\*/)
    expect(directives['default-src']).toEqual(["'none'"])
    expect(directives['script-src']).toEqual(["'self'"])
    expect(directives['connect-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(directives['frame-src']).toEqual(["'none'"])
    expect(directives['base-uri']).toEqual(["'none'"])
    expect(ELECTRON_CSP).not.toContain('unsafe-eval')
    expect(directives['script-src']).not.toContain("'unsafe-inline'")
  })
  it('lets images come from the media protocol', () => {
    expect(directives['img-src']).toContain('aid-media:')
  })
  it('in dev allows only the loopback dev server', () => {
    const csp = devCsp('http://localhost:5173/')
    expect(csp).toContain("script-src 'self' http://localhost:5173")
    expect(csp).toContain('ws://localhost:5173')
    expect(csp).not.toMatch(/https:|\*/)
  })
  it('is put on documents, replacing any other policy, and leaves other responses alone', () => {
    const r = withCsp({ resourceType: 'mainFrame', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, ELECTRON_CSP)
    expect(r.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [ELECTRON_CSP] })
    expect(withCsp({ resourceType: 'subFrame', responseHeaders: {} }, 'x').responseHeaders).toEqual({ 'Content-Security-Policy': ['x'] })
    expect(withCsp({ resourceType: 'image', responseHeaders: {} }, 'x')).toEqual({})
  })
})

describe('navigation and new windows', () => {
  it('allows only our own page (any hash route, reloads)', () => {
    expect(shouldPreventNavigation(RENDERER, RENDERER)).toBe(false)
    expect(shouldPreventNavigation(`${RENDERER}#/records/rep_1`, RENDERER)).toBe(false)
    expect(shouldPreventNavigation(`${RENDERER}?x=1`, RENDERER)).toBe(false)
  })
  it('prevents everything else', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file:///opt/aid/out/renderer/other.html',
      'file:///opt/aid/out/renderer/index.html/../../../etc/passwd',
      'aid-media://media/pho_1/original',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ])
      expect(shouldPreventNavigation(url, RENDERER), url).toBe(true)
  })
  it('the dev server page counts by origin only', () => {
    expect(isRendererUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true)
    expect(isRendererUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isRendererUrl(null, RENDERER)).toBe(false)
  })
  it('denies every window.open', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' })
  })
  it('denies every permission request and check', () => {
    const cb = vi.fn()
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) denyPermissionRequest(null, p, cb)
    expect(cb).toHaveBeenCalledTimes(5)
    expect(cb.mock.calls.every(([granted]) => granted === false)).toBe(true)
    expect(denyPermissionCheck()).toBe(false)
  })
  it('hardenContents wires deny / prevent handlers on a webContents', () => {
    const handlers = new Map<string, (e: { preventDefault(): void }, url?: string) => void>()
    let openHandler: (() => unknown) | null = null
    const wc = {
      setWindowOpenHandler: (h: () => unknown) => (openHandler = h),
      on: (ev: string, fn: (e: { preventDefault(): void }, url?: string) => void) => handlers.set(ev, fn),
    }
    hardenContents(wc as never, RENDERER)
    expect(openHandler!()).toEqual({ action: 'deny' })
    const ev = () => ({ preventDefault: vi.fn() })
    const away = ev()
    handlers.get('will-navigate')!(away, 'https://example.com')
    expect(away.preventDefault).toHaveBeenCalled()
    const home = ev()
    handlers.get('will-navigate')!(home, `${RENDERER}#/library`)
    expect(home.preventDefault).not.toHaveBeenCalled()
    const redirect = ev()
    handlers.get('will-redirect')!(redirect, 'http://evil.test/')
    expect(redirect.preventDefault).toHaveBeenCalled()
    const webview = ev()
    handlers.get('will-attach-webview')!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })
  it('hardenSession sets the CSP hook and both permission handlers', () => {
    let headers: ((d: unknown, cb: (r: unknown) => void) => void) | null = null
    const s = {
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    }
    hardenSession(s as never, ELECTRON_CSP)
    expect(s.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest)
    expect(s.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck)
    const cb = vi.fn()
    headers!({ resourceType: 'mainFrame', responseHeaders: {} }, cb)
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [ELECTRON_CSP] } })
  })
})

describe('IPC sender check', () => {
  const expected = { webContentsId: 7, rendererUrl: RENDERER }
  const ev = (id: number, url: string | null, parent: unknown = null) => ({ sender: { id }, senderFrame: url === null ? null : { url, parent } })
  it('accepts our window’s top frame showing our page', () => {
    expect(isTrustedSender(ev(7, RENDERER), expected)).toBe(true)
    expect(isTrustedSender(ev(7, `${RENDERER}#/search?q=阜康`), expected)).toBe(true)
  })
  it('refuses other webContents, other pages, subframes, gone frames, no window', () => {
    expect(isTrustedSender(ev(8, RENDERER), expected)).toBe(false)
    expect(isTrustedSender(ev(7, 'https://example.com/'), expected)).toBe(false)
    expect(isTrustedSender(ev(7, 'file:///tmp/evil.html'), expected)).toBe(false)
    expect(isTrustedSender(ev(7, RENDERER, { url: RENDERER }), expected)).toBe(false)
    expect(isTrustedSender(ev(7, null), expected)).toBe(false)
    expect(isTrustedSender(ev(7, RENDERER), { webContentsId: null, rendererUrl: RENDERER })).toBe(false)
  })
})

describe('second instance', () => {
  it('restores and focuses the first window', () => {
    const win = { isDestroyed: () => false, isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() }
    focusWindow(win)
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
    expect(() => focusWindow(null)).not.toThrow()
  })
})
