// The kernel stamps a version on every exchanged item it commits: what lets two archives
// tell "changed only over there" from "changed on both sides".
import { cp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import { LOCK_FILE } from '../store/lock'
import { REPLICA_FILE } from '../store/names'
import { tmpDir } from '../../test-support/tmp'

async function fresh(dir = tmpDir('aid-versions-')) {
  return openArchive(dir, { snapshotDelayMs: 5 })
}

describe('item versions', () => {
  it('each change adds this replica’s clock; a deletion leaves a tombstone; numbers only grow', async () => {
    const svc = await fresh()
    const me = svc.store.replicaId
    expect(me).toMatch(/^[0-9a-f]{12}$/)
    const r = await dispatch(svc, 'records.create', { record: { kind: 'achievement', title: '阜康市煤化工项目' } })
    const v1 = svc.store.versions.get(`records/${r.id}`)!
    expect(v1).toMatchObject({ deleted: false, vv: { [me]: expect.any(Number) } })
    await dispatch(svc, 'records.update', { id: r.id, patch: { title: '阜康市煤化工项目（二期）' } })
    const v2 = svc.store.versions.get(`records/${r.id}`)!
    expect(v2.vv[me]!).toBeGreaterThan(v1.vv[me]!)
    await dispatch(svc, 'records.delete', { id: r.id })
    const v3 = svc.store.versions.get(`records/${r.id}`)!
    expect(v3.deleted).toBe(true)
    expect(v3.vv[me]!).toBeGreaterThan(v2.vv[me]!)
    // Undo brings the record back as a new change, above the deletion: never the old version again.
    await dispatch(svc, 'history.undo', {})
    const v4 = svc.store.versions.get(`records/${r.id}`)!
    expect(v4.deleted).toBe(false)
    expect(v4.vv[me]!).toBeGreaterThan(v3.vv[me]!)
    await svc.close()
  })

  it('survives a reopen (journal and snapshot), and the clock carries on from where it was', async () => {
    const dir = tmpDir('aid-versions-')
    let svc = await fresh(dir)
    const r = await dispatch(svc, 'records.create', { record: { kind: 'report', title: '工作简报' } })
    const before = svc.store.versions.get(`records/${r.id}`)!
    await svc.close()
    svc = await fresh(dir)
    expect(svc.store.versions.get(`records/${r.id}`)).toEqual(before)
    await dispatch(svc, 'records.update', { id: r.id, patch: { title: '工作简报（第2期）' } })
    expect(svc.store.versions.get(`records/${r.id}`)!.vv[svc.store.replicaId]!).toBeGreaterThan(before.vv[svc.store.replicaId]!)
    // The journal's header lists the record, not its version bookkeeping.
    expect(svc.store.headers.at(-1)!.ids).toEqual([r.id])
    await svc.close()
  })

  it('a copied archive folder is another replica; the same folder keeps its id', async () => {
    const dir = tmpDir('aid-versions-')
    let svc = await fresh(dir)
    const id = svc.store.replicaId
    await svc.close()
    svc = await fresh(dir)
    expect(svc.store.replicaId).toBe(id)
    await svc.close()
    const copy = tmpDir('aid-versions-copy-')
    await cp(dir, copy, { recursive: true })
    await rm(join(copy, LOCK_FILE), { force: true })
    const other = await fresh(copy)
    expect(other.store.replicaId).not.toBe(id)
    expect(JSON.parse(await readFile(join(copy, REPLICA_FILE), 'utf8')).id).toBe(other.store.replicaId)
    await other.close()
  })

  it('an item taken as another archive has it keeps that version; changed on arrival, it gets this one’s clock', async () => {
    const svc = await fresh()
    const me = svc.store.replicaId
    const value = { kind: 'achievement', id: 'ach_from_b', title: '来自乙站', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: 'b', updatedBy: 'b' }
    await svc.apply('test', 'keep', [{ op: 'restore', coll: 'records', id: 'ach_from_b', value, version: { vv: { bbbbbb: 7 }, keep: true, at: '2025-01-01T00:00:00.000Z' } }])
    expect(svc.store.versions.get('records/ach_from_b')).toMatchObject({ vv: { bbbbbb: 7 }, at: '2025-01-01T00:00:00.000Z' })
    await svc.apply('test', 'bump', [{ op: 'restore', coll: 'records', id: 'ach_from_b', value: { ...value, title: '改过' }, version: { vv: { bbbbbb: 8 }, keep: false } }])
    expect(svc.store.versions.get('records/ach_from_b')!.vv).toEqual({ bbbbbb: 8, [me]: expect.any(Number) })
    // A deletion for an item this archive never had: only its tombstone is kept.
    await svc.apply('test', 'tomb', [{ op: 'delete', coll: 'records', id: 'ach_never_here', version: { vv: { bbbbbb: 9 }, keep: true } }])
    expect(svc.store.versions.get('records/ach_never_here')).toMatchObject({ deleted: true, vv: { bbbbbb: 9 } })
    await svc.close()
  })
})
