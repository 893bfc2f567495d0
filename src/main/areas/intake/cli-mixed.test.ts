// `aid-archive import <folder>` with photos, their captions, Word/PDF/text documents and a
// file that is neither, all in one folder: each goes where its type says, one bad file
// fails alone, and the summary says what went where.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Document, Packer, Paragraph } from 'docx'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openArchive } from '../../app'
import { makeJpeg } from '../../test-support/images'
import { tmpDir } from '../../test-support/tmp'
import { routeFiles } from '../../../shared/intake-routing'
import { runCli } from '../../cli/testing'

beforeEach(() => void vi.stubEnv('LC_ALL', 'en_US.UTF-8'))
afterEach(() => void vi.unstubAllEnvs())

const run = runCli

describe('routing by type', () => {
  it('photos with their caption sidecars, documents (a lone .txt too), the rest refused; desktop litter ignored', () => {
    const r = routeFiles(['d/a.JPG', 'd/a.txt', 'd/b.heic', 'd/通知.docx', 'd/简报.PDF', 'd/说明.txt', 'd/表.xlsx', 'd/Thumbs.db', 'd/.DS_Store', 'd/~$通知.docx'], (p) => p)
    expect(r.photos).toEqual([{ item: 'd/a.JPG', caption: 'd/a.txt' }, { item: 'd/b.heic', caption: undefined }])
    expect(r.reports).toEqual(['d/通知.docx', 'd/简报.PDF', 'd/说明.txt'])
    expect(r.unsupported).toEqual(['d/表.xlsx'])
  })
})

describe('aid-archive import of a mixed folder', () => {
  it('routes photos to photo intake and documents to report intake; an unknown type and a broken document fail alone', async () => {
    const dir = tmpDir()
    const src = tmpDir()
    mkdirSync(join(src, '6月'))
    writeFileSync(join(src, '6月', 'IMG_0101.jpg'), await makeJpeg({ seed: 3, taken: '2024:06:23 09:00:00' }))
    writeFileSync(join(src, '6月', 'IMG_0101.txt'), '援疆医疗队在阜康市开展义诊（新华社记者 李四 摄）')
    writeFileSync(join(src, '6月', 'IMG_0102.jpg'), await makeJpeg({ seed: 4 }))
    const doc = new Document({ sections: [{ children: ['援疆工作简报', '2024年第6期', '山西援疆前方指挥部办公室编 2024年6月28日', '医疗队义诊惠及千余群众', '6月23日，医疗队在阜康市开展义诊。'].map((t) => new Paragraph(t)) }] })
    writeFileSync(join(src, '简报第6期.docx'), Buffer.from(await Packer.toBuffer(doc)))
    writeFileSync(join(src, '工作总结.txt'), '教育援疆工作总结\n援疆教师团队开展帮扶。\n2025年1月5日')
    writeFileSync(join(src, '坏文件.docx'), 'not a zip at all')
    writeFileSync(join(src, '项目表.xlsx'), 'PK')
    writeFileSync(join(src, 'Thumbs.db'), 'x')

    const r = await run('import', src, '--archive', dir, '--group', '六月义诊')
    expect(r.code).toBe(1)
    const lines = r.out.split('\n')
    expect(lines[0]).toBe('Imported 2 photos, 0 duplicates, 0 failed.')
    expect(lines).toContain('Imported 2 reports, 0 duplicates, 1 failed.')
    expect(lines.at(-1)).toBe('Not imported: 1 files neither photos nor documents.')
    expect(r.out).toMatch(/rep_\w+\t2024-06-28\t2024年第6期\t医疗队义诊惠及千余群众/)
    expect(r.err.split('\n')).toEqual([
      'aid-archive: 坏文件.docx: Not a readable Word document.',
      expect.stringMatching(/^aid-archive: 项目表\.xlsx: Neither a photo nor a document \(\.xlsx\)/),
      'aid-archive: 2 file(s) failed; the others were imported. [invalid_input]',
    ])
    const svc = await openArchive(dir, { readOnly: true })
    try {
      const all = [...svc.store.records.values()]
      const photos = all.filter((x) => x.kind === 'photo')
      expect(photos.map((p) => p.kind === 'photo' && [p.file?.name, p.caption.photographer, p.groupId !== null])).toEqual([
        ['IMG_0101.jpg', '新华社记者 李四', true],
        ['IMG_0102.jpg', '', true],
      ])
      const reports = all.filter((x) => x.kind === 'report')
      expect(reports.map((p) => p.kind === 'report' && [p.title, p.responsible, p.attachments[0]?.name]).sort()).toEqual([
        ['医疗队义诊惠及千余群众', '山西援疆前方指挥部办公室', '简报第6期.docx'],
        ['教育援疆工作总结', '', '工作总结.txt'],
      ])
    } finally {
      await svc.close()
    }
  })
})
