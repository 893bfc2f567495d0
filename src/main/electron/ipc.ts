// The one IPC channel: sender checked, then dispatch(service, method, input), answered as an
// Envelope so a typed error ({code, message, details}) survives the structured clone.
import type { ChangeEvent, Envelope, OpenStatus } from '../../shared/api'
import { changeEventOf as eventOf } from '../../shared/changes'
import { ApiError, type ApiErrorShape } from '../../shared/errors'
import { dispatch } from '../app'
import type { ArchiveService } from '../core/service'
import type { CommitInfo } from '../core/store/archive-store'
import type { SenderLike } from './security'

export function errorEnvelope(err: unknown): Envelope<never> {
  // The whole error as data (reason, params, field, issues, rule): the renderer words it.
  return { ok: false, error: cloneable(ApiError.from(err).toJSON()) as ApiErrorShape }
}

/** details come from zod issues and the like: keep only what JSON can carry. */
function cloneable(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v)) as unknown
  } catch {
    return undefined
  }
}

export interface IpcHandlerDeps {
  /**
   * The open service; while the archive opens, a promise of it (rejecting with the open's
   * error or archive_opening: see ArchiveOpening.whenOpen); null once it is closing.
   */
  service: () => ArchiveService | Promise<ArchiveService> | null
  isTrusted: (event: SenderLike) => boolean
}

export type IpcHandler = (event: SenderLike, method: unknown, input: unknown) => Promise<Envelope<unknown>>

export function createIpcHandler(deps: IpcHandlerDeps): IpcHandler {
  return async (event, method, input) => {
    if (!deps.isTrusted(event)) return errorEnvelope(new ApiError('forbidden', 'host.unknown_sender'))
    const svc = deps.service()
    if (!svc) return errorEnvelope(new ApiError('io_error', 'host.closing'))
    try {
      const result = await dispatch(await svc, typeof method === 'string' ? method : String(method), input)
      return { ok: true, result }
    } catch (e) {
      return errorEnvelope(e)
    }
  }
}

/** The status channel: how far the open is, for our window only; it takes no input. */
export function createStatusHandler(deps: { status: () => OpenStatus; isTrusted: (event: SenderLike) => boolean }): (event: SenderLike) => Envelope<OpenStatus> {
  return (event) => (deps.isTrusted(event) ? { ok: true, result: cloneable(deps.status()) as OpenStatus } : errorEnvelope(new ApiError('forbidden', 'host.unknown_sender')))
}

/** The event the window gets for a commit: the same one the browser host sends. */
export function changeEventOf(c: CommitInfo): ChangeEvent {
  return eventOf(c)
}
