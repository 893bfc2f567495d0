// Typed errors shared by every host: the same bad call gets the same code everywhere.
// An error is data — a code, a reason key and its parameters (and, for input, the field
// and the issues) — never a sentence to show: the words live in src/shared/i18n, in both
// locales. `message` is the English rendering, for logs and developers only.
import { errorsEn, type Reason } from './i18n/errors.en'
import { formatError, isReason, type ErrorData, type ErrorIssue, type Params } from './i18n/format'

export type { Reason } from './i18n/errors.en'
export type { ErrorData, ErrorIssue, Params } from './i18n/format'

export const ERROR_CODES = [
  'invalid_input', // the input does not match the method's schema, or breaks a rule
  'not_found', // no record, tag, link or method by that id/name
  'conflict', // the record changed since the caller read it, or a duplicate
  'archive_damaged', // archive.json or the journal cannot be read; nothing was written
  'archive_locked', // another process has the archive open
  'archive_opening', // the host is still opening the archive: ask again shortly
  'unauthorized', // browser host: missing or wrong token
  'forbidden', // browser host: wrong Host or Origin
  'io_error', // the disk refused a read or write
  'internal', // a bug: reported with its message
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorShape extends ErrorData {
  code: ErrorCode
  message: string
  details?: unknown
}

export interface ErrorExtra {
  field?: string
  issues?: ErrorIssue[]
  rule?: string
  details?: unknown
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode
  readonly reason: Reason
  readonly params: Params
  readonly field?: string
  readonly issues?: ErrorIssue[]
  readonly rule?: string
  readonly details?: unknown
  constructor(code: ErrorCode, reason: Reason, params: Params = {}, extra: ErrorExtra = {}) {
    super('')
    this.name = 'ApiError'
    this.code = code
    this.reason = reason
    this.params = params
    if (extra.field !== undefined) this.field = extra.field
    if (extra.issues?.length) this.issues = extra.issues
    if (extra.rule !== undefined) this.rule = extra.rule
    if (extra.details !== undefined) this.details = extra.details
    this.message = formatError('en', this)
  }
  toJSON(): ApiErrorShape {
    const out: ApiErrorShape = { code: this.code, reason: this.reason, params: this.params, message: this.message }
    if (this.field !== undefined) out.field = this.field
    if (this.issues) out.issues = this.issues
    if (this.rule !== undefined) out.rule = this.rule
    if (this.details !== undefined) out.details = this.details
    return out
  }
  /** The same error with every issue path (and the field) put under a prefix: records.3. */
  under(prefix: string): ApiError {
    const join = (p: string) => (p ? `${prefix}.${p}` : prefix)
    const issues = (this.issues ?? [{ path: this.field ?? '', reason: this.reason, params: this.params }]).map((i) => ({ ...i, path: join(i.path) }))
    return new ApiError(this.code, this.reason, this.params, { field: join(this.field ?? ''), issues, rule: this.rule, details: this.details })
  }
  static from(err: unknown): ApiError {
    if (err instanceof ApiError) return err
    if (isErrorShape(err)) return new ApiError(err.code, err.reason, err.params ?? {}, err)
    return new ApiError('internal', 'internal.unexpected', { detail: err instanceof Error ? err.message : String(err) })
  }
}

export function isErrorShape(v: unknown): v is ApiErrorShape {
  return (
    typeof v === 'object' &&
    v !== null &&
    isReason((v as ApiErrorShape).reason) &&
    (ERROR_CODES as readonly string[]).includes((v as ApiErrorShape).code)
  )
}

/** Reasons that exist, for tests and tools. */
export const REASON_KEYS = Object.keys(errorsEn) as Reason[]
