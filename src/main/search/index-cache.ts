// What both engines need to keep the index as a derived cache beside the archive: where
// the file goes, which history it belongs to, and the last seq whose commit the engine
// has certainly been told about (a commit's seq is taken before its journal line is on
// disk, and the engine hears of it only after: saving at store.seq could claim a commit
// the index never saw).
import type { ArchiveReader } from '../core/store/reader'
import { indexFilePath } from './index-persist'

export type IndexSource = 'cache' | 'rebuilt'

export class IndexCache {
  /** The newest seq whose commit has reached the store's listeners (and so the engine). */
  committed: number
  private readonly off: () => void

  private constructor(private readonly store: ArchiveReader) {
    this.committed = store.seq
    this.off = store.onCommit((c) => {
      if (c.seq > this.committed) this.committed = c.seq
    })
  }

  /** The cache of this store, or null if it has none (a store without a folder for caches). */
  static of(store: ArchiveReader): IndexCache | null {
    return typeof store.cacheDir === 'string' && store.cacheDir && typeof store.touchedSince === 'function' ? new IndexCache(store) : null
  }

  get file(): string {
    return indexFilePath(this.store.cacheDir)
  }

  get epoch(): string {
    return this.store.cacheEpoch
  }

  /** A saved index of this history, not ahead of the store, and the records touched since it; null if it cannot be used. */
  async tail(meta: { epoch?: string; seq: number } | null): Promise<string[] | null> {
    return meta && this.fits(meta) ? this.store.touchedSince(meta.seq).catch(() => null) : null
  }

  /** Of this history (when the epoch is known) and not ahead of the store. */
  fits(meta: { epoch?: string; seq: number }): boolean {
    return (meta.epoch === undefined || meta.epoch === this.epoch) && meta.seq <= this.store.seq
  }

  /** Read-only opens (the CLI's reads) load a saved index but never write one. */
  get writable(): boolean {
    return !this.store.readOnly
  }

  /** Lets commits already on disk reach the engine (the kernel tells it a tick later). */
  settle(): Promise<void> {
    return new Promise((r) => setImmediate(r))
  }

  close(): void {
    this.off()
  }
}
