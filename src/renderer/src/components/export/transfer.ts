// Moving an export out of the app, and a scope in and out of a route's query.
// The browser host downloads (to the browser's download folder, under the export's
// Chinese name); Electron offers 另存为… in its own dialog and then 在文件夹中显示
// (src/main/electron/export-files.ts): the renderer sends the request, never a path.
import { ref } from 'vue'
import type { ExportFilesApi, ExportRequest, ExportSaveResult, ExportScope } from '@shared/contract/export'
import { ApiError } from '@shared/errors'

/** Electron's 另存为 / 在文件夹中显示, or null in the browser host. */
export function hostFiles(): ExportFilesApi | null {
  return window.aidArchive?.exportFiles ?? null
}

/** Runs the export and saves it where the user chooses (Electron). */
export async function saveAs(files: ExportFilesApi, request: ExportRequest): Promise<ExportSaveResult> {
  // Plain data across IPC (no reactive proxies), as the API client sends it.
  const env = await files.save(JSON.parse(JSON.stringify(request)) as ExportRequest)
  if (!env.ok) throw ApiError.from(env.error)
  return env.result
}

export async function showInFolder(files: ExportFilesApi, token: string): Promise<void> {
  const env = await files.show(token)
  if (!env.ok) throw ApiError.from(env.error)
}

/** The library's selection handed to the export view (too long for a URL). */
export const pendingSelection = ref<string[]>([])

export function saveBytes(base64: string, fileName: string, mime: string): void {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

type Scope = NonNullable<ExportScope>
const KEYS = ['batchId', 'area', 'from', 'to', 'query', 'savedSearchId'] as const

/** The scope as route query strings (ids joined by commas). */
export function scopeToQuery(s: Scope, photos: boolean, title: string): Record<string, string> {
  const q: Record<string, string> = {}
  for (const k of KEYS) if (s[k]) q[k] = s[k]!
  if (s.ids?.length) q.ids = s.ids.join(',')
  if (!photos) q.photos = '0'
  if (title) q.title = title
  return q
}

export function scopeFromQuery(q: Record<string, unknown>): { scope: Scope; photos: boolean; title: string } {
  const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '')
  const scope: Scope = {}
  for (const k of KEYS) if (str(k)) scope[k] = str(k)
  if (str('ids')) scope.ids = str('ids').split(',').filter(Boolean)
  return { scope, photos: str('photos') !== '0', title: str('title') }
}

export function humanSize(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`
}
