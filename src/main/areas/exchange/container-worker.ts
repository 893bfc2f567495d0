// Worker thread entry: reads one transfer package (container.ts) and posts back its entries,
// their buffers moved rather than copied, or the refusal as data. Bundled as
// out/main/exchangeWorker.js; from source it is loaded through worker-dev.mjs.
import { parentPort, workerData } from 'node:worker_threads'
import { readContainerSync, type WorkerAnswer } from './container'
import type { ContainerLimits } from './container-format'
import { ApiError } from '../../../shared/errors'

const { bytes, limits } = workerData as { bytes: Uint8Array; limits: ContainerLimits }
let answer: WorkerAnswer
const moved: ArrayBuffer[] = []
try {
  const { meta, entries } = readContainerSync(bytes, limits)
  answer = { ok: true, meta, entries: [...entries] }
  // Each entry has a buffer of its own (container.ts inflates or copies into one).
  for (const data of entries.values()) if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) moved.push(data.buffer as ArrayBuffer)
} catch (e) {
  const err = ApiError.from(e)
  answer = { ok: false, code: err.code, reason: err.reason, params: err.params }
}
parentPort!.postMessage(answer, [...new Set(moved)])
