import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { filePath, putFileFromPath, sha256 } from '../../media/files'
import { resolveMedia } from '../../media/resolve'
import { thumbPath } from '../../media/thumbs'
import { makeJpeg } from '../../test-support/images'
import { tmpDir } from '../../test-support/tmp'
import { importPhotos } from './photos'
import { collectPhotoSources } from './sources'

const open = () => openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
const b64 = (b: Buffer) => b.toString('base64')

describe('photo import', () => {
  it('hashes, copies byte for byte, reads EXIF and caption, makes thumbnails', async () => {
    const svc = await open()
    try {
      const jpg = await makeJpeg({ taken: '2024:06:23 10:15:00', gps: true, make: 'NIKON', model: 'Z 6' })
      const res = await dispatch(svc, 'intake.photos', { files: [{ name: 'IMG_0001.jpg', data: b64(jpg), caption: '援疆医疗队在阜康市义诊。图片由山西援疆前方指挥部提供' }] })
      expect(res).toMatchObject({ duplicates: [], failed: [], cancelled: false })
      const p = svc.record(res.imported[0]!.id)
      if (p.kind !== 'photo') throw new Error('kind')
      const hash = sha256(jpg)
      expect(p.file).toMatchObject({ sha256: hash, name: 'IMG_0001.jpg', mime: 'image/jpeg', size: jpg.length })
      expect(readFileSync(filePath(svc.store.dir, hash)).equals(jpg)).toBe(true) // never re-encoded
      expect(p.exif).toMatchObject({ takenAt: '2024-06-23T10:15:00', make: 'NIKON', model: 'Z 6', gps: { lat: 44.15, lon: 87.98 } })
      expect(p.date).toBe('2024-06-23')
      expect(p.caption).toMatchObject({ time: '2024年6月23日', photographer: '山西援疆前方指挥部', place: '阜康市' })
      expect(p.title).toBe('援疆医疗队在阜康市义诊')
      expect(existsSync(thumbPath(svc.store.dir, hash, 'thumb'))).toBe(true)
      // Thumbnails are rebuilt on demand when missing.
      rmSync(join(svc.store.dir, 'thumbs'), { recursive: true })
      const m = await resolveMedia(svc.store, p.id, 'thumb')
      expect(m.path).toBe(thumbPath(svc.store.dir, hash, 'thumb'))
      expect(m.mime).toBe('image/jpeg')
      expect((await resolveMedia(svc.store, p.id, 'original')).path).toBe(filePath(svc.store.dir, hash))
    } finally {
      await svc.close()
    }
  })

  it('recognises the same file twice, in one import and across imports', async () => {
    const svc = await open()
    try {
      const jpg = await makeJpeg({ seed: 3 })
      const first = await dispatch(svc, 'intake.photos', { files: [{ name: 'a.jpg', data: b64(jpg) }, { name: 'copy of a.jpg', data: b64(jpg) }] })
      expect(first.imported).toHaveLength(1)
      expect(first.duplicates).toEqual([{ name: 'copy of a.jpg', existingId: first.imported[0]!.id }])
      const again = await dispatch(svc, 'intake.photos', { files: [{ name: 'a.jpg', data: b64(jpg) }] })
      expect(again).toMatchObject({ imported: [], duplicates: [{ existingId: first.imported[0]!.id }] })
      expect(svc.info().counts.photo).toBe(1)
    } finally {
      await svc.close()
    }
  })

  it('a truncated JPEG, a zero-byte file and a text file named .jpg fail alone', async () => {
    const svc = await open()
    try {
      const good = await makeJpeg({ seed: 5, width: 400, height: 300 })
      const src = tmpDir()
      writeFileSync(join(src, '1 good.jpg'), good)
      writeFileSync(join(src, '2 truncated.jpg'), good.subarray(0, Math.floor(good.length / 2)))
      writeFileSync(join(src, '3 empty.jpg'), Buffer.alloc(0))
      writeFileSync(join(src, '4 text.jpg'), 'this is not a photo')
      writeFileSync(join(src, '1 good.txt'), '开学典礼（2023年9月1日摄）')
      const seqBefore = svc.store.seq
      const sources = await collectPhotoSources([src, join(src, 'missing.jpg')])
      expect(sources.map((s) => s.name)).toEqual(['1 good.jpg', '2 truncated.jpg', '3 empty.jpg', '4 text.jpg', 'missing.jpg'])
      const res = await importPhotos(svc, sources, { batchSize: 1 })
      expect(res.imported.map((i) => i.name)).toEqual(['1 good.jpg'])
      const reasons = Object.fromEntries(res.failed.map((f) => [f.name, f.error.reason]))
      expect(reasons).toEqual({ '2 truncated.jpg': 'file.damaged_image', '3 empty.jpg': 'file.empty', '4 text.jpg': 'file.not_an_image', 'missing.jpg': 'file.not_found' })
      expect(svc.store.seq).toBe(seqBefore + 1) // one commit: the good file only
      const stored = readdirSync(join(svc.store.dir, 'files')).flatMap((d) => readdirSync(join(svc.store.dir, 'files', d)))
      expect(stored).toEqual([sha256(good)]) // nothing of the bad files was kept
      const p = svc.record(res.imported[0]!.id)
      expect(p.kind === 'photo' && p.caption.time).toBe('2023年9月1日')
    } finally {
      await svc.close()
    }
  })

  it('commits in chunks, reports progress, and stops when cancelled', async () => {
    const svc = await open()
    try {
      const files = await Promise.all(Array.from({ length: 7 }, (_, i) => makeJpeg({ seed: 100 + i })))
      const ac = new AbortController()
      const seen: number[] = []
      const seq0 = svc.store.seq
      const res = await importPhotos(svc, files.map((data, i) => ({ name: `p${i}.jpg`, data })), {
        batchSize: 2,
        concurrency: 1,
        signal: ac.signal,
        onProgress: (p) => {
          seen.push(p.done)
          expect(p.total).toBe(7)
          if (p.done === 5) ac.abort()
        },
      })
      expect(res.cancelled).toBe(true)
      expect(res.imported).toHaveLength(5)
      expect(seen).toEqual([1, 2, 3, 4, 5])
      expect(svc.store.seq - seq0).toBe(3) // 2 + 2 + the last 1
    } finally {
      await svc.close()
    }
  })

  it('groups: 照片号 from the archive sequence (ZP·年度-NNNN), imports into a group continue the numbering', async () => {
    const svc = await open()
    try {
      const imgs = await Promise.all([1, 2, 3].map((seed) => makeJpeg({ seed: seed * 11 })))
      const res = await dispatch(svc, 'intake.photos', { files: imgs.slice(0, 2).map((d, i) => ({ name: `e${i}.jpg`, data: b64(d) })) })
      const g = await dispatch(svc, 'groups.create', { title: '医疗义诊活动', description: '总说明', photoIds: res.imported.map((i) => i.id) })
      expect(g.count).toBe(2)
      const more = await dispatch(svc, 'intake.photos', { files: [{ name: 'e2.jpg', data: b64(imgs[2]!) }], groupId: g.id })
      const nos = [...res.imported, ...more.imported].map((i) => { const r = svc.record(i.id); return r.kind === 'photo' ? r.photoNo : '' })
      // Undated photos are numbered in the year they are filed.
      const y = new Date().getFullYear()
      expect(nos).toEqual([`ZP·${y}-0001`, `ZP·${y}-0002`, `ZP·${y}-0003`])
      expect((await dispatch(svc, 'groups.list', {}))[0]).toMatchObject({ title: '医疗义诊活动', count: 3 })
      await expect(dispatch(svc, 'intake.photos', { files: [{ name: 'x.jpg', data: b64(imgs[0]!) }], groupId: 'grp_missing' })).rejects.toMatchObject({ code: 'not_found' })
    } finally {
      await svc.close()
    }
  })

  it('streams large files into the store with the same hash', async () => {
    const dir = tmpDir()
    const src = join(tmpDir(), 'big.bin')
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7)
    writeFileSync(src, data)
    mkdirSync(join(dir, 'files'), { recursive: true })
    const ref = await putFileFromPath(dir, src, 'big.bin', 'application/octet-stream')
    expect(ref).toMatchObject({ sha256: sha256(data), size: data.length })
    expect(readFileSync(filePath(dir, ref.sha256)).equals(data)).toBe(true)
    expect((await putFileFromPath(dir, src, 'big.bin', 'x')).sha256).toBe(ref.sha256)
    expect(readdirSync(join(dir, 'files')).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})
