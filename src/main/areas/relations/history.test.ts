import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ApiInput, Method } from '../../../shared/api'
import { dispatch, openArchive, type ArchiveService } from '../../app'
import { tmpDir } from '../../test-support/tmp'

const call = <M extends Method>(svc: ArchiveService, m: M, input: ApiInput<M>) => dispatch(svc, m, input)
const open = (dir: string) => openArchive(dir, { user: 'tester', snapshotDelayMs: 10 })

async function seeded(dir = tmpDir()) {
  const svc = await open(dir)
  const batch = await call(svc, 'records.create', { record: { kind: 'batch', title: '第五批', number: 5 } })
  const ach = await call(svc, 'records.create', { record: { kind: 'achievement', title: '煤层气', batchId: batch.id, area: 'industry' } })
  const photos = []
  for (let i = 0; i < 20; i++) photos.push(await call(svc, 'records.create', { record: { kind: 'photo', title: `照片${i}`, batchId: batch.id } }))
  const tag = await call(svc, 'tags.create', { path: '示例/标签' })
  return { svc, dir, batch, ach, photos, tag }
}

describe('undo and redo', () => {
  it('undoes and redoes a single edit as new journal entries (the journal stays append-only)', async () => {
    const { svc, dir, ach } = await seeded()
    await call(svc, 'records.update', { id: ach.id, patch: { title: '煤层气技术服务' } })
    const lines = readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n').length
    const u = await call(svc, 'history.undo', {})
    expect(u.step.method).toBe('records.update')
    expect((await call(svc, 'records.get', { id: ach.id })).record.title).toBe('煤层气')
    await call(svc, 'history.redo', {})
    expect((await call(svc, 'records.get', { id: ach.id })).record.title).toBe('煤层气技术服务')
    const after = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    expect(after.split('\n').length).toBe(lines + 2)
    expect(after).toContain('"undoOf":')
    expect(after).toContain('"redoOf":')
    await svc.close()
  })

  it('undoes a bulk tag of 20 records as one step, and a new edit clears the redo stack', async () => {
    const { svc, photos, tag } = await seeded()
    const { changed } = await call(svc, 'tags.apply', { recordIds: photos.map((p) => p.id), tagIds: [tag.id], mode: 'add' })
    expect(changed).toBe(20)
    await call(svc, 'history.undo', {})
    for (const p of photos) expect((await call(svc, 'records.get', { id: p.id })).record.tags).toEqual([])
    let st = await call(svc, 'history.state', {})
    expect(st.canRedo).toBe(true)
    expect(st.redo?.method).toBe('tags.apply')
    await call(svc, 'records.update', { id: photos[0]!.id, patch: { title: '新题名' } })
    st = await call(svc, 'history.state', {})
    expect(st.canRedo).toBe(false)
    await svc.close()
  })

  it('undoes several steps in order and redoes them back', async () => {
    const { svc, ach } = await seeded()
    for (const t of ['一', '二', '三']) await call(svc, 'records.update', { id: ach.id, patch: { title: t } })
    await call(svc, 'history.undo', {})
    await call(svc, 'history.undo', {})
    expect((await call(svc, 'records.get', { id: ach.id })).record.title).toBe('一')
    await call(svc, 'history.redo', {})
    expect((await call(svc, 'records.get', { id: ach.id })).record.title).toBe('二')
    await call(svc, 'history.undo', {}) // undoing a redo
    expect((await call(svc, 'records.get', { id: ach.id })).record.title).toBe('一')
    await svc.close()
  })

  it('survives a reload: the stacks are rebuilt from the journal', async () => {
    const { svc, dir, photos, tag } = await seeded()
    await call(svc, 'tags.apply', { recordIds: photos.map((p) => p.id), tagIds: [tag.id], mode: 'add' })
    await call(svc, 'records.delete', { id: photos[0]!.id })
    await call(svc, 'history.undo', {})
    await svc.close()
    const again = await open(dir)
    const st = await call(again, 'history.state', {})
    expect(st).toMatchObject({ canUndo: true, canRedo: true })
    expect(st.undo?.method).toBe('tags.apply')
    expect(st.redo?.method).toBe('records.delete')
    await call(again, 'history.undo', {})
    expect((await call(again, 'records.get', { id: photos[1]!.id })).record.tags).toEqual([])
    await call(again, 'history.redo', {})
    await call(again, 'history.redo', {})
    await expect(call(again, 'records.get', { id: photos[0]!.id })).rejects.toMatchObject({ code: 'not_found' })
    await again.close()
  })

  it('keeps search in step with undo and redo', async () => {
    const { svc, ach } = await seeded()
    await call(svc, 'records.update', { id: ach.id, patch: { title: '瓦斯抽采示范工程' } })
    const find = async (q: string) => (await call(svc, 'search.query', { q })).hits.map((h) => h.id)
    expect(await find('瓦斯抽采')).toContain(ach.id)
    await call(svc, 'history.undo', {})
    expect(await find('瓦斯抽采')).not.toContain(ach.id)
    expect(await find('煤层气')).toContain(ach.id)
    await svc.close()
  })

  it('restores a deleted record together with its links', async () => {
    const { svc, ach, photos } = await seeded()
    await call(svc, 'links.create', { from: photos[0]!.id, to: ach.id, type: 'evidence' })
    const del = await call(svc, 'records.delete', { id: ach.id })
    expect(del.linksRemoved).toBe(1)
    await call(svc, 'history.undo', {})
    const d = await call(svc, 'records.get', { id: ach.id })
    expect(d.links).toHaveLength(1)
    expect(d.links[0]).toMatchObject({ direction: 'in', other: { id: photos[0]!.id } })
    await svc.close()
  })

  it('refuses with conflict when a later edit changed the same record', async () => {
    const { svc, ach } = await seeded()
    await call(svc, 'records.update', { id: ach.id, patch: { title: 'A' } })
    await call(svc, 'records.update', { id: ach.id, patch: { title: 'B' } })
    await call(svc, 'history.undo', {}) // B → A
    await call(svc, 'records.update', { id: ach.id, patch: { notes: 'n' } }) // clears redo
    await call(svc, 'history.undo', {}) // notes
    // The title edit to A is next; the record is as it left it, so it works.
    await call(svc, 'history.undo', {})
    expect((await call(svc, 'records.get', { id: ach.id })).record.title).toBe('煤层气')
    await svc.close()
  })

  it('detects a conflict when the journal entry no longer matches the present', async () => {
    const { svc, ach } = await seeded()
    await call(svc, 'records.update', { id: ach.id, patch: { title: 'A' } })
    // A change that is not on the undo stack (a settings edit is, so simulate a foreign one).
    await svc.apply('history.undo', 'foreign', [{ op: 'update', coll: 'records', id: ach.id, patch: { title: 'X' } }])
    await expect(call(svc, 'history.undo', {})).rejects.toMatchObject({ code: 'conflict' })
    expect((await call(svc, 'records.get', { id: ach.id })).record.title).toBe('X')
    await svc.close()
  })

  it('says there is nothing to undo after loading the demo', async () => {
    const svc = await open(tmpDir())
    await call(svc, 'archive.loadDemo', {})
    expect((await call(svc, 'history.state', {})).canUndo).toBe(false)
    await expect(call(svc, 'history.undo', {})).rejects.toMatchObject({ code: 'conflict' })
    await svc.close()
  })

  it('filters the journal and marks undone steps', async () => {
    const { svc, ach } = await seeded()
    await call(svc, 'records.update', { id: ach.id, patch: { title: '改名' } })
    const u = await call(svc, 'history.undo', {})
    const byRecord = await call(svc, 'journal.query', { recordId: ach.id })
    expect(byRecord.map((e) => e.method)).toEqual(['history.undo', 'records.update', 'records.create'])
    expect(byRecord[1]).toMatchObject({ undone: true })
    expect(byRecord[0]).toMatchObject({ undoOf: byRecord[1]!.seq, seq: u.seq })
    expect(await call(svc, 'journal.query', { method: 'tags.' })).toHaveLength(1)
    expect((await call(svc, 'journal.query', { text: '改名' })).length).toBe(2)
    expect(await call(svc, 'journal.query', { who: 'nobody' })).toEqual([])
    await svc.close()
  })
})

describe('same', () => {
  it('compares deeply regardless of key order', async () => {
    const { same } = await import('./history')
    expect(same({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
    expect(same({ a: 1 }, { a: 2 })).toBe(false)
    expect(same([1, 2], [2, 1])).toBe(false)
    expect(same(null, {})).toBe(false)
  })
})

describe('the journal marks the edit itself as undone', () => {
  it('through undo, redo and undo again', async () => {
    const { svc, ach } = await seeded()
    await call(svc, 'records.update', { id: ach.id, patch: { title: '改' } })
    const undone = async () => (await call(svc, 'journal.query', { method: 'records.update' }))[0]!.undone
    await call(svc, 'history.undo', {})
    expect(await undone()).toBe(true)
    await call(svc, 'history.redo', {})
    expect(await undone()).toBe(false)
    await call(svc, 'history.undo', {})
    expect(await undone()).toBe(true)
    await svc.close()
  })
})
