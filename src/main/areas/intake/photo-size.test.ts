// 像素 for a photo whose EXIF names no size (most tools write none): kept at import from the
// image itself, and read from the stored file for photos imported before, with no write.
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { putFile } from '../../media/files'
import { makeJpeg } from '../../test-support/images'
import { tmpDir } from '../../test-support/tmp'

const b64 = (b: Buffer) => b.toString('base64')

describe('photo pixel size', () => {
  it('is kept at import from the image when EXIF lacks it', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    try {
      const jpeg = await makeJpeg({ width: 240, height: 160, taken: '2024:06:23 10:00:00' })
      const res = await dispatch(svc, 'intake.photos', { files: [{ name: 'IMG_2400.jpg', data: b64(jpeg) }] })
      const p = svc.record(res.imported[0]!.id)
      expect(p.kind === 'photo' && p.exif).toMatchObject({ width: 240, height: 160, make: 'Canon', takenAt: '2024-06-23T10:00:00' })
    } finally {
      await svc.close()
    }
  })

  it('is read from the stored file for a photo that has none, without writing', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    try {
      const jpeg = await makeJpeg({ width: 300, height: 200 })
      const file = await putFile(svc.store.dir, jpeg, 'old.jpg', 'image/jpeg')
      const old = await dispatch(svc, 'records.create', { record: { kind: 'photo', title: '早先导入的照片', file, exif: { make: 'Canon' } } })
      const seq = svc.store.seq
      expect(await dispatch(svc, 'intake.photoSize', { id: old.id })).toEqual({ width: 300, height: 200 })
      expect(svc.store.seq).toBe(seq)
      const none = await dispatch(svc, 'records.create', { record: { kind: 'photo', title: '无文件' } })
      expect(await dispatch(svc, 'intake.photoSize', { id: none.id })).toBeNull()
      const rep = await dispatch(svc, 'records.create', { record: { kind: 'report', title: '报告' } })
      await expect(dispatch(svc, 'intake.photoSize', { id: rep.id })).rejects.toMatchObject({ reason: 'record.not_a_photo' })
    } finally {
      await svc.close()
    }
  })
})
