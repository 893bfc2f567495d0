// Backups of archive.json in backups/: taken on open, before a migration and before bulk
// changes; copies (not hard links, which would share any in-place damage), kept by count
// and by day.
import { constants } from 'node:fs'
import { copyFile, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_FILE } from './names'

/**
 * Backups kept: the newest BACKUPS_KEPT, and besides them the newest of each day for the last
 * BACKUP_DAYS days, so that a burst of opens or bulk edits cannot push every copy older than
 * an hour out of the folder (damage is often noticed days later).
 */
const BACKUPS_KEPT = 10
const BACKUP_DAYS = 30
export const BACKUPS_DIR = 'backups'
const BACKUP_NAME = /^archive-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(.*)\.json$/

/** When a backup was taken, from its name (archive-2026-01-02T03-04-05-678Z-open.json); null for a name not ours. */
export function backupTime(name: string): Date | null {
  const m = BACKUP_NAME.exec(name)
  if (!m) return null
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The reason a backup was taken (open, pre-migrate-v1, records.bulkDelete…), from its name. */
export function backupReason(name: string): string {
  return BACKUP_NAME.exec(name)?.[6] ?? ''
}

/**
 * Which backups to keep: the newest BACKUPS_KEPT, and the newest of each (UTC) day of the
 * last BACKUP_DAYS days. Names sort in time order (they start with an ISO time); a file
 * whose name is not one of ours was put there by someone else and is kept.
 */
export function backupsToKeep(names: string[], now: Date): Set<string> {
  const ours = names.filter((n) => backupTime(n)).sort()
  const keep = new Set([...names.filter((n) => !backupTime(n)), ...ours.slice(-BACKUPS_KEPT)])
  const oldest = now.getTime() - BACKUP_DAYS * 86_400_000
  const newestOfDay = new Map<string, string>()
  for (const n of ours) {
    const t = backupTime(n)!
    if (t.getTime() >= oldest) newestOfDay.set(t.toISOString().slice(0, 10), n)
  }
  for (const n of newestOfDay.values()) keep.add(n)
  return keep
}

/** The seq an archive.json holds, from its head (the document is written head first); null if unreadable. */
export async function headSeq(file: string): Promise<number | null> {
  let fh
  try {
    fh = await open(file, 'r')
    const buf = Buffer.alloc(4096)
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    const m = /"seq":(\d+)/.exec(buf.toString('utf8', 0, bytesRead))
    return m ? Number(m[1]) : null
  } catch {
    return null
  } finally {
    await fh?.close()
  }
}

/**
 * Copies archive.json into backups/ and prunes (see backupsToKeep). A copy, not a hard
 * link: a link shares the file's blocks, so whatever damages archive.json in place (an
 * editor, a sync tool, a bad sector) would damage its backup with it. The copy is made
 * beside its final name and renamed into place, so a backup is always whole. If the newest
 * backup already is this version (same seq and size: archive.json is only ever replaced
 * whole, by the store), no new one is made.
 */
export async function backup(dir: string, reason: string, now = new Date()): Promise<string | null> {
  const src = join(dir, ARCHIVE_FILE)
  const cur = await stat(src).catch(() => null)
  if (!cur) return null
  const bdir = join(dir, BACKUPS_DIR)
  await mkdir(bdir, { recursive: true })
  const ours = (await readdir(bdir)).filter((f) => backupTime(f)).sort()
  const newest = ours[ours.length - 1]
  if (newest) {
    const b = await stat(join(bdir, newest)).catch(() => null)
    const seq = await headSeq(src)
    if (b?.size === cur.size && seq !== null && (await headSeq(join(bdir, newest))) === seq) return newest
  }
  const name = `archive-${now.toISOString().replace(/[:.]/g, '-')}-${reason.replace(/[^\w.-]/g, '-')}.json`
  const tmp = join(bdir, `.${name}.tmp`)
  try {
    // A copy-on-write clone where the file system has them (instant), else a plain copy.
    await copyFile(src, tmp, constants.COPYFILE_FICLONE)
    const fh = await open(tmp, 'r+')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, join(bdir, name))
  } catch (e) {
    await unlink(tmp).catch(() => {})
    throw e
  }
  const keep = backupsToKeep([...ours, name], now)
  for (const old of ours) if (!keep.has(old)) await unlink(join(bdir, old)).catch(() => {})
  return name
}
