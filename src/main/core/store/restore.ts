// Bringing a damaged archive back: `aid-archive restore`, and the Electron dialog's
// "从备份恢复". Nothing is deleted: the damaged archive.json and journal.jsonl are moved
// into damaged-<time>/ inside the archive, and what is restored is
//   the newest good copy — archive.json itself if it still reads (only the journal was
//   damaged), else the newest backup that validates (or the one named), else, when no copy
//   reads but the journal goes back to seq 1, the empty archive —
//   + the journal entries after that copy, in order, up to the first one that is bad or
//   would not apply (an item created twice, changed before it exists).
// A bad line older than the copy (followed by entries the copy already holds) is left out
// without stopping: the copy holds what it did. The new journal keeps the good history
// before the copy and the entries replayed, byte for byte, so undo and the audit trail go on.
import { copyFile, link, mkdir, readFile, readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { ArchiveDocument } from '../../../shared/domain'
import { ApiError, type ApiErrorShape } from '../../../shared/errors'
import { ARCHIVE_FILE, ArchiveStore, BACKUPS_DIR, JOURNAL_FILE, backupReason, backupTime, emptyDocument, headSeq, readDocument, serialiseDocument } from './archive-store'
import { fsyncDir, writeAtomic } from './durable-file'
import { KEYED, replayConflict, surveyJournal, type JournalSurvey, type SurveyLine } from './journal'
import { acquireLock } from './lock'

export interface BackupInfo {
  name: string
  /** When it was taken (from its name; else the file's time), ISO. */
  time: string
  /** Why: open, pre-migrate-v1, records.bulkDelete… */
  reason: string
  size: number
  /** The journal seq it holds, read from the head of the file; null if unreadable. */
  seq: number | null
  /** Record count, for copies small enough to parse in a moment; else null. */
  records: number | null
}

/** Backups up to this size are parsed for their record count. */
const CHEAP_PARSE_BYTES = 8 * 1024 * 1024

const isBackupName = (n: string) => n.startsWith('archive-') && n.endsWith('.json')

/** The backups, newest first. Reads each one's head (seq) and, when small, counts its records. */
export async function listBackups(dir: string): Promise<BackupInfo[]> {
  const bdir = join(dir, BACKUPS_DIR)
  const names = (await readdir(bdir).catch(() => [] as string[])).filter(isBackupName).sort().reverse()
  const out: BackupInfo[] = []
  for (const name of names) {
    const file = join(bdir, name)
    const st = await stat(file).catch(() => null)
    if (!st?.isFile()) continue
    const seq = await headSeq(file)
    let records: number | null = null
    if (st.size <= CHEAP_PARSE_BYTES) {
      try {
        const doc = JSON.parse(await readFile(file, 'utf8')) as { records?: unknown }
        if (Array.isArray(doc.records)) records = doc.records.length
      } catch {
        /* damaged: no count */
      }
    }
    out.push({ name, time: (backupTime(name) ?? st.mtime).toISOString(), reason: backupReason(name), size: st.size, seq, records })
  }
  return out
}

export type RestoreSourceKind = 'current' | 'backup' | 'journal'

export interface RestoreReport {
  /** Where the damaged archive.json and journal.jsonl now are (inside the archive folder). */
  damagedDir: string
  moved: string[]
  /** What the archive was restored from: archive.json as it was, a backup, or the journal alone (from the empty archive). */
  source: { kind: RestoreSourceKind; name: string; seq: number; time: string | null }
  /** Copies tried first that could not be used, newest first, with why. */
  skipped: { name: string; error: ApiErrorShape }[]
  /** Journal entries applied after the source. */
  replayed: number
  /** The last change kept: its seq and time. */
  keptSeq: number
  keptAt: string | null
  /** Journal entries not replayed: from the line where the replay stopped to the end. */
  lost: number
  stoppedAt: { line: number; detail: string } | null
  /** Unreadable lines older than the source, left out (the source already holds what they did). */
  dropped: number
  /** Records in the restored archive. */
  records: number
}

export interface RestoreOptions {
  /** A backup's file name (as `aid-archive backups` lists it): restore from that one only. */
  from?: string
  now?: Date
}

interface Candidate {
  kind: RestoreSourceKind
  name: string
  file: string
}

async function candidatesFor(dir: string, from: string | undefined): Promise<Candidate[]> {
  const bdir = join(dir, BACKUPS_DIR)
  if (from !== undefined) {
    const ok = from === basename(from) && from !== '..' && from !== '.' && (await stat(join(bdir, from)).catch(() => null))?.isFile()
    if (!ok) throw new ApiError('not_found', 'archive.backup_not_found', { name: from }, { field: 'from' })
    return [{ kind: 'backup', name: from, file: join(bdir, from) }]
  }
  const names = (await readdir(bdir).catch(() => [] as string[])).filter(isBackupName).sort().reverse()
  return [{ kind: 'current', name: ARCHIVE_FILE, file: join(dir, ARCHIVE_FILE) }, ...names.map((n): Candidate => ({ kind: 'backup', name: n, file: join(bdir, n) }))]
}

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`

interface Plan {
  kept: SurveyLine[]
  replayed: number
  keptSeq: number
  keptAt: string | null
  lost: number
  stoppedAt: RestoreReport['stoppedAt']
  dropped: number
}

/** Which journal lines go with this copy (see the head of the file). */
function planReplay(doc: ArchiveDocument, survey: JournalSurvey): Plan {
  const present = new Set<string>()
  for (const c of KEYED) for (const item of doc[c]) present.add(keyOf(c, item.id))
  const lines = survey.lines
  // The last line the copy already holds: bad lines before it are history, not a stop.
  let lastPast = -1
  lines.forEach((l, i) => {
    if (l.header && l.header.seq <= doc.seq) lastPast = i
  })
  const p: Plan = { kept: [], replayed: 0, keptSeq: doc.seq, keptAt: null, lost: 0, stoppedAt: null, dropped: 0 }
  for (const [i, l] of lines.entries()) {
    if (l.problem !== undefined) {
      if (i < lastPast) {
        p.dropped++
        continue
      }
      p.stoppedAt = { line: l.no, detail: l.problem }
    } else if (l.entry) {
      const conflict = replayConflict(l.entry, (c, id) => present.has(keyOf(c, id)))
      if (conflict) p.stoppedAt = { line: l.no, detail: conflict }
      else {
        for (const c of l.entry.changes) {
          if (c.coll === 'settings' || c.coll === 'counters') continue
          if (c.after === null) present.delete(keyOf(c.coll, c.id))
          else present.add(keyOf(c.coll, c.id))
        }
        p.replayed++
        p.keptSeq = l.entry.seq
        p.keptAt = l.entry.at
      }
    } else if (l.header!.seq === doc.seq) p.keptAt = l.header!.at
    if (p.stoppedAt) {
      p.lost = lines.length - i
      break
    }
    p.kept.push(l)
  }
  return p
}

async function exists(file: string): Promise<boolean> {
  return !!(await stat(file).catch(() => null))
}

/**
 * Restores the archive in dir (see the head of the file). Holds the write lock throughout;
 * refuses, having changed nothing, if no copy can be used.
 */
export async function restoreArchive(dir: string, opts: RestoreOptions = {}): Promise<RestoreReport> {
  const lock = await acquireLock(dir)
  try {
    const journalFile = join(dir, JOURNAL_FILE)
    const skipped: RestoreReport['skipped'] = []
    let chosen: { c: Candidate; doc: ArchiveDocument } | null = null
    for (const c of await candidatesFor(dir, opts.from)) {
      try {
        const read = await readDocument(c.file)
        if (read) {
          chosen = { c, doc: read.doc }
          break
        }
      } catch (e) {
        const err = ApiError.from(e)
        // A named backup that is damaged, or a disk that refuses, is the answer itself.
        if (opts.from !== undefined || err.code !== 'archive_damaged') throw err
        skipped.push({ name: c.name, error: err.toJSON() })
      }
    }
    let survey: JournalSurvey
    if (chosen) survey = await surveyJournal(journalFile, chosen.doc.seq)
    else {
      // No copy reads: the journal alone rebuilds the archive if it starts at the start.
      survey = await surveyJournal(journalFile, 0)
      if (survey.lines[0]?.header?.seq !== 1) throw new ApiError('archive_damaged', 'archive.no_good_copy', { dir }, { details: { skipped } })
      chosen = { c: { kind: 'journal', name: JOURNAL_FILE, file: journalFile }, doc: emptyDocument() }
    }
    const plan = planReplay(chosen.doc, survey)

    // Aside first (hard links: instant, and the originals stay whole), then each file
    // replaced atomically: at no moment is the folder without an archive.json.
    const now = opts.now ?? new Date()
    const base = join(dir, `damaged-${now.toISOString().replace(/[:.]/g, '-')}`)
    let damagedDir = base
    for (let n = 2; await exists(damagedDir); n++) damagedDir = `${base}-${n}`
    await mkdir(damagedDir)
    const moved: string[] = []
    for (const f of [ARCHIVE_FILE, JOURNAL_FILE]) {
      const src = join(dir, f)
      if (!(await exists(src))) continue
      await link(src, join(damagedDir, f)).catch(() => copyFile(src, join(damagedDir, f)))
      moved.push(f)
    }
    await fsyncDir(damagedDir)
    // The journal first: a crash between the two leaves the old archive.json with a journal
    // that opens or fails as before, never a new snapshot with the old damaged journal.
    if (survey.buf || plan.kept.length) await writeAtomic(journalFile, Buffer.concat(plan.kept.map((l) => survey.buf!.subarray(l.start, l.end))))
    await writeAtomic(join(dir, ARCHIVE_FILE), serialiseDocument(chosen.doc))

    // Opened as any open would: proof that the restored archive reads, and its count.
    const check = await ArchiveStore.open(dir, { readOnly: true })
    const records = check.records.size
    await check.close()

    const time =
      chosen.c.kind === 'backup'
        ? (backupTime(chosen.c.name) ?? (await stat(chosen.c.file)).mtime).toISOString()
        : chosen.c.kind === 'current'
          ? (await stat(join(damagedDir, ARCHIVE_FILE)).catch(() => null))?.mtime.toISOString() ?? null
          : null
    return {
      damagedDir,
      moved,
      source: { kind: chosen.c.kind, name: chosen.c.name, seq: chosen.doc.seq, time },
      skipped,
      replayed: plan.replayed,
      keptSeq: plan.keptSeq,
      keptAt: plan.keptAt,
      lost: plan.lost,
      stoppedAt: plan.stoppedAt,
      dropped: plan.dropped,
      records,
    }
  } finally {
    await lock.release()
  }
}
