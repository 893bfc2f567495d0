// Electron client: the preload's invoke answers with an Envelope so typed errors
// survive the structured clone; we unwrap it and rethrow an ApiError.
import { electronMediaUrl, type ApiClient, type ApiInput, type ApiResult, type Method, type OpenStatus, type PreloadApi } from '@shared/api'
import { ApiError } from '@shared/errors'

export function createElectronClient(bridge: PreloadApi): ApiClient {
  return {
    async call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
      // Vue's reactive proxies cannot cross the structured clone of IPC ("could not be
      // cloned"); a JSON round trip sends plain data, exactly what the HTTP client sends.
      const env = await bridge.invoke(method, JSON.parse(JSON.stringify(input ?? {})) as unknown)
      if (env.ok) return env.result as ApiResult<M>
      throw ApiError.from(env.error)
    },
    async status(): Promise<OpenStatus> {
      const env = await bridge.status()
      if (env.ok) return env.result
      throw ApiError.from(env.error)
    },
    mediaUrl: electronMediaUrl,
    onEvent: (listener) => bridge.onEvent(listener),
    files: {
      async act(action, recordId, sha256) {
        const env = await bridge.file(action, recordId, sha256)
        if (!env.ok) throw ApiError.from(env.error)
      },
    },
  }
}
