// Why one handed-over file gave nothing, as a reason key: reported beside the file's name
// (reports) or as the call's error (a catalogue), while the other files go on.
import { ApiError, type ErrorData, type Params, type Reason } from '../../../shared/errors'

export class FileRefusal extends Error {
  constructor(
    readonly reason: Reason,
    readonly params: Params = {},
  ) {
    super(reason)
  }
}

/** Any error of a file's parse as data; a parser's own exception keeps its first line as detail. */
export function refusalData(e: unknown): ErrorData {
  if (e instanceof FileRefusal) return { reason: e.reason, params: e.params }
  if (e instanceof ApiError) return { reason: e.reason, params: e.params, ...(e.field ? { field: e.field } : {}) }
  const m = e instanceof Error ? e.message : String(e)
  return { reason: 'file.failed', params: { detail: m.split('\n')[0]!.slice(0, 300) } }
}
