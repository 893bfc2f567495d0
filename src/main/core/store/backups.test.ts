// Backups before bulk changes: taken by the kernel's one write path, of the archive as it
// was just before the change (archive.json brought up to date first), throttled per method.
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { tmpDir } from '../../test-support/tmp'
import { listBackups } from './restore'

const bulk = (list: Awaited<ReturnType<typeof listBackups>>, reason: string) => list.filter((b) => b.reason === reason)

describe('backups before bulk changes', () => {
  it('a bulk delete is preceded by a backup holding what it deletes; a second within the minute is not', async () => {
    const dir = tmpDir()
    const svc = await openArchive(dir, { snapshotDelayMs: 60_000, user: 't' })
    try {
      const ids: string[] = []
      for (const title of ['甲', '乙', '丙']) ids.push((await dispatch(svc, 'records.create', { record: { kind: 'achievement', title } })).id)
      await dispatch(svc, 'records.bulkDelete', { ids: ids.slice(0, 2) })
      const [b, ...rest] = bulk(await listBackups(dir), 'records.bulkDelete')
      expect(rest).toEqual([])
      // Not the snapshot of minutes ago (empty): the archive right before the delete.
      expect(b).toMatchObject({ seq: 3, records: 3 })
      await dispatch(svc, 'records.bulkDelete', { ids: [ids[2]!] })
      expect(bulk(await listBackups(dir), 'records.bulkDelete')).toHaveLength(1)
    } finally {
      await svc.close()
    }
  })

  it('each bulk method gets its own; single edits get none', async () => {
    const dir = tmpDir()
    const svc = await openArchive(dir, { snapshotDelayMs: 60_000, backupThrottleMs: 0, user: 't' })
    try {
      const a = (await dispatch(svc, 'records.create', { record: { kind: 'achievement', title: '甲' } })).id
      await dispatch(svc, 'records.update', { id: a, patch: { title: '乙' } })
      expect(await listBackups(dir)).toEqual([])
      await dispatch(svc, 'records.bulkUpdate', { ids: [a], patch: { area: 'education' } })
      await dispatch(svc, 'io.importJson', { data: { format: 'aid-archive/v1', records: [{ kind: 'achievement', title: '丙' }] } })
      await dispatch(svc, 'records.bulkUpdate', { ids: [a], patch: { area: 'medical' } })
      const list = await listBackups(dir)
      expect(list.map((b) => [b.reason, b.records])).toEqual([
        ['records.bulkUpdate', 2],
        ['io.importJson', 1],
        ['records.bulkUpdate', 1],
      ])
    } finally {
      await svc.close()
    }
  })
})
