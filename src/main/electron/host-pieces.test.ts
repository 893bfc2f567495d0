// Paths from the built main file, the archive folder choice, the locale map, the menu,
// and what the user is told when the archive cannot be opened.
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/errors'
import { HOST_STRINGS, pickLocale, stringsFor } from './locale'
import { buildMenuTemplate } from './menu'
import { describeOpenFailure, describeRestored } from './open-failure'
import { appPaths, chooseArchiveDir, devRendererUrl } from './paths'

describe('appPaths', () => {
  const main = resolve('/opt/aid/out/main/index.js')
  const p = appPaths(pathToFileURL(main).href)
  it('puts the preload and the renderer beside out/main, from the file’s own URL', () => {
    expect(p.mainDir).toBe(resolve('/opt/aid/out/main'))
    expect(p.preload).toBe(resolve('/opt/aid/out/preload/index.cjs'))
    expect(p.rendererHtml).toBe(resolve('/opt/aid/out/renderer/index.html'))
    expect(p.rendererUrl).toBe(pathToFileURL(resolve('/opt/aid/out/renderer/index.html')).href)
  })
  it('survives spaces and CJK in the install path', () => {
    const q = appPaths(pathToFileURL(resolve('/home/张 三/援疆 档案/out/main/index.js')).href)
    expect(q.preload).toBe(resolve('/home/张 三/援疆 档案/out/preload/index.cjs'))
    expect(q.rendererUrl).toContain('%E6%8F%B4%E7%96%86%20')
  })
})

describe('chooseArchiveDir', () => {
  it('AID_ARCHIVE_DIR wins, resolved', () => {
    expect(chooseArchiveDir({ AID_ARCHIVE_DIR: '/data/archive' }, '/ud')).toBe(resolve('/data/archive'))
    expect(chooseArchiveDir({ AID_ARCHIVE_DIR: 'rel/dir' }, '/ud')).toBe(resolve('rel/dir'))
  })
  it('else an archive folder under userData', () => {
    expect(chooseArchiveDir({}, '/home/u/.config/aid-archive')).toBe(join('/home/u/.config/aid-archive', 'archive'))
    expect(chooseArchiveDir({ AID_ARCHIVE_DIR: '  ' }, '/ud')).toBe(join('/ud', 'archive'))
  })
})

describe('devRendererUrl', () => {
  it('only for an unpackaged app, only a loopback http server', () => {
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/')
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeNull()
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'https://example.com' }, false)).toBeNull()
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://10.0.0.5:5173' }, false)).toBeNull()
    expect(devRendererUrl({}, false)).toBeNull()
  })
})

describe('locale', () => {
  it('the archive’s setting wins; else zh for zh or unknown system locales, en otherwise', () => {
    expect(pickLocale('en-US', 'zh-CN')).toBe('zh-CN')
    expect(pickLocale('zh-CN', 'en')).toBe('en')
    expect(pickLocale('zh-TW')).toBe('zh-CN')
    expect(pickLocale('')).toBe('zh-CN')
    expect(pickLocale('en-GB')).toBe('en')
    expect(pickLocale('ug')).toBe('en')
  })
  it('both languages have every string', () => {
    const keys = Object.keys(HOST_STRINGS['zh-CN']).sort()
    expect(Object.keys(HOST_STRINGS.en).sort()).toEqual(keys)
    for (const loc of ['zh-CN', 'en'] as const)
      for (const [k, v] of Object.entries(stringsFor(loc))) expect(typeof v === 'function' || (typeof v === 'string' && v.length > 0), `${loc}.${k}`).toBe(true)
  })
})

describe('menu', () => {
  const actions = { openArchiveFolder: () => {}, openBackupsFolder: () => {}, about: () => {} }
  it('is in the chosen language, with devtools only in development', () => {
    const zh = buildMenuTemplate(stringsFor('zh-CN'), actions, { isMac: false, devTools: false })
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助'])
    expect(JSON.stringify(zh)).not.toContain('toggleDevTools')
    const en = buildMenuTemplate(stringsFor('en'), actions, { isMac: true, devTools: true })
    expect(en[0]!.label).toBe('Aid Archive')
    expect(JSON.stringify(en)).toContain('toggleDevTools')
  })
})

