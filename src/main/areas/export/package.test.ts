import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PhotoRecord } from '../../../shared/domain'
import { dispatch, openArchive, type ArchiveService } from '../../app'
import { filePath } from '../../media/files'
import { tmpDir } from '../../test-support/tmp'
import { bytesOf, demoArchive } from './testing'

let svc: ArchiveService
beforeAll(async () => {
  svc = await demoArchive()
})
afterAll(() => svc?.close())

/** Photos an export holds: invented samples (示例) stay out unless selected. */
const photos = () => [...svc.store.records.values()].filter((r): r is PhotoRecord => r.kind === 'photo' && !r.sample)

describe('photo package', () => {
  it('zip: originals byte for byte named by 照片号, the captions workbook and 说明.txt', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'photos', scope: { batchId: 'bat_shanxi5' } })
    expect(f.mime).toBe('application/zip')
    const zip = unzipSync(bytesOf(f))
    const ps = photos().filter((p) => p.batchId === 'bat_shanxi5')
    expect(Object.keys(zip).sort()).toEqual([...ps.map((p) => `${p.photoNo || p.id}.svg`), '照片说明.xlsx', '说明.txt'].sort())
    for (const p of ps) expect(zip[`${p.photoNo || p.id}.svg`]).toEqual(new Uint8Array(readFileSync(filePath(svc.store.dir, p.file!.sha256))))

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(zip['照片说明.xlsx']!) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('照片说明')!
    expect((sheet.getRow(1).values as unknown[]).slice(1, 10)).toEqual(['照片号', '文件名', '题名', '事由', '时间', '地点', '人物', '背景', '摄影者'])
    const bdo = ps.find((p) => p.photoNo === 'ZP·2024-0001')!
    const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(1).value === 'ZP·2024-0001')!
    expect(row.getCell(2).value).toBe('ZP·2024-0001.svg')
    expect(row.getCell(4).value).toBe(bdo.caption.event)
    expect(row.getCell(5).value).toBe('2024年6月23日')
    expect(row.getCell(9).value).toBe('山西援疆前方指挥部（提供）')
    expect(row.getCell(13).value).toBe(bdo.file!.sha256)
    expect(row.getCell(14).value).toContain('示意图')
    const groups = wb.getWorksheet('组说明')!
    expect(groups.getRow(2).getCell(1).value).toBe('《太行连天山 同心向未来》综述配图')
    expect(String(groups.getRow(2).getCell(2).value)).toContain('三幅图片')
    expect(groups.getRow(2).getCell(3).value).toBe(ps.filter((p) => p.groupId === 'grp_seed_article').length)

    const txt = new TextDecoder().decode(zip['说明.txt'])
    expect(txt).toContain(`照片：${ps.length} 张`)
    expect(txt).toContain(`${ps.length} 张为生成的占位示意图`)
  })

  it('preview lists the photos with their captions; a scope with no photos gives an empty package', async () => {
    const p = await dispatch(svc, 'export.preview', { format: 'photos' })
    expect(p.count).toBe(photos().length)
    expect(p.columns[0]).toBe('照片号')
    expect(p.rows.map((r) => r[0]).sort()).toEqual(photos().map((x) => x.photoNo).sort())
    const empty = unzipSync(bytesOf(await dispatch(svc, 'export.run', { format: 'photos', scope: { area: 'education' } })))
    expect(Object.keys(empty).sort()).toEqual(['照片说明.xlsx', '说明.txt'])
  })
})

describe('JSON export', () => {
  it('carries a manifest of every file with its sha256 re-hashed from disk, and round-trips into an empty archive', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'json' })
    const doc = JSON.parse(new TextDecoder().decode(bytesOf(f)))
    expect(doc.manifest.format).toBe('aid-archive/manifest/v1')
    // The whole archive, samples included.
    const all = [...svc.store.records.values()].filter((r): r is PhotoRecord => r.kind === 'photo' && !!r.file)
    expect(doc.manifest.files).toHaveLength(new Set(all.map((p) => p.file!.sha256)).size)
    for (const e of doc.manifest.files) {
      expect(e).toMatchObject({ ok: true, placeholder: true, path: `files/${e.sha256.slice(0, 2)}/${e.sha256}` })
      expect(e.records).toHaveLength(1)
    }
    const other = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    try {
      await dispatch(other, 'io.importJson', { data: doc })
      const back = await dispatch(other, 'io.exportJson', {})
      const orig = await dispatch(svc, 'io.exportJson', {})
      expect({ ...back, seq: 0 }).toEqual({ ...orig, seq: 0 })
    } finally {
      await other.close()
    }
  })

  it('flags a file that is missing on disk', async () => {
    const dir = tmpDir()
    const a = await openArchive(dir, { user: 'tester', snapshotDelayMs: 10 })
    try {
      await dispatch(a, 'records.create', {
        record: { kind: 'photo', title: '缺失的原件', file: { sha256: 'a'.repeat(64), name: 'x.jpg', mime: 'image/jpeg', size: 3 } },
      })
      const doc = JSON.parse(new TextDecoder().decode(bytesOf(await dispatch(a, 'export.run', { format: 'json' }))))
      expect(doc.manifest.files[0]).toMatchObject({ sha256: 'a'.repeat(64), ok: false })
    } finally {
      await a.close()
    }
  })
})
