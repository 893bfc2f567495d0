import { describe, expect, it } from 'vitest'
import type { ApiInput, Method } from '../../../shared/api'
import { dispatch, openArchive, type ArchiveService } from '../../app'
import { tmpDir } from '../../test-support/tmp'

const call = <M extends Method>(svc: ArchiveService, m: M, input: ApiInput<M>) => dispatch(svc, m, input)

async function world() {
  const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
  const mk = (record: ApiInput<'records.create'>['record']) => call(svc, 'records.create', { record })
  const b4 = await mk({ kind: 'batch', title: '第四批', number: 4 })
  const b5 = await mk({ kind: 'batch', title: '第五批', number: 5 })
  const gas = (batchId: string, value: number, before: number | null, unit = '万立方米') =>
    mk({ kind: 'achievement', title: `煤层气 ${value}`, batchId, area: 'industry', date: '2024-05', metrics: [{ label: '日产气量', value, unit, before }] })
  const a4 = await gas(b4.id, 3.15, 1.2)
  const a5 = await gas(b5.id, 5, 3.15)
  const a5b = await gas(b5.id, 2, null)
  const a5c = await gas(b5.id, 30000, null, '立方米')
  const edu = await mk({ kind: 'achievement', title: '高考', batchId: b5.id, area: 'education', date: '2025-06' })
  const photo = await mk({ kind: 'photo', title: '现场', batchId: b5.id, date: '2024-06-23' })
  const report = await mk({ kind: 'report', title: '简报', batchId: b5.id })
  const lonely = await mk({ kind: 'photo', title: '无关联照片', batchId: b5.id })
  await call(svc, 'links.create', { from: a5.id, to: a4.id, type: 'continues' })
  await call(svc, 'links.create', { from: photo.id, to: a5.id, type: 'evidence' })
  await call(svc, 'links.create', { from: report.id, to: photo.id, type: 'related' })
  return { svc, b4, b5, a4, a5, a5b, a5c, edu, photo, report, lonely }
}

describe('links seen from both ends', () => {
  it('shows a link out from one end and in from the other, and deleting a record leaves no dangling link', async () => {
    const w = await world()
    const fromPhoto = (await call(w.svc, 'records.get', { id: w.photo.id })).links.find((l) => l.other.id === w.a5.id)
    const fromAch = (await call(w.svc, 'records.get', { id: w.a5.id })).links.find((l) => l.other.id === w.photo.id)
    expect(fromPhoto).toMatchObject({ direction: 'out', link: { type: 'evidence' } })
    expect(fromAch).toMatchObject({ direction: 'in', link: { type: 'evidence' } })
    const res = await call(w.svc, 'records.delete', { id: w.photo.id })
    expect(res.linksRemoved).toBe(2)
    for (const l of w.svc.store.links.values()) expect(w.svc.store.records.has(l.from) && w.svc.store.records.has(l.to)).toBe(true)
    await w.svc.close()
  })
})

describe('chains, graphs and the to-do lists', () => {
  it('assembles the 延续 chain earliest batch first, with metrics side by side', async () => {
    const w = await world()
    for (const id of [w.a4.id, w.a5.id]) {
      const c = await call(w.svc, 'relations.chain', { id })
      expect(c.items.map((i) => i.summary.id)).toEqual([w.a4.id, w.a5.id])
      expect(c.items.map((i) => i.batchTitle)).toEqual(['第四批', '第五批'])
      expect(c.metrics).toEqual([{ label: '日产气量', cells: [expect.objectContaining({ value: 3.15, before: 1.2 }), expect.objectContaining({ value: 5, before: 3.15 })] }])
    }
    const alone = await call(w.svc, 'relations.chain', { id: w.edu.id })
    expect(alone.items).toHaveLength(1)
    await w.svc.close()
  })

  it('builds a neighbourhood graph two links deep', async () => {
    const w = await world()
    const g = await call(w.svc, 'relations.graph', { id: w.a5.id, depth: 2 })
    const depth = Object.fromEntries(g.nodes.map((n) => [n.id, n.depth]))
    expect(depth).toEqual({ [w.a5.id]: 0, [w.a4.id]: 1, [w.photo.id]: 1, [w.report.id]: 2 })
    expect(g.edges).toHaveLength(3)
    const g1 = await call(w.svc, 'relations.graph', { id: w.a5.id, depth: 1 })
    expect(g1.nodes).toHaveLength(3)
    await w.svc.close()
  })

  it('lists unbacked achievements and orphan photos and reports', async () => {
    const w = await world()
    const unbacked = (await call(w.svc, 'relations.unbacked', {})).map((s) => s.id).sort()
    expect(unbacked).toEqual([w.a4.id, w.a5b.id, w.a5c.id, w.edu.id].sort())
    expect((await call(w.svc, 'relations.unbacked', { batchId: w.b4.id })).map((s) => s.id)).toEqual([w.a4.id])
    expect((await call(w.svc, 'relations.orphans', {})).map((s) => s.id)).toEqual([w.lonely.id])
    await call(w.svc, 'links.create', { from: w.lonely.id, to: w.edu.id, type: 'evidence' })
    expect(await call(w.svc, 'relations.orphans', {})).toEqual([])
    expect((await call(w.svc, 'relations.unbacked', {})).map((s) => s.id)).not.toContain(w.edu.id)
    await w.svc.close()
  })
})

