import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../app'
import { tmpDir } from '../test-support/tmp'
import { contentDisposition, resolveAttachment, safeFileName } from './attachment'
import { filePath, putFile } from './files'

describe('file names for the desktop', () => {
  it('keeps a Chinese name, strips what a desktop refuses, adds the extension of its type', () => {
    expect(safeFileName('关于做好2024年度援疆项目验收工作的通知.docx')).toBe('关于做好2024年度援疆项目验收工作的通知.docx')
    expect(safeFileName('a/b\\c:d*e?"f<g>|h.pdf')).toBe('a_b_c_d_e__f_g__h.pdf')
    expect(safeFileName('报告 . ', 'application/pdf')).toBe('报告.pdf')
    expect(safeFileName('CON.txt')).toBe('_CON.txt')
    expect(safeFileName('', 'image/jpeg')).toBe('_.jpg')
    expect(safeFileName('\u202Egpj.exe')).toBe('_gpj.exe')
    expect([...safeFileName('长'.repeat(300) + '.docx')].length).toBe(120)
  })

  it('Content-Disposition carries the UTF-8 name (RFC 5987) and an ASCII fallback', () => {
    expect(contentDisposition('简报 第5期 (终稿).docx')).toBe(
      `attachment; filename="__ _5_ (__).docx"; filename*=UTF-8''%E7%AE%80%E6%8A%A5%20%E7%AC%AC5%E6%9C%9F%20%28%E7%BB%88%E7%A8%BF%29.docx`,
    )
    expect(contentDisposition('a"b\\c%d.txt')).toBe(`attachment; filename="a_b_c_d.txt"; filename*=UTF-8''a%22b%5Cc%25d.txt`)
  })
})

describe('resolveAttachment', () => {
  it('finds a file only through a record that holds it, and refuses malformed input', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    try {
      const a = await putFile(svc.store.dir, Buffer.from('正文'), '通知.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      const b = await putFile(svc.store.dir, Buffer.from('另一件'), '简报.pdf', 'application/pdf; name="x"')
      const rep = await dispatch(svc, 'records.create', { record: { kind: 'report', title: '通知', attachments: [a, b] } })
      const other = await dispatch(svc, 'records.create', { record: { kind: 'report', title: '别的' } })
      await expect(resolveAttachment(svc.store, rep.id, a.sha256)).resolves.toEqual({
        path: filePath(svc.store.dir, a.sha256), name: '通知.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 6,
      })
      // A stored type with parameters is not put into a header.
      expect((await resolveAttachment(svc.store, rep.id, b.sha256)).mime).toBe('application/octet-stream')
      await expect(resolveAttachment(svc.store, other.id, a.sha256)).rejects.toMatchObject({ code: 'not_found' })
      await expect(resolveAttachment(svc.store, rep.id, '../../etc/passwd')).rejects.toMatchObject({ code: 'invalid_input', reason: 'field.sha256' })
      await expect(resolveAttachment(svc.store, '../x', a.sha256)).rejects.toMatchObject({ code: 'invalid_input', reason: 'field.malformed_id' })
      await expect(resolveAttachment(svc.store, rep.id, 5)).rejects.toMatchObject({ code: 'invalid_input' })
    } finally {
      await svc.close()
    }
  })
})
