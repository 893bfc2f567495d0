// 打开 and 在文件夹中显示 for a record's original, in Electron. The renderer names a record
// id and a sha256, never a path; the core finds the stored file (resolveAttachment), and
// the desktop is handed a read-only copy under the file's own name in a temp folder: the
// stored copy has no name or extension (the desktop could not pick a program for it), and
// a program that saves in place must never change the archive's original.
import { chmod, copyFile, mkdir, rename, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMain } from 'electron'
import { FILE_ACTIONS, IPC_FILE_CHANNEL, type Envelope, type FileAction } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import type { ArchiveService } from '../core/service'
import type { ArchiveReader } from '../core/store/reader'
import { resolveAttachment } from '../media/attachment'
import { errorEnvelope } from './ipc'
import type { SenderLike } from './security'

export interface DesktopShell {
  /** Electron's shell.openPath: '' on success, else the desktop's error text. */
  openPath(path: string): Promise<string>
  showItemInFolder(path: string): void
}

export interface FileActionDeps {
  service: () => ArchiveService | null
  isTrusted: (event: SenderLike) => boolean
  shell: DesktopShell
  /** Where the named copies go (default: the system's temp folder). */
  tempDir?: string
}

/** A read-only copy of the original named as the user knows it: <temp>/aid-archive-files/<hash prefix>/<name>. */
export async function namedCopy(store: ArchiveReader, recordId: unknown, hash: unknown, tempDir: string = tmpdir()): Promise<string> {
  const f = await resolveAttachment(store, recordId, hash)
  const dir = join(tempDir, 'aid-archive-files', (hash as string).slice(0, 16))
  const target = join(dir, f.name)
  const have = await stat(target).catch(() => null)
  if (have?.isFile() && have.size === f.size) return target
  await mkdir(dir, { recursive: true })
  // Copied beside, then renamed: a half-written copy is never opened.
  const part = `${target}.${process.pid}.part`
  await copyFile(f.path, part)
  await chmod(part, 0o444)
  await rename(part, target)
  return target
}

export function createFileActionHandler(deps: FileActionDeps) {
  return async (event: SenderLike, action: unknown, recordId: unknown, hash: unknown): Promise<Envelope<null>> => {
    if (!deps.isTrusted(event)) return errorEnvelope(new ApiError('forbidden', 'host.unknown_sender'))
    const svc = deps.service()
    if (!svc) return errorEnvelope(new ApiError('io_error', 'host.closing'))
    try {
      if (!FILE_ACTIONS.includes(action as FileAction)) throw new ApiError('invalid_input', 'field.not_allowed', { options: FILE_ACTIONS.join(', ') }, { field: 'action' })
      const path = await namedCopy(svc.store, recordId, hash, deps.tempDir)
      if (action === 'reveal') deps.shell.showItemInFolder(path)
      else {
        const failed = await deps.shell.openPath(path)
        if (failed) throw new ApiError('io_error', 'file.open_failed', { detail: failed })
      }
      return { ok: true, result: null }
    } catch (e) {
      return errorEnvelope(e)
    }
  }
}

/** The registration app.ts makes once the archive is open. */
export function registerFileActions(ipc: Pick<IpcMain, 'handle'>, deps: FileActionDeps): void {
  const handler = createFileActionHandler(deps)
  ipc.handle(IPC_FILE_CHANNEL, (event, ...args: unknown[]) => handler(event, args[0], args[1], args[2]))
}
