// Typed errors shared by every host: the same bad call gets the same code everywhere.
export const ERROR_CODES = [
  'invalid_input', // the input does not match the method's schema, or breaks a rule
  'not_found', // no record, tag, link or method by that id/name
  'conflict', // the record changed since the caller read it, or a duplicate
  'archive_damaged', // archive.json or the journal cannot be read; nothing was written
  'archive_locked', // another process has the archive open
  'unauthorized', // browser host: missing or wrong token
  'forbidden', // browser host: wrong Host or Origin
  'io_error', // the disk refused a read or write
  'internal', // a bug: reported with its message
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorShape {
  code: ErrorCode
  message: string
  details?: unknown
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    if (details !== undefined) this.details = details
  }
  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
  static from(err: unknown): ApiError {
    if (err instanceof ApiError) return err
    if (isErrorShape(err)) return new ApiError(err.code, err.message, err.details)
    return new ApiError('internal', err instanceof Error ? err.message : String(err))
  }
}

export function isErrorShape(v: unknown): v is ApiErrorShape {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ApiErrorShape).message === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as ApiErrorShape).code)
  )
}
