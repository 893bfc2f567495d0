// When the archive cannot be opened, say what and where, and never write anything on
// our own: a damaged archive.json is left as it is. The user may open the backups folder,
// or restore (the core's restore: damaged files moved aside, the newest good copy and the
// journal put back), after which the archive opens.
import { join } from 'node:path'
import type { RestoreReport } from '../app'
import { ApiError } from '../../shared/errors'
import { formatError } from '../../shared/i18n/format'
import type { HostStrings } from './locale'

export type OpenFailureAction = 'openBackups' | 'restore' | 'quit'

export interface OpenFailureDialog {
  title: string
  message: string
  detail: string
  /** Buttons in order; the first is the default (it changes nothing). */
  buttons: string[]
  /** What each button does, in the same order. */
  actions: OpenFailureAction[]
  /** Set when a button opens the backups folder. */
  backupsDir: string | null
}

export function describeOpenFailure(err: unknown, archiveDir: string, t: HostStrings, opts: { offerRestore?: boolean } = {}): OpenFailureDialog {
  const e = ApiError.from(err)
  if (e.code === 'archive_damaged') {
    const d = (e.details ?? {}) as { file?: unknown; problem?: unknown }
    const file = typeof d.file === 'string' ? d.file : join(archiveDir, 'archive.json')
    const problem = formatError(t.locale, e)
    const backupsDir = join(archiveDir, 'backups')
    const restore = opts.offerRestore ?? true
    return {
      title: t.damagedTitle,
      message: t.damagedMessage(file),
      detail: t.damagedDetail(problem, backupsDir),
      buttons: restore ? [t.damagedOpenBackups, t.damagedRestore, t.quit] : [t.damagedOpenBackups, t.quit],
      actions: restore ? ['openBackups', 'restore', 'quit'] : ['openBackups', 'quit'],
      backupsDir,
    }
  }
  if (e.code === 'archive_locked') {
    return { title: t.lockedTitle, message: t.lockedMessage, detail: formatError(t.locale, e), buttons: [t.quit], actions: ['quit'], backupsDir: null }
  }
  return { title: t.openFailedTitle, message: t.openFailedMessage(archiveDir), detail: formatError(t.locale, e), buttons: [t.quit], actions: ['quit'], backupsDir: null }
}

/** "2026-03-18 09:30" in local time. */
function localTime(iso: string | null): string {
  const d = iso ? new Date(iso) : null
  if (!d || Number.isNaN(d.getTime())) return '—'
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The dialog after a restore: what it came from, what was kept and lost, where the damaged files are. */
export function describeRestored(r: RestoreReport, t: HostStrings): { title: string; message: string; detail: string } {
  return {
    title: t.restoredTitle,
    message: t.restoredFrom(r.source.kind, r.source.name, r.source.seq),
    detail: t.restoredDetail({ keptSeq: r.keptSeq, keptAt: localTime(r.keptAt ?? r.source.time), replayed: r.replayed, lost: r.lost, damagedDir: r.damagedDir }),
  }
}
