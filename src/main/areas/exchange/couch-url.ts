// The sync server's address and how it is reached: credentials taken out of the URL (never
// shown, never remembered), and Node's fetch with a deadline for the server's answer.
import { ApiError } from '../../../shared/errors'

export interface RemoteOptions {
  /** The database's URL (http or https). Credentials in it are taken out and used as basic auth. */
  url: string
  username?: string
  password?: string
  /** How long a request may wait for the server's answer (default 30 s). */
  timeoutMs?: number
  /** The largest file getFile accepts (default 512 MB). */
  maxFileBytes?: number
}

/** The URL as it may be shown and remembered: no credentials, no query, no fragment. */
export function publicUrl(url: string): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    // Not parseable: still never let a user:password@ through.
    return url.replace(/\/\/[^/?#]*@/, '//').replace(/[?#].*$/, '')
  }
  u.username = ''
  u.password = ''
  u.search = ''
  u.hash = ''
  const s = u.toString()
  return u.pathname.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s
}

export interface Target {
  url: string
  auth?: { username: string; password: string }
}

export function target(opts: RemoteOptions): Target {
  let u: URL
  try {
    u = new URL(opts.url)
  } catch {
    throw new ApiError('invalid_input', 'sync.bad_url', {}, { field: 'url' })
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname.replace(/\/+$/, '') === '') {
    throw new ApiError('invalid_input', 'sync.bad_url', {}, { field: 'url' })
  }
  const fromUrl = (s: string) => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  }
  const username = opts.username ?? (u.username ? fromUrl(u.username) : undefined)
  const password = opts.password ?? (u.password ? fromUrl(u.password) : undefined)
  const url = publicUrl(opts.url)
  return username !== undefined || password !== undefined ? { url, auth: { username: username ?? '', password: password ?? '' } } : { url }
}

/** Thrown by our fetch when no answer came: refused, reset, unknown host or timed out. */
export class NoAnswer extends Error {
  override readonly name = 'NoAnswer'
}

/**
 * The fetch PouchDB uses: Node's own, with a deadline for the server's answer (the headers;
 * a large body may take longer) and every network failure made one recognisable error.
 */
export function fetchWithDeadline(timeoutMs: number) {
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const ctl = new AbortController()
    const timer = setTimeout(() => ctl.abort(), timeoutMs)
    try {
      // PouchDB hands over its own (node-fetch) Headers; an iterable of pairs either way.
      const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0])
      return await fetch(url, { ...init, headers, signal: ctl.signal })
    } catch {
      // Not the cause's text: Node's messages can carry the address as typed.
      throw new NoAnswer('no answer')
    } finally {
      clearTimeout(timer)
    }
  }
}

export const statusOf = (e: unknown): number | undefined => {
  const s = (e as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}
