import { unlinkSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { filePath, putFile } from '../../media/files'
import { tmpDir } from '../../test-support/tmp'

describe('archive.verify with files', () => {
  it('names an original that is missing and one that changed, and passes when all are intact', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester' })
    try {
      const a = await putFile(svc.store.dir, Buffer.from('first original'), 'a.jpg', 'image/jpeg')
      const b = await putFile(svc.store.dir, Buffer.from('second original'), 'b.jpg', 'image/jpeg')
      await dispatch(svc, 'records.create', { record: { kind: 'photo', title: '甲', file: a } })
      await dispatch(svc, 'records.create', { record: { kind: 'report', title: '乙', attachments: [b] } })
      expect(await dispatch(svc, 'archive.verify', { files: true })).toMatchObject({ total: 0 })

      unlinkSync(filePath(svc.store.dir, a.sha256))
      writeFileSync(filePath(svc.store.dir, b.sha256), 'tampered')
      const rep = await dispatch(svc, 'archive.verify', { files: true })
      expect(rep.byRule).toEqual({ file_intact: 2 })
      expect(rep.violations.map((v) => [v.reason, v.params?.name])).toEqual([
        ['rule.file_missing', 'a.jpg'],
        ['rule.file_corrupt', 'b.jpg'],
      ])
      // Without files: true only the rules run (fast, no reading of originals).
      expect((await dispatch(svc, 'archive.verify', {})).total).toBe(0)
    } finally {
      await svc.close()
    }
  })
})
