// Every string the Electron host shows a user (menu, dialogs, window title), in one map.
// The renderer has its own locale files; these are only the main process's few words.

export type HostLocale = 'zh-CN' | 'en'

export interface HostStrings {
  /** Which locale these are, for errors (their words live in src/shared/i18n). */
  locale: HostLocale
  appName: string
  menuFile: string
  menuOpenArchiveFolder: string
  menuOpenBackupsFolder: string
  menuQuit: string
  menuEdit: string
  menuView: string
  menuReload: string
  menuToggleDevTools: string
  menuResetZoom: string
  menuZoomIn: string
  menuZoomOut: string
  menuFullscreen: string
  menuWindow: string
  menuMinimize: string
  menuClose: string
  menuHelp: string
  menuAbout: string
  aboutDetail: (version: string, archiveDir: string) => string
  damagedTitle: string
  damagedMessage: (file: string) => string
  damagedDetail: (problem: string, backupsDir: string) => string
  damagedOpenBackups: string
  damagedRestore: string
  restoredTitle: string
  /** What the archive was restored from: a backup (its name), archive.json as it was, or the journal alone. */
  restoredFrom: (kind: 'backup' | 'current' | 'journal', name: string, seq: number) => string
  restoredDetail: (r: { keptSeq: number; keptAt: string; replayed: number; lost: number; damagedDir: string }) => string
  ok: string
  lockedTitle: string
  lockedMessage: string
  openFailedTitle: string
  openFailedMessage: (dir: string) => string
  quit: string
}

const zh: HostStrings = {
  locale: 'zh-CN',
  appName: '援疆档案',
  menuFile: '文件',
  menuOpenArchiveFolder: '打开档案文件夹',
  menuOpenBackupsFolder: '打开备份文件夹',
  menuQuit: '退出',
  menuEdit: '编辑',
  menuView: '视图',
  menuReload: '重新加载',
  menuToggleDevTools: '开发者工具',
  menuResetZoom: '实际大小',
  menuZoomIn: '放大',
  menuZoomOut: '缩小',
  menuFullscreen: '全屏',
  menuWindow: '窗口',
  menuMinimize: '最小化',
  menuClose: '关闭',
  menuHelp: '帮助',
  menuAbout: '关于援疆档案',
  aboutDetail: (version, dir) => `版本 ${version}\n档案文件夹：${dir}`,
  damagedTitle: '档案文件已损坏',
  damagedMessage: (file) => `无法打开档案：${file} 已损坏。该文件没有被改动。`,
  damagedDetail: (problem, backups) => `问题：${problem}\n\n选“从备份恢复”可用最新的完好副本和日志自动恢复（损坏的文件移到一旁保留，不会删除）；备份文件夹：\n${backups}`,
  damagedOpenBackups: '打开备份文件夹',
  damagedRestore: '从备份恢复',
  restoredTitle: '档案已恢复',
  restoredFrom: (kind, name, seq) =>
    kind === 'backup' ? `已从备份 ${name} 恢复（第 ${seq} 步）。` : kind === 'current' ? '已以现有的 archive.json 为基础恢复（受损的只是日志）。' : '没有可读的副本，已仅凭日志从头重建。',
  restoredDetail: (r) =>
    `保留至第 ${r.keptSeq} 步修改（${r.keptAt}）；其后重放日志 ${r.replayed} 条，${r.lost ? `丢失 ${r.lost} 条` : '没有丢失任何修改'}。\n\n损坏的文件已移到一旁（保留，未删除）：\n${r.damagedDir}`,
  ok: '确定',
  lockedTitle: '档案正在使用',
  lockedMessage: '此档案已在另一个援疆档案进程中打开。请先关闭那个进程。',
  openFailedTitle: '无法打开档案',
  openFailedMessage: (dir) => `无法打开档案文件夹 ${dir}。`,
  quit: '退出',
}

const en: HostStrings = {
  locale: 'en',
  appName: 'Aid Archive',
  menuFile: 'File',
  menuOpenArchiveFolder: 'Open Archive Folder',
  menuOpenBackupsFolder: 'Open Backups Folder',
  menuQuit: 'Quit',
  menuEdit: 'Edit',
  menuView: 'View',
  menuReload: 'Reload',
  menuToggleDevTools: 'Developer Tools',
  menuResetZoom: 'Actual Size',
  menuZoomIn: 'Zoom In',
  menuZoomOut: 'Zoom Out',
  menuFullscreen: 'Full Screen',
  menuWindow: 'Window',
  menuMinimize: 'Minimize',
  menuClose: 'Close',
  menuHelp: 'Help',
  menuAbout: 'About Aid Archive',
  aboutDetail: (version, dir) => `Version ${version}\nArchive folder: ${dir}`,
  damagedTitle: 'The archive file is damaged',
  damagedMessage: (file) => `The archive cannot be opened: ${file} is damaged. The file was not changed.`,
  damagedDetail: (problem, backups) =>
    `Problem: ${problem}\n\nRestore from Backup rebuilds the archive from the newest good copy and the journal (the damaged files are moved aside, not deleted). The backups folder:\n${backups}`,
  damagedOpenBackups: 'Open Backups Folder',
  damagedRestore: 'Restore from Backup',
  restoredTitle: 'The archive was restored',
  restoredFrom: (kind, name, seq) =>
    kind === 'backup' ? `Restored from the backup ${name} (seq ${seq}).` : kind === 'current' ? 'Restored from archive.json as it was (only the journal was damaged).' : 'No copy could be read: rebuilt from the journal alone.',
  restoredDetail: (r) =>
    `Kept up to change ${r.keptSeq} (${r.keptAt}); journal entries replayed: ${r.replayed}, lost: ${r.lost}${r.lost ? '' : ' (nothing lost)'}.\n\nThe damaged files were moved aside (kept, not deleted):\n${r.damagedDir}`,
  ok: 'OK',
  lockedTitle: 'The archive is in use',
  lockedMessage: 'This archive is open in another Aid Archive process. Close that one first.',
  openFailedTitle: 'The archive cannot be opened',
  openFailedMessage: (dir) => `The archive folder ${dir} cannot be opened.`,
  quit: 'Quit',
}

export const HOST_STRINGS: Record<HostLocale, HostStrings> = { 'zh-CN': zh, en }

/**
 * The archive's own setting wins (the user chose it in the app); before the archive is open,
 * the system locale decides: Chinese for any zh locale or none, English for any other.
 */
export function pickLocale(systemLocale: string | undefined, archiveLocale?: string | null): HostLocale {
  if (archiveLocale === 'zh-CN' || archiveLocale === 'en') return archiveLocale
  if (!systemLocale || /^zh\b/i.test(systemLocale)) return 'zh-CN'
  return 'en'
}

export function stringsFor(locale: HostLocale): HostStrings {
  return HOST_STRINGS[locale]
}
