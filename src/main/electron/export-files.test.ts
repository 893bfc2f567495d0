// 另存为 / 在文件夹中显示 over a real service on a temporary archive, with Electron's dialog,
// shell and the window check injected: what is asked, where it is written, what is refused.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive } from '../app'
import type { ArchiveService } from '../core/service'
import { createExportFileHandlers, registerExportFiles, safeSaveName, type ExportFilesDeps, type SaveDialogOptions } from './export-files'
import { EXPORT_SAVE_CHANNEL, EXPORT_SHOW_CHANNEL } from '../../shared/contract/export'

const ours = { sender: { id: 3 }, senderFrame: { url: 'file:///app/index.html', parent: null } }
const theirs = { sender: { id: 9 }, senderFrame: { url: 'file:///app/index.html', parent: null } }

describe('saving an export where the user chooses (Electron host)', () => {
  let dir: string
  let docs: string
  let svc: ArchiveService
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aid-save-'))
    docs = await mkdtemp(join(tmpdir(), 'aid-docs-'))
    svc = await openArchive(dir, { snapshotDelayMs: 10 })
  })
  afterAll(async () => {
    await svc.close()
    await rm(dir, { recursive: true, force: true })
    await rm(docs, { recursive: true, force: true })
  })

  function setup(answer: (o: SaveDialogOptions) => { canceled: boolean; filePath?: string }, over: Partial<ExportFilesDeps> = {}) {
    const asked: SaveDialogOptions[] = []
    const shown: string[] = []
    const h = createExportFileHandlers({
      service: () => svc,
      isTrusted: (e) => e.sender.id === 3,
      documentsDir: () => docs,
      locale: () => 'zh-CN',
      showSaveDialog: async (o) => (asked.push(o), answer(o)),
      showItemInFolder: (p) => void shown.push(p),
      ...over,
    })
    return { h, asked, shown }
  }

  it('asks 另存为 in Documents with the export’s own name, writes there, then shows it in its folder', async () => {
    const { h, asked, shown } = setup((o) => ({ canceled: false, filePath: o.defaultPath }))
    const r = await h.save(ours, { format: 'csv' })
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatchObject({ title: '另存为', buttonLabel: '保存', filters: [{ name: 'CSV 文件', extensions: ['csv'] }] })
    expect(asked[0]!.defaultPath).toBe(join(docs, 'Z109-归档文件目录.csv'))
    expect(r.ok).toBe(true)
    if (!r.ok || !r.result.saved) throw new Error('not saved')
    expect(r.result.path).toBe(join(docs, 'Z109-归档文件目录.csv'))
    const bytes = await readFile(r.result.path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the catalogue's BOM: the real export
    expect(bytes.length).toBe(r.result.size)
    expect(await h.show(ours, { token: r.result.token })).toEqual({ ok: true, result: { shown: true } })
    expect(shown).toEqual([r.result.path])
  })

  it('a name typed without its extension gets it; a batch title with / stays one file name', async () => {
    const { h, asked } = setup(() => ({ canceled: false, filePath: join(docs, '目录') }))
    const r = await h.save(ours, { format: 'csv' })
    expect(r.ok && r.result.saved && r.result.fileName).toBe('目录.csv')
    expect(safeSaveName('第五批/山西援疆工作队成果汇编.docx')).toBe('第五批-山西援疆工作队成果汇编.docx')
    expect(safeSaveName('..\\..\\a:b?.md')).toBe('-..-ab.md')
    expect(safeSaveName('  ')).toBe('export')
    expect(asked[0]!.defaultPath.startsWith(docs)).toBe(true)
  })

  it('cancelled: nothing written, nothing to show', async () => {
    const writes: string[] = []
    const { h } = setup(() => ({ canceled: true }), { writeFile: async (p) => void writes.push(p) })
    expect(await h.save(ours, { format: 'csv' })).toEqual({ ok: true, result: { saved: false } })
    expect(writes).toEqual([])
  })

  it('refuses another sender, a bad request, a path as token, and a token never issued', async () => {
    const { h, asked, shown } = setup((o) => ({ canceled: false, filePath: o.defaultPath }))
    expect(await h.save(theirs, { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await h.save(ours, { format: 'exe' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await h.save(ours, { format: 'csv', path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(asked).toEqual([])
    expect(await h.show(ours, { token: '/home/user/.ssh' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await h.show(ours, { token: '6f1c2b1e-6a8e-4a53-9d55-2a8f6a0b7c11' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await h.show(theirs, { token: '6f1c2b1e-6a8e-4a53-9d55-2a8f6a0b7c11' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(shown).toEqual([])
  })

  it('says why a file could not be written', async () => {
    const { h } = setup((o) => ({ canceled: false, filePath: o.defaultPath }), { writeFile: async () => Promise.reject(new Error('EACCES: permission denied')) })
    const r = await h.save(ours, { format: 'csv' })
    expect(r).toMatchObject({ ok: false, error: { code: 'io_error', reason: 'io.failed', params: { file: 'Z109-归档文件目录.csv' } } })
  })

  it('speaks English to an English UI', async () => {
    const { h, asked } = setup(() => ({ canceled: true }), { locale: () => 'en' })
    await h.save(ours, { format: 'csv' })
    expect(asked[0]).toMatchObject({ title: 'Save as', buttonLabel: 'Save', filters: [{ name: 'CSV file' }] })
  })

  it('registers both channels on ipcMain', () => {
    const channels: string[] = []
    const deps: ExportFilesDeps = {
      service: () => svc,
      isTrusted: () => true,
      documentsDir: () => docs,
      locale: () => 'zh-CN',
      showSaveDialog: async () => ({ canceled: true }),
      showItemInFolder: () => {},
    }
    registerExportFiles({ handle: (ch: string) => void channels.push(ch) } as never, deps)
    expect(channels).toEqual([EXPORT_SAVE_CHANNEL, EXPORT_SHOW_CHANNEL])
  })
})
