// dispatch(method, input): the one door every host goes through. Unknown method →
// not_found; input failing the method's schema → invalid_input (nothing is called).
import { API, isMethod, type ApiResult, type Method } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import { invalid } from '../../shared/validation'
import type { ArchiveService } from './service'

export async function dispatch<M extends Method>(service: ArchiveService, method: M | string, input: unknown): Promise<ApiResult<M>> {
  if (typeof method !== 'string' || !isMethod(method)) throw new ApiError('not_found', 'method.unknown', { method: String(method) })
  const parsed = API[method].input.safeParse(input ?? {})
  if (!parsed.success) throw invalid(parsed.error.issues)
  const handler = service.handlers[method] as (i: unknown) => Promise<ApiResult<M>>
  try {
    return await handler(parsed.data)
  } catch (e) {
    throw ApiError.from(e)
  }
}