describe('describeOpenFailure', () => {
  const t = stringsFor('zh-CN')
  it('a damaged archive: names the file and the problem, offers the backups folder first', () => {
    const err = new ApiError('archive_damaged', 'archive.damaged_json', { file: '/a/archive.json', position: '17' }, { details: { file: '/a/archive.json', problem: 'not valid JSON' } })
    const d = describeOpenFailure(err, '/a', t)
    expect(d.message).toContain('/a/archive.json')
    // The problem in the dialog's language, not the parser's English.
    expect(d.detail).toContain('不是完整的 JSON，约在第 17 字节处')
    expect(d.detail).not.toContain('not valid')
    expect(d.backupsDir).toBe(join('/a', 'backups'))
    // Opening the folder stays first (the default changes nothing); restore beside it.
    expect(d.buttons).toEqual(['打开备份文件夹', '从备份恢复', '退出'])
    expect(d.actions).toEqual(['openBackups', 'restore', 'quit'])
    expect(d.detail).toContain('从备份恢复')
  })
  it('after a failed restore, no second restore is offered', () => {
    const err = new ApiError('archive_damaged', 'archive.no_good_copy', { dir: '/a' })
    const d = describeOpenFailure(err, '/a', stringsFor('en'), { offerRestore: false })
    expect(d.buttons).toEqual(['Open Backups Folder', 'Quit'])
    expect(d.actions).toEqual(['openBackups', 'quit'])
    expect(d.detail).toContain('No backup of /a can be read')
  })
  it('a damaged archive shape from another error path still names archive.json', () => {
    const d = describeOpenFailure({ code: 'archive_damaged', reason: 'archive.damaged_schema', params: { file: 'x', path: 'records.3' }, message: 'bad' }, '/a', stringsFor('en'))
    expect(d.message).toContain(join('/a', 'archive.json'))
    expect(d.detail).toContain('records.3')
  })
  it('a restored archive: where it came from, what was kept and lost, where the damaged files are', () => {
    const report = {
      damagedDir: '/a/damaged-2026',
      moved: ['archive.json', 'journal.jsonl'],
      source: { kind: 'backup' as const, name: 'archive-x-open.json', seq: 2, time: '2026-01-01T00:00:00.000Z' },
      skipped: [],
      replayed: 1,
      keptSeq: 3,
      keptAt: '2026-01-02T00:00:00.000Z',
      lost: 2,
      stoppedAt: { line: 4, detail: 'x' },
      dropped: 0,
      records: 3,
    }
    const zh = describeRestored(report, t)
    expect(zh.message).toBe('已从备份 archive-x-open.json 恢复（第 2 步）。')
    expect(zh.detail).toMatch(/^保留至第 3 步修改（2026-01-0[12] \d\d:\d\d）；其后重放日志 1 条，丢失 2 条。/)
    expect(zh.detail).toContain('/a/damaged-2026')
    const en = describeRestored({ ...report, source: { ...report.source, kind: 'current' }, lost: 0 }, stringsFor('en'))
    expect(en.message).toBe('Restored from archive.json as it was (only the journal was damaged).')
    expect(en.detail).toContain('journal entries replayed: 1, lost: 0 (nothing lost).')
  })
  it('a locked archive and other failures: no backups button', () => {
    expect(describeOpenFailure(new ApiError('archive_locked', 'archive.locked', { dir: '/a', pid: 12 }), '/a', t)).toMatchObject({ title: t.lockedTitle, backupsDir: null, detail: expect.stringContaining('进程号 12') })
    expect(describeOpenFailure(new Error('EACCES'), '/a', t)).toMatchObject({ title: t.openFailedTitle, backupsDir: null, detail: expect.stringContaining('EACCES') })
  })
})
