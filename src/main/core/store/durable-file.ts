// A lowdb adapter that writes the way an archive must be written: compact JSON,
// temp file + fsync + rename + fsync of the folder, and coalesced, so that a burst of
// write() calls costs one serialisation. write() resolves only once the data it was
// given (or newer data) is on disk. lowdb's own JSONFile (steno) does no fsync and
// re-stringifies with indentation on every call.
import { open, rename, readFile, unlink } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'
import type { Adapter } from 'lowdb'

export class DurableJsonFile<T> implements Adapter<T> {
  private pending: T | undefined
  private hasPending = false
  private running: Promise<void> | null = null
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = []
  /** Counts serialisations, so tests can see that a burst was coalesced. */
  serialisations = 0

  constructor(
    readonly file: string,
    /** A string, or chunks: a large document is written piece by piece so the event loop keeps turning. */
    private readonly serialise: (data: T) => string | Iterable<string> = (d) => JSON.stringify(d),
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
    return JSON.parse(text) as T
  }

  write(data: T): Promise<void> {
    this.pending = data
    this.hasPending = true
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }))
    if (!this.running) this.running = this.drain()
    return done
  }

  /** Writes the newest pending data until none is left; each waiter is settled by the first write that began after it asked. */
  private async drain(): Promise<void> {
    while (this.hasPending) {
      const data = this.pending as T
      const batch = this.waiters
      this.waiters = []
      this.hasPending = false
      this.pending = undefined
      try {
        await writeAtomic(this.file, this.serialise(data))
        this.serialisations++
        for (const w of batch) w.resolve()
      } catch (e) {
        for (const w of batch) w.reject(e)
      }
    }
    this.running = null
  }
}

/** temp file in the same folder → write → fsync → rename over → fsync the folder. */
export async function writeAtomic(file: string, content: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`)
  const fh = await open(tmp, 'w', 0o644)
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) await fh.writeFile(content)
    else for (const chunk of content) await (typeof chunk === 'string' ? fh.write(chunk) : fh.write(chunk))
    await fh.sync()
  } catch (e) {
    await fh.close().catch(() => {})
    await unlink(tmp).catch(() => {})
    throw e
  }
  await fh.close()
  await rename(tmp, file)
  await fsyncDir(dirname(file))
}

export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is durable enough there.
  if (process.platform === 'win32') return
  const dh = await open(dir, 'r')
  try {
    await dh.sync()
  } finally {
    await dh.close()
  }
}
