import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ApiInput, Method } from '../../shared/api'
import { tmpDir } from '../test-support/tmp'
import { dispatch, openArchive, type ArchiveService } from '../app'

async function fresh(): Promise<ArchiveService> {
  return openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
}
const call = <M extends Method>(svc: ArchiveService, m: M, input: ApiInput<M>) => dispatch(svc, m, input)

async function seeded() {
  const svc = await fresh()
  const batch = await call(svc, 'records.create', { record: { kind: 'batch', title: '第五批山西援疆工作队', number: 5, counterpart: '昌吉州' } })
  const report = await call(svc, 'records.create', {
    record: { kind: 'report', title: '工作综述', batchId: batch.id, date: '2025-09-01', responsible: '左晓雨', body: '阜康市永鑫焦化干熄焦项目投产' },
  })
  const ach = await call(svc, 'records.create', {
    record: {
      kind: 'achievement',
      title: '煤层气技术服务',
      batchId: batch.id,
      area: 'industry',
      places: ['吉木萨尔县'],
      metrics: [{ label: '日产气量', value: 5, unit: '万立方米', before: 3.15 }],
    },
  })
  const photo = await call(svc, 'records.create', { record: { kind: 'photo', title: 'BDO生产线', batchId: batch.id, date: '2024-06-23' } })
  return { svc, batch, report, ach, photo }
}

describe('ArchiveService records', () => {
  it('creates records with bookkeeping fields and defaults, and reads them back', async () => {
    const { svc, ach, batch } = await seeded()
    expect(ach).toMatchObject({ kind: 'achievement', createdBy: 'tester', updatedBy: 'tester', status: 'completed', tags: [] })
    expect(ach.id).toMatch(/^ach_[0-9a-f]{12}$/)
    expect(ach.kind === 'achievement' && ach.metrics[0]).toEqual({ label: '日产气量', value: 5, unit: '万立方米', before: 3.15, qualifier: '', note: '' })
    const d = await call(svc, 'records.get', { id: ach.id })
    expect(d.summary).toMatchObject({ batchId: batch.id, batchNumber: 5, area: 'industry' })
    await svc.close()
  })

  it('updates a field and keeps it across a reopen', async () => {
    const { svc, report } = await seeded()
    const dir = svc.store.dir
    const u = await call(svc, 'records.update', { id: report.id, patch: { title: '第五批工作综述', pages: 12 }, expectedUpdatedAt: report.updatedAt })
    expect(u).toMatchObject({ title: '第五批工作综述', pages: 12 })
    await svc.close()
    const again = await openArchive(dir)
    expect((await call(again, 'records.get', { id: report.id })).record.title).toBe('第五批工作综述')
    await again.close()
  })

  it('refuses stale, unknown and immutable edits with typed errors and changes nothing', async () => {
    const { svc, report } = await seeded()
    const seq = svc.store.seq
    await call(svc, 'records.update', { id: report.id, patch: { pages: 3 } })
    await expect(call(svc, 'records.update', { id: report.id, patch: { pages: 4 }, expectedUpdatedAt: report.updatedAt })).rejects.toMatchObject({ code: 'conflict' })
    await expect(call(svc, 'records.update', { id: report.id, patch: { colour: 'red' } })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('colour') })
    await expect(call(svc, 'records.update', { id: report.id, patch: { kind: 'photo' } })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(call(svc, 'records.update', { id: report.id, patch: { date: '2025-13-01' } })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('date') })
    await expect(call(svc, 'records.update', { id: report.id, patch: { batchId: report.id } })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(call(svc, 'records.update', { id: 'rep_nothere', patch: { pages: 1 } })).rejects.toMatchObject({ code: 'not_found' })
    expect(svc.store.seq).toBe(seq + 1)
    expect((await call(svc, 'records.get', { id: report.id })).record).toMatchObject({ pages: 3, date: '2025-09-01' })
    await svc.close()
  })

  it('refuses a second batch with the same number', async () => {
    const { svc } = await seeded()
    await expect(call(svc, 'records.create', { record: { kind: 'batch', title: 'x', number: 5 } })).rejects.toMatchObject({ code: 'conflict' })
    await svc.close()
  })

  it('lists with filters, sorting and paging', async () => {
    const { svc, batch } = await seeded()
    const all = await call(svc, 'records.list', { limit: 2 })
    expect(all.total).toBe(4)
    expect(all.items).toHaveLength(2)
    const mine = await call(svc, 'records.list', { batchId: batch.id, kinds: ['report', 'photo'], sort: 'date', desc: false })
    expect(mine.items.map((i) => i.title)).toEqual(['BDO生产线', '工作综述'])
    expect((await call(svc, 'records.list', { area: 'industry' })).items.map((i) => i.kind)).toEqual(['achievement'])
    await svc.close()
  })
})

