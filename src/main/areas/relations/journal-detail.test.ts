import { describe, expect, it } from 'vitest'
import type { ApiInput, Method } from '../../../shared/api'
import type { JournalQueryEntry } from '../../../shared/contract/relations'
import { dispatch, openArchive, type ArchiveService } from '../../app'
import { tmpDir } from '../../test-support/tmp'

const call = <M extends Method>(svc: ArchiveService, m: M, input: ApiInput<M>) => dispatch(svc, m, input)
const newest = async (svc: ArchiveService, q: Partial<ApiInput<'journal.query'>> = {}) => (await call(svc, 'journal.query', { limit: 100, ...q })) as JournalQueryEntry[]

describe('what a journal entry changed, for the journal view', () => {
  it('names the changed fields with values, ids as titles, and leaves the stamps out', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    const b5 = await call(svc, 'records.create', { record: { kind: 'batch', title: '第五批', number: 5 } })
    const a = await call(svc, 'records.create', { record: { kind: 'achievement', title: '煤层气', date: '2024-05', area: 'industry' } })
    const tag = await call(svc, 'tags.create', { path: '产业/煤层气' })
    await call(svc, 'records.update', { id: a.id, patch: { date: '2024-06', batchId: b5.id } })
    await call(svc, 'tags.apply', { recordIds: [a.id], tagIds: [tag.id], mode: 'add' })
    const [tagged, updated] = await newest(svc)
    expect(updated!.method).toBe('records.update')
    expect(updated!.items).toHaveLength(1)
    const item = updated!.items[0]!
    expect(item).toMatchObject({ coll: 'records', op: 'update', record: { id: a.id, kind: 'achievement', title: '煤层气', exists: true } })
    expect(item.fields).toHaveLength(2)
    expect(item.fields).toEqual(
      expect.arrayContaining([
        { key: 'batchId', before: null, after: b5.id },
        { key: 'date', before: '2024-05', after: '2024-06' },
      ]),
    )
    expect(updated!.refs[b5.id]).toBe('第五批')
    expect(updated!.records).toEqual([{ id: a.id, kind: 'achievement', title: '煤层气', exists: true }])
    expect(tagged!.items[0]!.fields).toEqual([{ key: 'tags', before: [], after: [tag.id] }])
    expect(tagged!.refs[tag.id]).toBe('产业/煤层气')
    await svc.close()
  })

  it('keeps the title of a record deleted since, and describes links by both ends', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    const a = await call(svc, 'records.create', { record: { kind: 'achievement', title: '高考' } })
    const p = await call(svc, 'records.create', { record: { kind: 'photo', title: '考场' } })
    await call(svc, 'links.create', { from: p.id, to: a.id, type: 'evidence' })
    await call(svc, 'records.delete', { id: p.id })
    const [deleted, linked, created] = await newest(svc)
    expect(deleted!.records).toEqual([{ id: p.id, kind: 'photo', title: '考场', exists: false }])
    expect(deleted!.items.find((i) => i.coll === 'records')).toMatchObject({ op: 'delete', record: { title: '考场', exists: false } })
    expect(deleted!.items.find((i) => i.coll === 'links')).toMatchObject({ op: 'delete', link: { type: 'evidence', from: { title: '考场' }, to: { title: '高考', exists: true } } })
    expect(deleted!.itemCount).toBe(2)
    // A step that only linked two records involves both.
    expect(linked!.records.map((r) => r.id)).toEqual([p.id, a.id])
    expect(linked!.items[0]).toMatchObject({ coll: 'links', op: 'create', link: { from: { id: p.id, exists: false }, to: { id: a.id } } })
    expect(created!.items[0]).toMatchObject({ op: 'create', record: { title: '考场' } })
    await svc.close()
  })

  it('reads entries older than the memory window from the journal file, after a reopen', async () => {
    const dir = tmpDir()
    let svc = await openArchive(dir, { user: 'tester', snapshotDelayMs: 10 })
    const a = await call(svc, 'records.create', { record: { kind: 'report', title: '简报一', body: 'x'.repeat(500) } })
    await call(svc, 'records.update', { id: a.id, patch: { body: 'y'.repeat(500), pages: 3 } })
    await svc.close()
    svc = await openArchive(dir, { user: 'tester', snapshotDelayMs: 10 })
    const [updated] = await newest(svc)
    const body = updated!.items[0]!.fields.find((f) => f.key === 'body')!
    // Long text is cut short for the list: a journal page is not a copy of every body.
    expect(String(body.after).length).toBeLessThan(100)
    expect(updated!.items[0]!.fields.find((f) => f.key === 'pages')).toEqual({ key: 'pages', before: null, after: 3 }) // 页数 unknown until someone counts
    await svc.close()
  })
})
