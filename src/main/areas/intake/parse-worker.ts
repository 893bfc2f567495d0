// Worker thread entry: parses the files offthread.ts posts, one at a time, and answers each
// with its outcome. Bundled as out/main/intakeWorker.js; from source it is loaded through
// worker-dev.mjs. A file that exhausts the heap or the clock ends this thread, not the app.
import { parentPort } from 'node:worker_threads'
import type { ParseLimits } from './limits'
import { runParseJob, type ParseJob } from './parse-jobs'

parentPort!.on('message', async (m: { id: number; job: ParseJob; limits: ParseLimits }) => {
  const outcome = await runParseJob(m.job, m.limits)
  parentPort!.postMessage({ id: m.id, outcome })
})
parentPort!.postMessage({ ready: true })
