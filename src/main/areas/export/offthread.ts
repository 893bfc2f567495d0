// Runs a render job in a worker thread so a long export (a docx of 500 photos takes tens
// of seconds) never stalls the process that serves the UI (Electron main, browser host).
// Where no worker script can be found, the job runs in this thread: slower, still correct.
import { Worker } from 'node:worker_threads'
import type { RenderJob } from './render'
import { locateWorkerScript } from '../../core/worker-script'

function locate(from: string = import.meta.url): { url: URL; workerData?: Record<string, unknown> } | null {
  return locateWorkerScript(from, 'exportWorker.js', 'worker.ts')
}

export function render(job: RenderJob): Promise<Uint8Array> {
  const where = process.env.AID_EXPORT_INLINE === '1' ? null : locate()
  // Loaded only here (docx alone takes ~60 ms to load): every start of the host and the CLI skipped it.
  if (!where) return import('./render').then((m) => m.renderJob(job))
  return new Promise((resolve, reject) => {
    const w = new Worker(where.url, { workerData: { ...where.workerData, job } })
    let settled = false
    const done = (f: () => void) => {
      if (settled) return
      settled = true
      f()
      void w.terminate()
    }
    w.once('message', (m: { ok: true; bytes: Uint8Array } | { ok: false; message: string }) =>
      done(() => (m.ok ? resolve(new Uint8Array(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength)) : reject(new Error(m.message)))),
    )
    w.once('error', (e) => done(() => reject(e)))
    w.once('exit', (code) => done(() => reject(new Error(`export worker exited with code ${code}`))))
  })
}
