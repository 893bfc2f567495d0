// 打开 / 在文件夹中显示: only from our window, only a file the record holds, handed to the
// desktop as a read-only copy under its own name (the archive's copy is never opened).
import { readFileSync, statSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { filePath, putFile } from '../media/files'
import { tmpDir } from '../test-support/tmp'
import { createFileActionHandler } from './attachments'

let svc: ArchiveService
let id = ''
let sha = ''
const data = Buffer.from('%PDF-1.4 简报')
const trusted = { sender: { id: 1 }, senderFrame: { url: 'file:///app/index.html' } }

beforeAll(async () => {
  svc = await openArchive(tmpDir())
  const f = await putFile(svc.store.dir, data, '援疆工作简报 第5期.pdf', 'application/pdf')
  sha = f.sha256
  id = (await dispatch(svc, 'records.create', { record: { kind: 'report', title: '简报', attachments: [f] } })).id
})
afterAll(() => svc.close())

function setup(openResult = '') {
  const shell = { openPath: vi.fn(async (_p: string) => openResult), showItemInFolder: vi.fn((_p: string) => {}) }
  const tempDir = tmpDir()
  const handler = createFileActionHandler({ service: () => svc, isTrusted: (e) => e === trusted, shell, tempDir })
  return { shell, tempDir, handler }
}

describe('Electron file actions', () => {
  it('opens a named read-only copy, not the archive’s file; reveals the same copy', async () => {
    const { shell, tempDir, handler } = setup()
    expect(await handler(trusted, 'open', id, sha)).toEqual({ ok: true, result: null })
    const opened = shell.openPath.mock.calls[0]![0]
    expect(basename(opened)).toBe('援疆工作简报 第5期.pdf')
    expect(opened.startsWith(tempDir)).toBe(true)
    expect(opened).not.toBe(filePath(svc.store.dir, sha))
    expect(readFileSync(opened).equals(data)).toBe(true)
    expect(statSync(opened).mode & 0o222).toBe(0)
    expect(await handler(trusted, 'reveal', id, sha)).toEqual({ ok: true, result: null })
    expect(shell.showItemInFolder).toHaveBeenCalledWith(opened)
    expect(dirname(opened)).toContain(sha.slice(0, 16))
  })

  it('says why the desktop could not open it', async () => {
    const { handler } = setup('No application is associated with the specified file')
    expect(await handler(trusted, 'open', id, sha)).toMatchObject({ ok: false, error: { reason: 'file.open_failed', params: { detail: 'No application is associated with the specified file' } } })
  })

  it('refuses an unknown sender, an unknown action, a path, a file the record does not hold', async () => {
    const { shell, handler } = setup()
    expect(await handler({ sender: { id: 2 }, senderFrame: null }, 'open', id, sha)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await handler(trusted, 'delete', id, sha)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'action' } })
    expect(await handler(trusted, 'open', id, '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await handler(trusted, 'open', { id }, sha)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await handler(trusted, 'open', id, 'a'.repeat(64))).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(shell.openPath).not.toHaveBeenCalled()
    expect(shell.showItemInFolder).not.toHaveBeenCalled()
  })
})
