// aid-archive backups | restore | unlock: the commands for an archive that will not open.
// They work on the folder directly (not through dispatch, which needs an open archive);
// restore and unlock take or check the write lock themselves.
import type { Command, Option } from 'commander'
import type { ApiErrorShape } from '../../shared/errors'
import { formatError, type Locale } from '../../shared/i18n/format'
import { listBackups, resolveArchiveDir, restoreArchive, unlockArchive, type BackupInfo, type RestoreReport, type UnlockResult } from '../app'
import { cliLocale } from './locale'
import { safeJson, safeText } from './safe-text'

export interface BackupsCliDeps {
  out: (s: string) => void
  archiveOpt: () => Option
}

/** Local time to the second, as a clerk reads it. */
function when(iso: string | null): string {
  const d = iso ? new Date(iso) : null
  if (!d || Number.isNaN(d.getTime())) return '?'
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const REASONS: Record<Locale, Record<string, string>> = {
  'zh-CN': { open: '打开时', 'records.bulkDelete': '批量删除前', 'records.bulkUpdate': '批量修改前', 'io.importJson': '导入前', 'intake.catalogue': '导入目录前', 'archive.fix': '修复前' },
  en: { open: 'on open', 'records.bulkDelete': 'before bulk delete', 'records.bulkUpdate': 'before bulk edit', 'io.importJson': 'before import', 'intake.catalogue': 'before catalogue import', 'archive.fix': 'before repairs' },
}
function reasonWords(locale: Locale, reason: string): string {
  const v = /^pre-migrate-v(\d+)$/.exec(reason)?.[1]
  if (v) return locale === 'en' ? `before upgrading from v${v}` : `从第 ${v} 版升级前`
  return REASONS[locale][reason] ?? safeText(reason)
}

const entries = (n: number) => `${n} journal ${n === 1 ? 'entry' : 'entries'}`

// The CLI's own sentences; errors inside them come from the shared reason messages.
const WORDS = {
  'zh-CN': {
    none: (dir: string) => `${dir} 还没有备份。`,
    heading: (dir: string) => `${dir} 的备份（最新的在前）：`,
    line: (b: BackupInfo, l: Locale) =>
      [b.name, when(b.time), reasonWords(l, b.reason), size(b.size), b.seq === null ? '' : `第 ${b.seq} 步`, b.records === null ? '' : `${b.records} 条记录`].filter(Boolean).join('  '),
    moved: (dir: string, files: string[]) => `损坏的文件已移到一旁（保留，未删除）：${dir}${files.length ? `（${files.join('、')}）` : ''}`,
    skipped: (name: string, why: string) => `跳过 ${name}：${why}`,
    fromBackup: (name: string, seq: number, time: string) => `已从备份 ${name} 恢复（第 ${seq} 步，备份于 ${time}）。`,
    fromCurrent: (seq: number) => `以现有的 archive.json 为基础恢复（第 ${seq} 步；受损的只是日志）。`,
    fromJournal: () => '没有可读的副本：仅凭日志从头重建。',
    replayed: (n: number, seq: number, at: string) => (n ? `其后重放日志 ${n} 条，保留至第 ${seq} 步（${at}）。` : `其后没有要重放的日志；保留至第 ${seq} 步。`),
    lost: (n: number, line: number, detail: string) => `丢失：日志 ${n} 条，自 journal.jsonl 第 ${line} 行起（${detail}）。`,
    nothingLost: () => '没有丢失任何修改。',
    dropped: (n: number) => `另略去 ${n} 行无法读取的旧日志（所用副本已包含其内容）。`,
    records: (n: number) => `档案现有 ${n} 条记录。`,
    notLocked: () => '档案未被锁定。',
    clearedStale: (pid: number) => `已清除本机进程 ${pid} 遗留的锁（该进程已不在运行）。`,
    forced: (host: string, user: string, since: string) => `已解除计算机 ${host}（用户 ${user}，自 ${since} 起）的锁。请确认那台计算机上的援疆档案已经关闭。`,
  },
  en: {
    none: (dir: string) => `${dir} has no backups yet.`,
    heading: (dir: string) => `Backups of ${dir} (newest first):`,
    line: (b: BackupInfo, l: Locale) =>
      [b.name, when(b.time), reasonWords(l, b.reason), size(b.size), b.seq === null ? '' : `seq ${b.seq}`, b.records === null ? '' : `${b.records} records`].filter(Boolean).join('  '),
    moved: (dir: string, files: string[]) => `The damaged files were moved aside (kept, not deleted): ${dir}${files.length ? ` (${files.join(', ')})` : ''}`,
    skipped: (name: string, why: string) => `Skipped ${name}: ${why}`,
    fromBackup: (name: string, seq: number, time: string) => `Restored from the backup ${name} (seq ${seq}, taken ${time}).`,
    fromCurrent: (seq: number) => `Restored from archive.json as it was (seq ${seq}; only the journal was damaged).`,
    fromJournal: () => 'No copy could be read: rebuilt from the journal alone.',
    replayed: (n: number, seq: number, at: string) => (n ? `Replayed ${entries(n)} after it: kept up to seq ${seq} (${at}).` : `No journal entries to replay after it: kept up to seq ${seq}.`),
    lost: (n: number, line: number, detail: string) => `Lost: ${entries(n)}, from journal.jsonl line ${line} on (${detail}).`,
    nothingLost: () => 'Nothing was lost.',
    dropped: (n: number) => `Left out ${n} unreadable older journal line(s) (the copy used already holds what they did).`,
    records: (n: number) => `The archive now has ${n} records.`,
    notLocked: () => 'The archive is not locked.',
    clearedStale: (pid: number) => `Removed the lock left by process ${pid} on this computer (it is no longer running).`,
    forced: (host: string, user: string, since: string) => `Removed the lock of the computer ${host} (user ${user}, since ${since}). Make sure Aid Archive is closed there.`,
  },
} satisfies Record<Locale, unknown>

const errorText = (locale: Locale, e: ApiErrorShape) => safeText(formatError(locale, e))

/** What restore prints: where the damaged files went, what it restored from, what was kept and lost. */
export function describeRestore(locale: Locale, r: RestoreReport): string[] {
  const w = WORDS[locale]
  const lines = [w.moved(r.damagedDir, r.moved)]
  for (const s of r.skipped) lines.push(w.skipped(s.name, errorText(locale, s.error)))
  if (r.source.kind === 'backup') lines.push(w.fromBackup(r.source.name, r.source.seq, when(r.source.time)))
  else if (r.source.kind === 'current') lines.push(w.fromCurrent(r.source.seq))
  else lines.push(w.fromJournal())
  lines.push(w.replayed(r.replayed, r.keptSeq, when(r.keptAt)))
  lines.push(r.stoppedAt ? w.lost(r.lost, r.stoppedAt.line, safeText(r.stoppedAt.detail)) : w.nothingLost())
  if (r.dropped) lines.push(w.dropped(r.dropped))
  lines.push(w.records(r.records))
  return lines
}

export function describeUnlock(locale: Locale, r: UnlockResult): string {
  const w = WORDS[locale]
  if (r.how === 'none' || !r.info) return w.notLocked()
  if (r.how === 'stale') return w.clearedStale(r.info.pid)
  return w.forced(safeText(r.info.host ?? '?'), safeText(r.info.user ?? '?'), when(r.info.lockedAt))
}

export function addBackupCommands(program: Command, d: BackupsCliDeps): void {
  program
    .command('backups')
    .description('list the backups of archive.json (name, time, size, seq, records)')
    .addOption(d.archiveOpt())
    .option('--json', 'print a JSON array')
    .action(async (o: { archive?: string; json?: boolean }) => {
      const dir = resolveArchiveDir(o.archive)
      const list = await listBackups(dir)
      const locale = cliLocale()
      if (o.json) return void d.out(safeJson(list))
      if (!list.length) return void d.out(WORDS[locale].none(dir))
      d.out(WORDS[locale].heading(dir))
      for (const b of list) d.out(WORDS[locale].line(b, locale))
    })

  program
    .command('restore')
    .description('restore a damaged archive from its newest good copy and journal; the damaged files are moved aside, never deleted')
    .addOption(d.archiveOpt())
    .option('--from <name>', 'the backup to restore (a name that aid-archive backups lists)')
    .option('--json', 'print the report as JSON')
    .action(async (o: { archive?: string; from?: string; json?: boolean }) => {
      const r = await restoreArchive(resolveArchiveDir(o.archive), o.from === undefined ? {} : { from: o.from })
      if (o.json) return void d.out(safeJson(r, 2))
      for (const line of describeRestore(cliLocale(), r)) d.out(line)
    })

  program
    .command('unlock')
    .description("remove the archive's lock: a dead process's on this computer; another computer's only with --force, once it is done")
    .addOption(d.archiveOpt())
    .option('--force', "remove another computer's lock (make sure Aid Archive is closed there first)")
    .action(async (o: { archive?: string; force?: boolean }) => {
      d.out(describeUnlock(cliLocale(), await unlockArchive(resolveArchiveDir(o.archive), { force: !!o.force })))
    })
}
