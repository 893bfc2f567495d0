// dispatch(method, input): the one door every host goes through. Unknown method →
// not_found; input failing the method's schema → invalid_input (nothing is called).
import { API, isMethod, type ApiResult, type Method } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import { invalid, protoKeyAt } from '../../shared/validation'
import type { ArchiveService } from './service'

export async function dispatch<M extends Method>(service: ArchiveService, method: M | string, input: unknown): Promise<ApiResult<M>> {
  if (typeof method !== 'string' || !isMethod(method)) throw new ApiError('not_found', 'method.unknown', { method: String(method) })
  // JSON.parse (and a structured clone) keep "__proto__" as an own key that schemas drop
  // silently; refuse it here, once, for every host, placed on the object that holds it.
  const at = protoKeyAt(input)
  if (at !== null) {
    const params = { keys: '__proto__' }
    throw new ApiError('invalid_input', 'field.unknown_keys', params, at ? { field: at, issues: [{ path: at, reason: 'field.unknown_keys', params }] } : {})
  }
  const parsed = API[method].input.safeParse(input ?? {})
  if (!parsed.success) throw invalid(parsed.error.issues)
  const handler = service.handlers[method] as (i: unknown) => Promise<ApiResult<M>>
  try {
    return await handler(parsed.data)
  } catch (e) {
    throw ApiError.from(e)
  }
}
