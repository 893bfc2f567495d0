import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Document, Packer, Paragraph } from 'docx'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openArchive } from '../app'
import { makeJpeg } from '../test-support/images'
import { tmpDir } from '../test-support/tmp'
import { runCli } from './testing'

// Errors print in the user's locale (LC_ALL, LC_MESSAGES, LANG): these assertions read the
// English words, whatever the machine's LANG.
beforeEach(() => void vi.stubEnv('LC_ALL', 'en_US.UTF-8'))
afterEach(() => void vi.unstubAllEnvs())

const run = runCli

describe('aid-archive import', () => {
  it('imports a folder of photos with captions into a group; a second run finds duplicates', async () => {
    const dir = tmpDir()
    const src = tmpDir()
    mkdirSync(join(src, 'day2'))
    writeFileSync(join(src, 'a.jpg'), await makeJpeg({ seed: 1, taken: '2024:06:23 09:00:00' }))
    writeFileSync(join(src, 'a.txt'), '义诊现场（新华社记者 李四 摄）')
    writeFileSync(join(src, 'day2', 'b.jpg'), await makeJpeg({ seed: 2 }))
    const r = await run('import', src, '--archive', dir, '--batch', '1', '--group', '医疗义诊')
    expect(r).toMatchObject({ code: 0, out: 'Imported 2 photos, 0 duplicates, 0 failed.' })
    const svc = await openArchive(dir, { readOnly: true })
    try {
      const photos = [...svc.store.records.values()].filter((p) => p.kind === 'photo')
      expect(photos.map((p) => p.kind === 'photo' && [p.photoNo, p.caption.photographer, p.date])).toEqual([
        ['ZP·2024-0001', '新华社记者 李四', '2024-06-23'],
        [`ZP·${new Date().getFullYear()}-0001`, '', ''],
      ])
    } finally {
      await svc.close()
    }
    const again = await run('import', join(src, 'a.jpg'), '--archive', dir)
    expect(again).toMatchObject({ code: 0, out: 'Imported 0 photos, 1 duplicates, 0 failed.' })
    expect(again.err).toMatch(/^duplicate: a\.jpg = pho_/)
  })

  it('a bad file fails alone: one line each on stderr, non-zero exit, the rest imported', async () => {
    const dir = tmpDir()
    const src = tmpDir()
    writeFileSync(join(src, 'good.jpg'), await makeJpeg({ seed: 9 }))
    writeFileSync(join(src, 'zero.jpg'), '')
    const r = await run('import', src, join(src, 'nope.jpg'), '--archive', dir)
    expect(r.code).toBe(1)
    expect(r.out).toBe('Imported 1 photos, 0 duplicates, 2 failed.')
    expect(r.err.split('\n')).toEqual([
      'aid-archive: zero.jpg: Empty file (0 bytes).',
      'aid-archive: nope.jpg: File not found.',
      'aid-archive: 2 file(s) failed; the others were imported. [invalid_input]',
    ])
    expect((await run('import', src, '--archive', dir, '--batch', '0')).code).toBe(1)
  })

  it('import-reports: a folder of Word briefings and a text file', async () => {
    const dir = tmpDir()
    const src = tmpDir()
    const doc = new Document({ sections: [{ children: ['援疆工作简报', '2024年第3期', '阜康市焦化项目投产', '2024年3月8日'].map((t) => new Paragraph(t)) }] })
    writeFileSync(join(src, '简报3.docx'), Buffer.from(await Packer.toBuffer(doc)))
    writeFileSync(join(src, 'notes.txt'), '教育援疆总结\n2025年1月5日')
    writeFileSync(join(src, 'photo.jpg'), 'skipped: not a report type')
    const r = await run('import-reports', src, '--archive', dir)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/rep_\w+\t2024-03-08\t2024年第3期\t阜康市焦化项目投产/)
    expect(r.out).toMatch(/Imported 2 reports, 0 duplicates, 0 failed\.$/)
    const s = await run('search', '焦化', '--archive', dir, '--json')
    expect(JSON.parse(s.out)[0].title).toBe('阜康市焦化项目投产')
  })
})