describe('档号 numbering', () => {
  it('files reports with 件号 running inside their (年度, 保管期限, 机构) class', async () => {
    const svc = await fresh()
    const mk = (date: string) => call(svc, 'records.create', { record: { kind: 'report', title: `简报 ${date}`, date, reportType: '简报' } })
    const a = await mk('2024-03-01')
    const b = await mk('2024-05-01')
    const c = await mk('2025-01-09')
    const d = await mk('2024-07-01')
    const codes = []
    for (const [r, extra] of [[a, {}], [b, {}], [c, {}], [d, { retention: 'D30' as const }]] as const) {
      const filed = await call(svc, 'records.file', { id: r.id, ...extra })
      codes.push((await call(svc, 'records.get', { id: filed.id })).summary.refCode)
    }
    expect(codes).toEqual(['Z109-WS·2024-Y-BGS-0001', 'Z109-WS·2024-Y-BGS-0002', 'Z109-WS·2025-Y-BGS-0001', 'Z109-WS·2024-D30-BGS-0001'])
    await expect(call(svc, 'records.file', { id: a.id })).rejects.toMatchObject({ code: 'conflict' })
    const undated = await call(svc, 'records.create', { record: { kind: 'report', title: '无日期' } })
    await expect(call(svc, 'records.file', { id: undated.id })).rejects.toMatchObject({ code: 'invalid_input' })
    await call(svc, 'settings.update', { patch: { fondsCode: 'A001' } })
    expect((await call(svc, 'records.get', { id: a.id })).summary.refCode).toBe('A001-WS·2024-Y-BGS-0001')
    await svc.close()
  })
})

describe('tags and links', () => {
  it('applies and removes tags on many records as one journal entry', async () => {
    const { svc, report, ach, photo } = await seeded()
    const t = await call(svc, 'tags.create', { path: ' 产业 / 煤化工 ', color: '#aa3300' })
    expect(t.path).toBe('产业/煤化工')
    await expect(call(svc, 'tags.create', { path: '产业/煤化工' })).rejects.toMatchObject({ code: 'conflict' })
    await expect(call(svc, 'tags.create', { path: '产业//x' })).rejects.toMatchObject({ code: 'invalid_input' })
    const seq = svc.store.seq
    expect(await call(svc, 'tags.apply', { recordIds: [report.id, ach.id, photo.id], tagIds: [t.id], mode: 'add' })).toEqual({ changed: 3 })
    expect(svc.store.seq).toBe(seq + 1)
    expect((await call(svc, 'tags.list', {}))[0]).toMatchObject({ path: '产业/煤化工', count: 3 })
    expect(await call(svc, 'tags.apply', { recordIds: [report.id, ach.id], tagIds: [t.id], mode: 'remove' })).toEqual({ changed: 2 })
    expect((await call(svc, 'records.get', { id: photo.id })).tags.map((x) => x.path)).toEqual(['产业/煤化工'])
    await expect(call(svc, 'tags.apply', { recordIds: [report.id], tagIds: ['tag_missing'], mode: 'add' })).rejects.toMatchObject({ code: 'not_found' })
    const del = await call(svc, 'tags.delete', { id: t.id })
    expect(del.recordsChanged).toBe(1)
    expect((await call(svc, 'records.get', { id: photo.id })).record.tags).toEqual([])
    await svc.close()
  })

  it('shows a link from both ends and removes links with a deleted record', async () => {
    const { svc, report, ach, photo } = await seeded()
    const l = await call(svc, 'links.create', { from: photo.id, to: ach.id, type: 'evidence', note: '现场照片' })
    await call(svc, 'links.create', { from: report.id, to: ach.id, type: 'evidence' })
    await expect(call(svc, 'links.create', { from: ach.id, to: photo.id, type: 'evidence' })).rejects.toMatchObject({ code: 'conflict' })
    await expect(call(svc, 'links.create', { from: ach.id, to: ach.id, type: 'related' })).rejects.toMatchObject({ code: 'invalid_input' })
    const fromPhoto = (await call(svc, 'records.get', { id: photo.id })).links
    expect(fromPhoto).toHaveLength(1)
    expect(fromPhoto[0]).toMatchObject({ direction: 'out', other: { id: ach.id }, link: { id: l.id, type: 'evidence', note: '现场照片' } })
    const fromAch = (await call(svc, 'records.get', { id: ach.id })).links
    expect(fromAch.map((x) => [x.direction, x.other.id]).sort()).toEqual([['in', photo.id], ['in', report.id]].sort())
    const gone = await call(svc, 'records.delete', { id: ach.id })
    expect(gone.linksRemoved).toBe(2)
    expect(svc.store.links.size).toBe(0)
    expect((await call(svc, 'records.get', { id: photo.id })).links).toEqual([])
    await svc.close()
  })

  it('fills a photo’s 参见号 with the 档号 of the filed report it is linked to', async () => {
    const { svc, report, photo } = await seeded()
    await call(svc, 'records.file', { id: report.id })
    await call(svc, 'links.create', { from: photo.id, to: report.id, type: 'related' })
    expect((await call(svc, 'records.get', { id: photo.id })).record).toMatchObject({ refNo: 'Z109-WS·2025-Y-BGS-0001' })
    await svc.close()
  })

  it('fills 参见号 of photos already linked when their report is filed later', async () => {
    const { svc, report, photo } = await seeded()
    await call(svc, 'links.create', { from: report.id, to: photo.id, type: 'related' })
    expect((await call(svc, 'records.get', { id: photo.id })).record).toMatchObject({ refNo: '' })
    await call(svc, 'records.file', { id: report.id })
    expect((await call(svc, 'records.get', { id: photo.id })).record).toMatchObject({ refNo: 'Z109-WS·2025-Y-BGS-0001' })
    await svc.close()
  })
})

