// Which search engine a service gets. `auto` (the default) runs the index in a worker
// thread wherever a worker script can be found: the built app (out/main/searchWorker.js)
// and the dev CLI under tsx. Under vitest it runs in-thread: every test that opens an
// archive would otherwise start a TypeScript worker (~0.5 s, tsx compiling in the
// thread). AID_SEARCH_ENGINE=worker|inline overrides, as does `mode`.
import type { ArchiveReader } from '../core/store/reader'
import type { SearchEngine } from './engine'
import { InlineEngine } from './inline-engine'
import { Prestart, WorkerEngine, locateWorker } from './worker-engine'
import { indexFilePath } from './index-persist'
import { openCacheEpoch } from '../core/store/open-cache'
import { CACHE_DIR } from '../core/store/names'
import { join } from 'node:path'

export type EngineMode = 'auto' | 'worker' | 'inline'

export function engineMode(env: NodeJS.ProcessEnv = process.env): EngineMode {
  const v = env.AID_SEARCH_ENGINE
  return v === 'worker' || v === 'inline' ? v : 'auto'
}

/**
 * Starts the search worker before the archive at dir is open, loading the saved index the
 * open cache points to, where the engine will run in a worker and such an index exists.
 */
export function prestartSearch(dir: string, mode: EngineMode = engineMode()): Prestart | null {
  const loc = mode === 'inline' ? null : locateWorker()
  if (!loc || (mode === 'auto' && !loc.built && process.env.VITEST)) return null
  const epoch = openCacheEpoch(dir)
  return epoch ? new Prestart(loc, indexFilePath(join(dir, CACHE_DIR)), epoch) : null
}

export function createSearchEngine(store: ArchiveReader, opts: { mode?: EngineMode; understanding?: boolean; prestart?: Prestart | null } = {}): SearchEngine & { kind: 'worker' | 'inline' } {
  const mode = opts.mode ?? engineMode()
  if (mode !== 'worker' && mode !== 'auto') opts.prestart?.close()
  if (mode === 'inline') return new InlineEngine(store, 'requested', opts.understanding ?? true)
  const loc = locateWorker()
  if (!loc) {
    if (mode === 'worker') throw new Error('search worker not found (no searchWorker.js beside the bundle, and no tsx to run worker.ts)')
    return new InlineEngine(store, 'no worker script found')
  }
  if (mode === 'auto' && !loc.built && process.env.VITEST)
    return new InlineEngine(store, 'under vitest the TypeScript worker is not started unless AID_SEARCH_ENGINE=worker')
  return new WorkerEngine(store, loc, undefined, opts.prestart ?? null)
}
