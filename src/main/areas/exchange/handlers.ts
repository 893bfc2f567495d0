// The exchange area: transfer packages, CouchDB sync and conflicts (being built).
import type { exchangeMethods } from '../../../shared/contract/exchange'
import { ApiError } from '../../../shared/errors'
import type { AreaHandlers, ArchiveService } from '../../core/service'

export function exchangeHandlers(_svc: ArchiveService): AreaHandlers<keyof typeof exchangeMethods> {
  const todo = async (): Promise<never> => {
    throw new ApiError('internal', 'internal.unexpected', { detail: 'exchange: not wired yet' })
  }
  return {
    'exchange.info': todo,
    'exchange.pack': todo,
    'exchange.preview': todo,
    'exchange.apply': todo,
    'exchange.conflicts': todo,
    'exchange.resolve': todo,
    'exchange.sync': todo,
  }
}
