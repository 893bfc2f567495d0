// Worker thread entry: renders one export job and posts its bytes back (offthread.ts).
// Bundled as out/main/exportWorker.js; from source it is loaded through worker-dev.mjs.
import { parentPort, workerData } from 'node:worker_threads'
import { renderJob, type RenderJob } from './render'

const { job } = workerData as { job: RenderJob }
renderJob(job).then(
  (bytes) => parentPort!.postMessage({ ok: true, bytes }, [bytes.buffer as ArrayBuffer]),
  (e: unknown) => parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
)
