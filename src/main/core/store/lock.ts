// One writer per archive: archive.lock holds the writer's pid. A lock left by a process
// that no longer runs (a crash) is taken over; a live one refuses with archive_locked.
import { open, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError } from '../../../shared/errors'

const LOCK = 'archive.lock'

function alive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export async function acquireLock(dir: string): Promise<void> {
  const file = join(dir, LOCK)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx')
      await fh.writeFile(String(process.pid))
      await fh.close()
      return
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ApiError('io_error', 'io.failed', { file, detail: (e as Error).message })
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim())
      if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && alive(pid))) {
        throw new ApiError('archive_locked', 'archive.locked', { dir, pid }, { details: { pid } })
      }
      await unlink(file).catch(() => {})
    }
  }
  throw new ApiError('archive_locked', 'archive.lock_failed', { dir })
}

export async function releaseLock(dir: string): Promise<void> {
  const file = join(dir, LOCK)
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim())
  if (pid === process.pid) await unlink(file).catch(() => {})
}
