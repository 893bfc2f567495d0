// Loads the TypeScript package reader from source (tsx, vitest, `npm run cli`): registers
// tsx's loader in this worker thread, then imports container-worker.ts. The built app runs
// out/main/exchangeWorker.js instead.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
