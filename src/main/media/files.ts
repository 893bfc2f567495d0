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

/**
 * Streams a file from disk into the store: hash and copy in one pass, so a large original
 * is never held in memory whole. The temp copy is renamed under its hash only once the
 * hash is known; an existing copy wins (no-op).
 */
export async function putFileFromPath(archiveDir: string, src: string, name: string, mime: string): Promise<FileRef> {
  const { createReadStream } = await import('node:fs')
  const { open, rename, unlink } = await import('node:fs/promises')
  const filesDir = join(archiveDir, 'files')
  await mkdir(filesDir, { recursive: true })
  const tmp = join(filesDir, `.in-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`)
  const fh = await open(tmp, 'w', 0o644)
  const h = createHash('sha256')
  let size = 0
  try {
    for await (const chunk of createReadStream(src, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer
      h.update(buf)
      size += buf.length
      await fh.write(buf)
    }
    await fh.sync()
  } catch (e) {
    await fh.close().catch(() => {})
    await unlink(tmp).catch(() => {})
    throw e
  }
  await fh.close()
  const hash = h.digest('hex')
  const path = filePath(archiveDir, hash)
  const exists = await stat(path).then((s) => s.size === size, () => false)
  if (exists) await unlink(tmp)
  else {
    await mkdir(join(filesDir, hash.slice(0, 2)), { recursive: true })
    await rename(tmp, path)
  }
  return { sha256: hash, name, mime, size, placeholder: false }
}

/**
 * Writes bytes (already hashed) to a temp file in files/ and fsyncs it, without making it
 * part of the store: `keep()` renames it under its hash, `drop()` removes it. Lets the
 * copy overlap the decode that decides whether the file is kept at all.
 */
export async function stageFile(archiveDir: string, data: Uint8Array, hash: string): Promise<{ keep: () => Promise<void>; drop: () => Promise<void> }> {
  const { open, rename, unlink } = await import('node:fs/promises')
  const path = filePath(archiveDir, hash)
  const exists = await stat(path).then((s) => s.size === data.length, () => false)
  if (exists) return { keep: async () => {}, drop: async () => {} }
  await mkdir(join(archiveDir, 'files', hash.slice(0, 2)), { recursive: true })
  const tmp = join(archiveDir, 'files', `.in-${hash}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`)
  const fh = await open(tmp, 'w', 0o644)
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
  return { keep: () => rename(tmp, path), drop: () => unlink(tmp).catch(() => {}) }
}
