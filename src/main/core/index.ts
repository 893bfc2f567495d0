// openArchive: the one way every host gets a ready service for an archive folder.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { ArchiveService, type ServiceOptions } from './service'
import { ArchiveStore, type OpenOptions } from './store/archive-store'
import { createSearchEngine } from '../search/create'
import { demoData, writeDemoFiles } from '../demo'

export { dispatch } from './dispatch'
export { ArchiveService } from './service'
export { ArchiveStore } from './store/archive-store'

export interface OpenArchiveOptions extends OpenOptions, Partial<ServiceOptions> {}

export async function openArchive(dir: string, opts: OpenArchiveOptions = {}): Promise<ArchiveService> {
  const store = await ArchiveStore.open(dir, opts)
  const svc = new ArchiveService(store, {
    ...opts,
    search: opts.search ?? ((s) => createSearchEngine(s)),
    demo: opts.demo ?? demoData,
    demoFiles: opts.demoFiles ?? writeDemoFiles,
  })
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
