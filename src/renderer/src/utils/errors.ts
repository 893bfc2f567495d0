// Turns the contract's errors into something to show: a message, and per-field messages
// keyed by the form's prop paths (details.issues[].path, or details.field).
import { ElMessage } from 'element-plus'
import { ApiError } from '@shared/errors'
import { i18n } from '@renderer/i18n'

export function fieldErrors(e: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(e instanceof ApiError)) return out
  const d = e.details as { issues?: { path: string; message: string }[]; field?: string } | undefined
  // Input-schema issues are named from the method's input (record.title, patch.fondsCode).
  const strip = (p: string) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p)
  for (const i of d?.issues ?? []) if (i.path && !out[strip(i.path)]) out[strip(i.path)] = i.message
  if (d?.field && !out[d.field]) out[d.field] = e.message
  return out
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** A toast for a failed action; returns the ApiError for callers that branch on its code. */
export function notifyError(e: unknown): ApiError {
  const err = ApiError.from(e)
  ElMessage.error({ message: i18n.global.t('common.error', { msg: err.message }), grouping: true })
  return err
}
