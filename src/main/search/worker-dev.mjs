// Loads the TypeScript search worker from source (tsx, vitest, `npm run cli`): registers
// tsx's loader in this worker thread, then imports worker.ts. The built app does not use
// this file: it runs out/main/searchWorker.js.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
