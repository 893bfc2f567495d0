// When the archive cannot be opened, say what and where, and never write anything:
// a damaged archive.json is left as it is, and the user is pointed at the backups.
import { join } from 'node:path'
import { ApiError } from '../../shared/errors'
import { formatError } from '../../shared/i18n/format'
import type { HostStrings } from './locale'

export interface OpenFailureDialog {
  title: string
  message: string
  detail: string
  /** Buttons in order; the first is the default. */
  buttons: string[]
  /** Set when the first button opens the backups folder. */
  backupsDir: string | null
}

export function describeOpenFailure(err: unknown, archiveDir: string, t: HostStrings): OpenFailureDialog {
  const e = ApiError.from(err)
  if (e.code === 'archive_damaged') {
    const d = (e.details ?? {}) as { file?: unknown; problem?: unknown }
    const file = typeof d.file === 'string' ? d.file : join(archiveDir, 'archive.json')
    const problem = formatError(t.locale, e)
    const backupsDir = join(archiveDir, 'backups')
    return {
      title: t.damagedTitle,
      message: t.damagedMessage(file),
      detail: t.damagedDetail(problem, backupsDir),
      buttons: [t.damagedOpenBackups, t.quit],
      backupsDir,
    }
  }
  if (e.code === 'archive_locked') {
    return { title: t.lockedTitle, message: t.lockedMessage, detail: formatError(t.locale, e), buttons: [t.quit], backupsDir: null }
  }
  return { title: t.openFailedTitle, message: t.openFailedMessage(archiveDir), detail: formatError(t.locale, e), buttons: [t.quit], backupsDir: null }
}