describe('journal and interchange', () => {
  it('records who changed what in the journal, newest first', async () => {
    const { svc, report } = await seeded()
    await call(svc, 'records.update', { id: report.id, patch: { pages: 2 } })
    const j = await call(svc, 'journal.list', { recordId: report.id })
    expect(j.map((e) => e.method)).toEqual(['records.update', 'records.create'])
    expect(j[0]).toMatchObject({ who: 'tester', ids: [report.id] })
    const line = readFileSync(join(svc.store.dir, 'journal.jsonl'), 'utf8').trim().split('\n').pop()!
    expect(JSON.parse(line).changes[0].after.pages).toBe(2)
    await svc.close()
  })

  it('imports an interchange file all or nothing, and round-trips an export into an empty archive', async () => {
    const svc = await fresh()
    const good = {
      format: 'aid-archive/v1',
      records: [
        { id: 'bat_x5', kind: 'batch', title: '第五批', number: 5 },
        { id: 'ach_x1', kind: 'achievement', title: '展厅', batchId: 'bat_x5', tags: ['领域/文化润疆'] },
      ],
      links: [{ from: 'ach_x1', to: 'bat_x5', type: 'related' }],
    }
    const bad = { ...good, records: [...good.records.map((r) => ({ ...r, id: r.id + 'b', ...(r.kind === 'batch' ? { number: 6 } : { batchId: 'bat_x5b' }) })), { kind: 'report', title: '' }] }
    await expect(call(svc, 'io.importJson', { data: bad })).rejects.toMatchObject({ code: 'invalid_input', field: 'records.2.title', reason: 'field.required' })
    expect(svc.store.records.size).toBe(0)
    expect(svc.store.tags.size).toBe(0)
    expect(await call(svc, 'io.importJson', { data: good })).toEqual({ created: 2, tags: 1, links: 1 })
    const doc = await call(svc, 'io.exportJson', {})
    const other = await fresh()
    await call(other, 'io.importJson', { data: JSON.parse(JSON.stringify(doc)) })
    expect({ ...(await call(other, 'io.exportJson', {})), seq: 0 }).toEqual({ ...doc, seq: 0 })
    await expect(call(other, 'io.importJson', { data: doc })).rejects.toMatchObject({ code: 'conflict' })
    await svc.close()
    await other.close()
  })
})

describe('settings', () => {
  it('changes only the keys a patch names', async () => {
    const svc = await fresh()
    const before = await call(svc, 'settings.get', {})
    const after = await call(svc, 'settings.update', { patch: { locale: 'en' } })
    expect(after).toEqual({ ...before, locale: 'en' })
    expect(after.areas.length).toBe(7)
    await expect(call(svc, 'settings.update', { patch: { defaultOrgCode: 'bgs' } })).rejects.toMatchObject({ code: 'invalid_input' })
    await svc.close()
  })
})
