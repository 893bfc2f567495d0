// Electron client: the preload's invoke answers with an Envelope so typed errors
// survive the structured clone; we unwrap it and rethrow an ApiError.
import { electronMediaUrl, type ApiClient, type ApiInput, type ApiResult, type Method, type PreloadApi } from '@shared/api'
import { ApiError } from '@shared/errors'

export function createElectronClient(bridge: PreloadApi): ApiClient {
  return {
    async call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
      const env = await bridge.invoke(method, input ?? {})
      if (env.ok) return env.result as ApiResult<M>
      throw ApiError.from(env.error)
    },
    mediaUrl: electronMediaUrl,
    onEvent: (listener) => bridge.onEvent(listener),
  }
}
