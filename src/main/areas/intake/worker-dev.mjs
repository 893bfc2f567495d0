// Loads the TypeScript parse worker from source (tsx, vitest, `npm run cli`): registers
// tsx's loader in this worker thread, then imports parse-worker.ts. The built app runs
// out/main/intakeWorker.js instead.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
