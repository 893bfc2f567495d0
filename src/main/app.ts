// The composition root: the one place that knows every area. It opens the store, makes the
// service (kernel, search), and fills the service's handler table from the areas; hosts
// (Electron, the browser host, the CLI) import only this. Who may import whom is written
// in src/main/imports.test.ts and kept by it.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { ArchiveService, type Handlers, type ServiceOptions } from './core/service'
import { ArchiveStore, type OpenOptions } from './core/store/archive-store'
import { createSearchEngine } from './search/create'
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
  const store = await ArchiveStore.open(dir, opts)
  const svc = new ArchiveService(store, { ...opts, search: opts.search ?? ((s) => createSearchEngine(s)) })
  svc.handlers = wire(svc, opts)
  try {
    await svc.ready()
  } catch (e) {
    await store.close()
    throw e
  }
  return svc
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
