// What this workstation remembers of its exchanges, beside the archive (exchange/*.json):
// per destination, how far it has packed; per sync server, the last change read and what
// the server holds. It is not part of the archive (it does not travel, nothing merges it),
// and losing it costs only a larger next package or a longer next sync.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { VersionVector } from '../../../shared/domain'

export interface DestinationState {
  /** Every replica's clock this destination has been sent up to. */
  frontier: VersionVector
  at: string
  items: number
}
export interface SyncState {
  since: string
  at: string
  /** Per item key: the server's winning revision and the leaf it holds (canonical), for the push. */
  server: Record<string, { rev: string; sig: string; others?: string[] }>
}
interface ExchangeState {
  destinations: Record<string, DestinationState>
  syncs: Record<string, SyncState>
  /** Names of the archives met in packages, by replica id (for the conflict view). */
  names: Record<string, string>
}

const FILE = 'exchange/state.json'

/**
 * The state of one open archive, read from disk once and kept: only this process writes it
 * (the archive's lock keeps any other writer out), so the sidebar's exchange.info, asked
 * after every change, costs no file read.
 */
export class ExchangeStateFile {
  private loaded: Promise<ExchangeState> | null = null

  constructor(private readonly dir: string) {}

  get(): Promise<ExchangeState> {
    return (this.loaded ??= read(this.dir))
  }

  async save(): Promise<void> {
    const s = await this.get()
    await mkdir(join(this.dir, 'exchange'), { recursive: true })
    const tmp = join(this.dir, `${FILE}.tmp`)
    await writeFile(tmp, JSON.stringify(s))
    await rename(tmp, join(this.dir, FILE))
  }
}

async function read(dir: string): Promise<ExchangeState> {
  try {
    const got = JSON.parse(await readFile(join(dir, FILE), 'utf8')) as Partial<ExchangeState>
    return { destinations: got.destinations ?? {}, syncs: got.syncs ?? {}, names: got.names ?? {} }
  } catch {
    return { destinations: {}, syncs: {}, names: {} }
  }
}
