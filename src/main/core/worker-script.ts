// Where a worker thread's script is: in the built app, the bundle named `bundle` beside the
// calling bundle (out/main/ or its chunks/); from source, the TypeScript entry beside the
// caller, booted through tsx by the `worker-dev.mjs` shim in the same folder. Null where
// neither exists (the caller then runs the job in its own thread).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

export interface WorkerScript {
  url: URL
  workerData?: Record<string, unknown>
  /** The built bundle (not the TypeScript source through tsx). */
  built: boolean
}

export function locateWorkerScript(from: string, bundle: string, source: string): WorkerScript | null {
  if (!from.startsWith('file:')) return null
  for (const rel of [`./${bundle}`, `../${bundle}`]) {
    const url = new URL(rel, from)
    if (existsSync(fileURLToPath(url))) return { url, built: true }
  }
  const src = new URL(`./${source}`, from)
  const boot = new URL('./worker-dev.mjs', from)
  if (!existsSync(fileURLToPath(src)) || !existsSync(fileURLToPath(boot))) return null
  try {
    createRequire(from).resolve('tsx/esm/api')
  } catch {
    return null
  }
  return { url: boot, workerData: { entry: src.href }, built: false }
}
