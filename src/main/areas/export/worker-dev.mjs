// Loads the TypeScript export worker from source (tsx, vitest, `npm run cli`): registers
// tsx's loader in this worker thread, then imports worker.ts. The built app runs
// out/main/exportWorker.js instead.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
