// The composition root: the one place that knows every area. It opens the store, makes the
// service (kernel, search), and fills the service's handler table from the areas; hosts
// (Electron, the browser host, the CLI) import only this. Who may import whom is written
// in src/main/imports.test.ts and kept by it.
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { OpenProgress, OpenStatus } from '../shared/api'
import { ApiError } from '../shared/errors'
import { ArchiveService, type Handlers, type ServiceOptions } from './core/service'
import { ArchiveStore, type OpenOptions } from './core/store/archive-store'
import { createSearchEngine, prestartSearch } from './search/create'
import { LazyEngine } from './search/lazy-engine'
import { settleYoungHeap } from './core/settle-heap'
import { demoData, writeDemoFiles } from './demo'
import { archiveHandlers } from './areas/archive/handlers'
import { recordsHandlers } from './areas/records/handlers'
import { tagsHandlers } from './areas/tags/handlers'
import { linksHandlers } from './areas/links/handlers'
import { interchangeHandlers } from './areas/interchange/handlers'
import { importData } from './areas/interchange/json-interchange'
import { relationsHandlers } from './areas/relations/handlers'
import { intakeHandlers } from './areas/intake/handlers'
import { exportHandlers } from './areas/export/handlers'
import { exchangeHandlers } from './areas/exchange/handlers'

export { dispatch } from './core/dispatch'
export { ArchiveService } from './core/service'
// For an archive that will not open (so not through dispatch): backups, restore, unlock.
export { listBackups, restoreArchive, type BackupInfo, type RestoreReport } from './core/store/restore'
export { unlockArchive, type UnlockResult } from './core/store/lock'

export interface OpenArchiveOptions extends OpenOptions, Partial<ServiceOptions> {
  /** The demo archive's data; defaults to the one built from the seed (resources/demo). */
  demo?: () => Promise<unknown>
  demoFiles?: (archiveDir: string, data: unknown) => Promise<unknown>
  /**
   * Told each phase as the open reaches it (and, where a phase can measure itself, how far
   * it is): hosts show it instead of a blank window. Never told a phase before one it passed.
   */
  onProgress?: (p: OpenProgress) => void
  /** End-to-end tests only: the open first waits this long (see slowOpenForTests). */
  slowOpenForTestsMs?: number
  /**
   * The search index starts with the first query (LazyEngine) instead of loading while the
   * archive is read: for a CLI command that may never search.
   */
  searchOnDemand?: boolean
  /**
   * A one-shot call (the CLI): the search index is not warmed up once the archive is open;
   * a host that stays open warms it while idle, so that the first queries meet compiled code.
   */
  oneShot?: boolean
}

/** Every area's handlers in one table; the type fails to compile if a method has none. */
export function wire(svc: ArchiveService, opts: Pick<OpenArchiveOptions, 'demo' | 'demoFiles'> = {}): Handlers {
  const demo = opts.demo ?? demoData
  const demoFiles = opts.demoFiles ?? writeDemoFiles
  const loadDemo = async () => {
    const data = await demoFiles(svc.store.dir, await demo())
    await importData(svc, data, 'archive.loadDemo')
  }
  return {
    ...archiveHandlers(svc, loadDemo),
    ...recordsHandlers(svc),
    ...tagsHandlers(svc),
    ...linksHandlers(svc),
    ...interchangeHandlers(svc),
    ...relationsHandlers(svc),
    ...intakeHandlers(svc),
    ...exportHandlers(svc),
    ...exchangeHandlers(svc),
  }
}

/** The one way every host gets a ready service for an archive folder. */
export async function openArchive(dir: string, opts: OpenArchiveOptions = {}): Promise<ArchiveService> {
  const progress = forwardOnly(opts.onProgress)
  // Taking the lock is quick; reading archive.json is what takes time. The store is handed
  // the same (forward-only) reporter, to tell finer phases or bytes read where it can.
  progress({ phase: 'archive' })
  if (opts.slowOpenForTestsMs) await slowOpen(opts.slowOpenForTestsMs, progress)
  const storeOpts: OpenArchiveOptions = { ...opts, onProgress: progress }
  // The saved search index loads in its worker while the store parses the archive.
  const prestart = opts.search || opts.searchOnDemand ? null : prestartSearch(dir)
  let store: ArchiveStore
  try {
    store = await ArchiveStore.open(dir, storeOpts)
  } catch (e) {
    prestart?.close()
    throw e
  }
  const svc = new ArchiveService(store, {
    ...opts,
    search: opts.search ?? ((s) => (opts.searchOnDemand ? new LazyEngine(() => createSearchEngine(s)) : createSearchEngine(s, { prestart }))),
  })
  svc.handlers = wire(svc, opts)
  progress({ phase: 'search' })
  try {
    await svc.ready()
    if (!opts.oneShot) svc.search.warmUp?.()
  } catch (e) {
    await store.close()
    throw e
  }
  progress({ phase: 'ready' })
  return svc
}