describe('batches', () => {
  it('totals metrics per batch where units agree and never sums mixed units', async () => {
    const w = await world()
    const d = await call(w.svc, 'batches.detail', { id: w.b5.id })
    expect(d.byArea.map((a) => [a.area, a.items.length])).toEqual([['industry', 3], ['education', 1]])
    expect(d.metrics).toEqual([
      expect.objectContaining({ label: '日产气量', unit: '万立方米', total: 7, count: 2, mixed: true }),
      expect.objectContaining({ label: '日产气量', unit: '立方米', total: 30000, count: 1, mixed: true }),
    ])
    expect(d.photos.map((p) => p.id).sort()).toEqual([w.photo.id, w.lonely.id].sort())
    expect(d.reports.map((p) => p.id)).toEqual([w.report.id])
    const d4 = await call(w.svc, 'batches.detail', { id: w.b4.id })
    expect(d4.metrics).toEqual([expect.objectContaining({ label: '日产气量', unit: '万立方米', total: 3.15, mixed: false })])
    await expect(call(w.svc, 'batches.detail', { id: w.a4.id })).rejects.toMatchObject({ code: 'invalid_input' })
    await w.svc.close()
  })

  it('never adds up percentages of several records', async () => {
    const w = await world()
    for (const id of [w.a5b.id, w.edu.id])
      await call(w.svc, 'records.update', { id, patch: { metrics: [{ label: '覆盖率', value: 90, unit: '%' }] } })
    const d = await call(w.svc, 'batches.detail', { id: w.b5.id })
    expect(d.metrics.find((m) => m.label === '覆盖率')).toMatchObject({ total: null, count: 2 })
    await w.svc.close()
  })

  it('keeps 以上 on a total with a part that is a lower bound, as the batch page shows it', async () => {
    const w = await world()
    await call(w.svc, 'records.update', { id: w.a5.id, patch: { metrics: [{ label: '日产气量', value: 5, unit: '万立方米', qualifier: '以上', before: 3.15 }] } })
    const d = await call(w.svc, 'batches.detail', { id: w.b5.id })
    expect(d.metrics.find((m) => m.unit === '万立方米')).toMatchObject({ total: 7, qualifier: '以上' })
    expect(d.metrics.find((m) => m.unit === '立方米')).toMatchObject({ total: 30000, qualifier: '' })
    const c = await call(w.svc, 'batches.compare', {})
    expect(c.metrics[0]!.points[w.b5.id]).toMatchObject({ total: 7, qualifier: '以上' })
    await w.svc.close()
  })

  it('compares batches: achievements per area, metric series by label and unit, a timeline by month', async () => {
    const w = await world()
    const c = await call(w.svc, 'batches.compare', {})
    expect(c.batches.map((b) => b.number)).toEqual([4, 5])
    expect(c.areas).toEqual(['industry', 'education'])
    expect(c.byArea.industry?.[w.b5.id]).toHaveLength(3)
    expect(c.byArea.industry?.[w.b4.id]).toEqual([w.a4.id])
    expect(c.metrics).toEqual([{ label: '日产气量', unit: '万立方米', points: { [w.b4.id]: { total: 3.15, qualifier: '', ids: [w.a4.id] }, [w.b5.id]: { total: 7, qualifier: '', ids: [w.a5.id, w.a5b.id] } } }])
    expect(c.timeline.find((t) => t.month === '2024-05')?.achievement).toHaveLength(4)
    expect(c.timeline.find((t) => t.month === '2024-06')?.photo).toEqual([w.photo.id])
    await w.svc.close()
  })
})

