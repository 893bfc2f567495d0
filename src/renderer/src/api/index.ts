// The one ApiClient the app uses; which transport is behind it is decided once here.
import type { ApiClient, ApiInput, ApiResult, Method } from '@shared/api'
import { createElectronClient } from './electron'
import { createHttpClient, takeToken } from './http'

function choose(): ApiClient {
  if (window.aidArchive) return createElectronClient(window.aidArchive)
  return createHttpClient(takeToken())
}

export const client: ApiClient = choose()

/** Shorthand used by stores and views. */
export function call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
  return client.call(method, input)
}
