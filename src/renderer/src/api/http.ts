// Browser host client: the page is opened as /?token=…; the token moves to
// sessionStorage (a reload keeps working) and leaves the address bar.
import type { ApiClient, ApiInput, ApiResult, ArchiveEvent, MediaVariant, Method, OpenStatus } from '@shared/api'
import { ApiError, isErrorShape } from '@shared/errors'

const TOKEN_KEY = 'aid-archive.token'

export function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/** The body of a 2xx, else its typed error. */
async function answer<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => null)
  if (res.ok) return body as T
  const err = (body as { error?: unknown } | null)?.error
  if (isErrorShape(err)) throw ApiError.from(err)
  if (res.status === 401) throw new ApiError('unauthorized', 'host.token')
  throw new ApiError('internal', 'internal.unexpected', { detail: `HTTP ${res.status}` })
}

export function createHttpClient(token: string): ApiClient {
  const listeners = new Set<(e: ArchiveEvent) => void>()
  let source: EventSource | null = null
  let retry: ReturnType<typeof setTimeout> | null = null

  // One EventSource for all listeners; reconnect with a short back-off when it drops.
  const connect = (): void => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
    source.onmessage = (m) => {
      let e: ArchiveEvent
      try {
        e = JSON.parse(m.data as string) as ArchiveEvent
      } catch {
        return
      }
      for (const l of listeners) l(e)
    }
    source.onerror = () => {
      source?.close()
      source = null
      if (listeners.size && !retry) retry = setTimeout(() => ((retry = null), connect()), 2000)
    }
  }

  return {
    async call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
      // A server that cannot be reached rejects with the browser's own error: not one of
      // ours, so the UI words it generically rather than showing the browser's text.
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      })
      return answer<ApiResult<M>>(res)
    },
    async status(): Promise<OpenStatus> {
      return answer<OpenStatus>(await fetch('/api/status', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' }))
    },
    mediaUrl(recordId: string, variant: MediaVariant): string {
      return `/media/${encodeURIComponent(recordId)}/${variant}?token=${encodeURIComponent(token)}`
    },
    files: {
      downloadUrl: (recordId, sha256) => `/files/${encodeURIComponent(recordId)}/${encodeURIComponent(sha256)}?token=${encodeURIComponent(token)}`,
    },
    onEvent(listener) {
      listeners.add(listener)
      if (!source) connect()
      return () => {
        listeners.delete(listener)
        if (!listeners.size) {
          source?.close()
          source = null
        }
      }
    },
  }
}