describe('bulk edits, each one step', () => {
  it('moves records to a batch and an area, and one undo moves them all back', async () => {
    const w = await world()
    const ids = [w.a5.id, w.a5b.id, w.edu.id]
    expect(await call(w.svc, 'records.bulkUpdate', { ids, patch: { batchId: w.b4.id, area: 'talent' } })).toEqual({ changed: 3 })
    for (const id of ids) expect((await call(w.svc, 'records.get', { id })).summary).toMatchObject({ batchNumber: 4, area: 'talent' })
    await call(w.svc, 'history.undo', {})
    expect((await call(w.svc, 'records.get', { id: w.edu.id })).summary).toMatchObject({ batchNumber: 5, area: 'education' })
    await expect(call(w.svc, 'records.bulkUpdate', { ids, patch: { batchId: w.a4.id } })).rejects.toMatchObject({ code: 'invalid_input' })
    await w.svc.close()
  })

  it('deletes many records with their links as one step, and undo restores records and links', async () => {
    const w = await world()
    const links = w.svc.store.links.size
    const res = await call(w.svc, 'records.bulkDelete', { ids: [w.a5.id, w.photo.id] })
    expect(res).toEqual({ deleted: 2, linksRemoved: 3 })
    expect(w.svc.store.links.size).toBe(links - 3)
    await call(w.svc, 'history.undo', {})
    expect(w.svc.store.links.size).toBe(links)
    expect((await call(w.svc, 'records.get', { id: w.photo.id })).links).toHaveLength(2)
    await w.svc.close()
  })

  it('links a selection to one record, skipping existing links', async () => {
    const w = await world()
    const res = await call(w.svc, 'links.bulkCreate', { ids: [w.photo.id, w.lonely.id, w.report.id], target: w.a5.id, type: 'evidence' })
    expect(res).toEqual({ created: 2, skipped: 1 })
    const d = await call(w.svc, 'records.get', { id: w.a5.id })
    expect(d.links.filter((l) => l.link.type === 'evidence' && l.direction === 'in')).toHaveLength(3)
    await call(w.svc, 'history.undo', {})
    expect((await call(w.svc, 'records.get', { id: w.a5.id })).links.filter((l) => l.link.type === 'evidence')).toHaveLength(1)
    await w.svc.close()
  })
})

describe('the demo with its SAMPLE records', () => {
  it('shows the coal-bed gas chain across batches 3, 4 and 5, and keeps samples marked', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    await call(svc, 'archive.loadDemo', {})
    const c = await call(svc, 'relations.chain', { id: 'ach_jimsar_cbm' })
    expect(c.items.map((i) => i.summary.batchNumber)).toEqual([3, 4, 5])
    expect(c.items.map((i) => i.summary.sample)).toEqual([true, true, false])
    expect(c.metrics.find((m) => m.label === '合作区块日产气量')?.cells.map((x) => x?.value)).toEqual([1.8, 3.15, 5])
    const cmp = await call(svc, 'batches.compare', {})
    expect(cmp.batches.map((b) => [b.number, b.sample])).toEqual([[3, true], [4, true], [5, false]])
    expect(cmp.metrics.some((m) => m.label === '600分以上人数')).toBe(true)
    const tags = new Map((await call(svc, 'tags.list', {})).map((t) => [t.id, t.path]))
    for (const r of svc.store.records.values()) if (r.sample) expect(r.tags.map((t) => tags.get(t))).toContain('示例')
    expect((await call(svc, 'relations.orphans', {})).map((s) => s.id)).toEqual(['pho_sample3_orphan'])
    await svc.close()
  })
})
