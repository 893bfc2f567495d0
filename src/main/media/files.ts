// The content-addressed file store: files/ab/<sha256>. Originals are written once and
// never modified; media is always resolved from a record id, never from a caller's path.
import { createHash } from 'node:crypto'
import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileRef } from '../../shared/domain'
import { writeAtomic } from '../core/store/durable-file'

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export function filePath(archiveDir: string, hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad hash')
  return join(archiveDir, 'files', hash.slice(0, 2), hash)
}

/** Stores bytes under their hash (no-op if already present) and returns the reference. */
export async function putFile(archiveDir: string, data: Uint8Array, name: string, mime: string, placeholder = false): Promise<FileRef> {
  const hash = sha256(data)
  const path = filePath(archiveDir, hash)
  const exists = await stat(path).then(
    (s) => s.size === data.length,
    () => false,
  )
  if (!exists) {
    await mkdir(join(archiveDir, 'files', hash.slice(0, 2)), { recursive: true })
    await writeAtomic(path, data)
  }
  return { sha256: hash, name, mime, size: data.length, placeholder }
}