const PHASES: readonly OpenProgress['phase'][] = ['lock', 'archive', 'journal', 'search', 'ready']

/** Drops a phase reported after a later one (the store and this file both report), and a listener's throw. */
function forwardOnly(listener?: (p: OpenProgress) => void): (p: OpenProgress) => void {
  let at = -1
  return (p) => {
    const i = PHASES.indexOf(p.phase)
    if (!listener || i < at) return
    at = i
    try {
      listener(p)
    } catch {
      // A host's display must not break the open.
    }
  }
}

/**
 * AID_ARCHIVE_TEST_SLOW_OPEN_MS, for end-to-end tests of the progress screen: a real archive
 * opens too fast to be seen. Never set by the app; 0 when absent or not a number (max 60 s).
 */
export function slowOpenForTests(env: Record<string, string | undefined>): number {
  const ms = Number(env.AID_ARCHIVE_TEST_SLOW_OPEN_MS)
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0
}

/** Waits ms, telling the wait as the archive phase's progress (so the tests see a bar move). */
async function slowOpen(ms: number, progress: (p: OpenProgress) => void): Promise<void> {
  const start = Date.now()
  for (let done = 0; done < ms; done = Date.now() - start) {
    progress({ phase: 'archive', done, total: ms })
    await new Promise((r) => setTimeout(r, Math.min(100, ms - done)))
  }
}

/** An open under way, for hosts that answer before it ends (the browser host, Electron). */
export interface ArchiveOpening {
  /** Where the open is now; carries the error once it failed. */
  status(): OpenStatus
  /** The service once open; rejects with the open's error. */
  readonly service: Promise<ArchiveService>
  /** The service, waiting at most ms for the open: then archive_opening (or the open's error). */
  whenOpen(ms: number): Promise<ArchiveService>
}

/** Records from which a host's open ends by settling the young heap (see settle-heap.ts); below, there is little to move. */
const SETTLE_HEAP_FROM = 20_000

/** Starts openArchive and keeps its latest progress, so a host can answer "how far" at any time. */
export function startOpening(dir: string, opts: OpenArchiveOptions = {}): ArchiveOpening {
  let status: OpenStatus = { phase: 'lock' }
  const service = openArchive(dir, {
    ...opts,
    onProgress: (p) => {
      status = { ...p }
      opts.onProgress?.(p)
    },
  }).then(
    (svc) => {
      if (svc.store.records.size >= SETTLE_HEAP_FROM) settleYoungHeap()
      status = { phase: 'ready' }
      return svc
    },
    (e: unknown) => {
      status = { phase: status.phase, error: ApiError.from(e).toJSON() }
      throw e
    },
  )
  // Hosts may never ask for the service (a window closed at once); the failure is in status.
  service.catch(() => undefined)
  return {
    status: () => status,
    service,
    whenOpen(ms) {
      if (status.phase === 'ready' || status.error) return service
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ApiError('archive_opening', 'archive.opening', { seconds: Math.round(ms / 1000) })), ms)
      })
      return Promise.race([service, late]).finally(() => clearTimeout(timer))
    },
  }
}

/** The platform's user data folder, as Electron's app.getPath('userData') would give. */
export function defaultArchiveDir(): string {
  const home = homedir()
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'))
  return join(base, 'aid-archive', 'archive')
}

/** --archive DIR, else AID_ARCHIVE_DIR, else the user data folder. */
export function resolveArchiveDir(flag?: string): string {
  return flag || process.env.AID_ARCHIVE_DIR || defaultArchiveDir()
}
