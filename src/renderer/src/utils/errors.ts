// Turns the contract's errors into words in the UI's language: a toast, a line, and the
// messages under form fields keyed by the form's prop paths. An error is data (a reason
// and its parameters); its `message` is English for logs and is never shown. Everything
// here reads the current locale, so a computed built on it follows a language switch.
import { ElMessage } from 'element-plus'
import { ApiError, isErrorShape, type ErrorData } from '@shared/errors'
import { formatError, formatPath, formatReason } from '@shared/i18n/format'
import { i18n, locale } from '@renderer/i18n'

/** The error as data, or null when it is not one of ours (a dropped connection, a bug here). */
function asData(e: unknown): ErrorData | null {
  return e instanceof ApiError || isErrorShape(e) ? e : null
}

/** Someone else's exception: worded generically, its raw (English) text left to the console. */
function unexpected(e: unknown): string {
  console.error(e)
  return i18n.global.t('common.unexpected')
}

/** One line for any error, in the current locale. */
export function errorMessage(e: unknown): string {
  const data = asData(e)
  return data ? formatError(locale.value, data) : unexpected(e)
}

/** An error carried as data inside a result (a file that failed, a catalogue row). */
export function errorText(e: ErrorData): string {
  return formatError(locale.value, e)
}

/** Form prop path of an input path: the prefix (record., patch.) taken off. */
function stripper(prefix: string): (path: string) => string {
  const p = prefix.replace(/\.$/, '')
  return (path) => (!p ? path : path === p ? '' : path.startsWith(`${p}.`) ? path.slice(p.length + 1) : path)
}

export interface FormErrors {
  /** Message per form prop path (title, metrics.0.label), for el-form-item :error. */
  fields: Record<string, string>
  /** How many messages went under fields. */
  count: number
  /** The words for what belongs to no field; '' when everything went under a field. */
  summary: string
}

/**
 * Splits an error over a form. Issue paths keep their array indices (metrics.0.label, as
 * the form's props are named); each also reaches its ancestors (organisations.2 →
 * organisations, "第 3 条：…"), so a list edited by one widget still shows its item's error.
 */
export function formErrors(e: unknown, prefix = ''): FormErrors {
  const none: FormErrors = { fields: {}, count: 0, summary: '' }
  if (e === null || e === undefined) return none
  const data = asData(e)
  if (!data) return { ...none, summary: unexpected(e) }
  const l = locale.value
  const strip = stripper(prefix)
  const fields: Record<string, string> = {}
  const loose: string[] = []
  let count = 0
  const put = (path: string, text: string): void => {
    if (!path) return void loose.push(text)
    if (fields[path] !== undefined) return
    fields[path] = text
    count++
    const parts = path.split('.')
    for (let n = parts.length - 1; n > 0; n--) {
      const up = parts.slice(0, n).join('.')
      if (fields[up] !== undefined) continue
      const where = formatPath(l, parts.slice(n).join('.'))
      fields[up] = where ? `${where}${l === 'en' ? ': ' : '：'}${text}` : text
    }
  }
  for (const i of data.issues ?? []) put(strip(i.path), formatReason(l, i.reason, i.params))
  // A rule's refusal names its field without issues; an issue already said it otherwise.
  if (data.field !== undefined && !data.issues?.length) put(strip(data.field), formatReason(l, data.reason, data.params))
  else if (data.field === undefined && !data.issues?.length) loose.push(formatError(l, data))
  return { fields, count, summary: [...new Set(loose)].join(' ') }
}

/** The alert above a form: what belongs to no field, and a pointer to the fields' own messages. */
export function formProblem(f: FormErrors): string {
  return [f.summary, f.count ? i18n.global.t('record.invalid', { n: f.count }) : ''].filter(Boolean).join(' ')
}

/** Per-field messages of an error (see formErrors). */
export function fieldErrors(e: unknown, prefix = ''): Record<string, string> {
  return formErrors(e, prefix).fields
}

/** A toast for a failed action; returns the ApiError for callers that branch on its code. */
export function notifyError(e: unknown): ApiError {
  ElMessage.error({ message: i18n.global.t('common.error', { msg: errorMessage(e) }), grouping: true })
  return ApiError.from(e)
}
