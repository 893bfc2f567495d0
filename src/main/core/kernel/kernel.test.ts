// The one write path through a real archive (a temp folder with the demo loaded): what the
// kernel stamps, what it refuses (whole), and what it derives (照片号, 参见号, cascades).
import { describe, expect, it } from 'vitest'
import type { ApiInput, Method } from '../../../shared/api'
import type { ArchiveRecord, PhotoRecord } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { dispatch, openArchive, type ArchiveService } from '../../app'
import { tmpDir } from '../../test-support/tmp'
import { violations } from '../verify'

const call = <M extends Method>(svc: ArchiveService, m: M, input: ApiInput<M>) => dispatch(svc, m, input)

async function demo(): Promise<ArchiveService> {
  const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
  await call(svc, 'archive.loadDemo', {})
  return svc
}

async function refused(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  )
  expect(e, 'expected a refusal').toBeInstanceOf(ApiError)
  return e as ApiError
}

const photoOf = (svc: ArchiveService, id: string) => svc.store.records.get(id) as PhotoRecord
const newPhoto = async (svc: ArchiveService, title: string, date = '2024-07-01') => (await call(svc, 'records.create', { record: { kind: 'photo', title, date } })).id
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

describe('stamping', () => {
  it('gives a new record its id, who and when, whatever the caller put there', async () => {
    const svc = await demo()
    const before = new Date().toISOString()
    const created = await call(svc, 'records.create', { record: { kind: 'batch', title: '第六批', number: 6 } })
    expect(created.id).toMatch(/^bat_[0-9a-f]{12}$/)
    expect(created).toMatchObject({ createdBy: 'tester', updatedBy: 'tester' })
    expect(created.createdAt).toMatch(ISO)
    expect(created.createdAt >= before).toBe(true)
    expect(created.updatedAt).toBe(created.createdAt)
    // Straight to the kernel, with stamps of the caller's own: the kernel's win.
    const res = await svc.apply('test', 'stamps', [
      { op: 'create', coll: 'records', value: { kind: 'batch', title: '第七批', number: 7, createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z', createdBy: 'mallory', updatedBy: 'mallory' } },
    ])
    const r = svc.store.records.get(res.ids[0]!)!
    expect(r).toMatchObject({ createdBy: 'tester', updatedBy: 'tester' })
    expect(r.createdAt >= before && r.updatedAt >= before).toBe(true)
    await svc.close()
  })

  it('restamps an edit and keeps when and by whom the record was made', async () => {
    const svc = await demo()
    const created = await call(svc, 'records.create', { record: { kind: 'report', title: '简报' } })
    await new Promise((r) => setTimeout(r, 5))
    const edited = await call(svc, 'records.update', { id: created.id, patch: { title: '简报第2期' } })
    expect(edited).toMatchObject({ id: created.id, kind: 'report', title: '简报第2期', createdAt: created.createdAt, createdBy: 'tester', updatedBy: 'tester' })
    expect(edited.updatedAt > created.updatedAt).toBe(true)
    await svc.close()
  })

  it('refuses a patch of id, kind or createdAt (field.immutable) and writes nothing', async () => {
    const svc = await demo()
    const seq = svc.store.seq
    for (const [field, value] of [
      ['id', 'rep_other'],
      ['kind', 'photo'],
      ['createdAt', '2000-01-01T00:00:00.000Z'],
    ] as const) {
      const e = await refused(call(svc, 'records.update', { id: 'rep_seed_article', patch: { [field]: value, title: '改' } }))
      expect(e).toMatchObject({ code: 'invalid_input', reason: 'field.immutable', field: `patch.${field}` })
    }
    expect(svc.store.seq).toBe(seq)
    expect(svc.store.records.get('rep_seed_article')!.title).not.toBe('改')
    await svc.close()
  })
})

describe('a change that breaks a rule is refused whole', () => {
  it('commits none of its items and names the rule', async () => {
    const svc = await demo()
    const seq = svc.store.seq
    const size = svc.store.records.size
    const e = await refused(
      svc.apply('test', 'half good', [
        { op: 'create', coll: 'records', value: { id: 'ach_good', kind: 'achievement', title: '好的' } },
        { op: 'update', coll: 'records', id: 'rep_seed_article', patch: { title: '改过' } },
        { op: 'create', coll: 'records', value: { id: 'bat_again5', kind: 'batch', title: '又一个第五批', number: 5 }, at: 'records.2' },
      ]),
    )
    expect(e).toMatchObject({ code: 'conflict', rule: 'batch_number_unique', reason: 'rule.batch_number_unique', field: 'records.2.number' })
    expect(svc.store.seq).toBe(seq)
    expect(svc.store.records.size).toBe(size)
    expect(svc.store.records.has('ach_good')).toBe(false)
    expect(svc.store.records.get('rep_seed_article')!.title).not.toBe('改过')
    await svc.close()
  })

  it('refuses a link from a record to itself, straight to the kernel', async () => {
    const svc = await demo()
    const seq = svc.store.seq
    const e = await refused(svc.apply('test', 'self', [{ op: 'create', coll: 'links', value: { from: 'rep_seed_article', to: 'rep_seed_article', type: 'related' } }]))
    expect(e.rule).toBe('link_not_self')
    expect(svc.store.seq).toBe(seq)
    await svc.close()
  })
})

describe('照片号', () => {
  it('numbers photos of two groups made one after the other from one sequence', async () => {
    const svc = await demo()
    const p1 = await newPhoto(svc, '一')
    const p2 = await newPhoto(svc, '二')
    const p3 = await newPhoto(svc, '三')
    await call(svc, 'groups.create', { title: '组一', photoIds: [p1, p2] })
    await call(svc, 'groups.create', { title: '组二', photoIds: [p3] })
    const nos = [p1, p2, p3].map((id) => photoOf(svc, id).photoNo)
    for (const no of nos) expect(no).toMatch(/^ZP·2024-\d{4}$/)
    expect(new Set(nos).size).toBe(3)
    // The demo holds ZP·2024-0001; the sequence goes on from there.
    expect(nos).toEqual(['ZP·2024-0002', 'ZP·2024-0003', 'ZP·2024-0004'])
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })

  it('never issues the number of a deleted photo again', async () => {
    const svc = await demo()
    const p1 = await newPhoto(svc, '一')
    const p2 = await newPhoto(svc, '二')
    const g = await call(svc, 'groups.create', { title: '组', photoIds: [p1, p2] })
    const gone = photoOf(svc, p2).photoNo
    await call(svc, 'records.delete', { id: p2 })
    const p3 = await newPhoto(svc, '三')
    await call(svc, 'groups.addPhotos', { id: g.id, photoIds: [p3] })
    expect(photoOf(svc, p3).photoNo).not.toBe(gone)
    expect(photoOf(svc, p3).photoNo > gone).toBe(true)
    await svc.close()
  })

  it('never issues again a number that came into the archive with its photo (the demo’s ZP·2024-0001)', async () => {
    const svc = await demo()
    expect(photoOf(svc, 'pho_bdo_line').photoNo).toBe('ZP·2024-0001')
    await call(svc, 'records.delete', { id: 'pho_bdo_line' })
    const p = await newPhoto(svc, '新')
    await call(svc, 'groups.create', { title: '组', photoIds: [p] })
    expect(photoOf(svc, p).photoNo).not.toBe('ZP·2024-0001')
    await svc.close()
  })

  it('counts a number typed in the archive’s form as issued', async () => {
    const svc = await demo()
    await call(svc, 'records.update', { id: 'pho_sample3_orphan', patch: { photoNo: 'ZP·2024-0050' } })
    await call(svc, 'records.delete', { id: 'pho_sample3_orphan' })
    const p = await newPhoto(svc, '新')
    await call(svc, 'groups.create', { title: '组', photoIds: [p] })
    expect(photoOf(svc, p).photoNo).toBe('ZP·2024-0051')
    await svc.close()
  })

  it('keeps a number issued by a group creation that was undone', async () => {
    const svc = await demo()
    const p = await newPhoto(svc, '一')
    const g = await call(svc, 'groups.create', { title: '组', photoIds: [p] })
    const issued = photoOf(svc, p).photoNo
    expect(issued).toMatch(/^ZP·2024-\d{4}$/)
    await call(svc, 'history.undo', {})
    expect(svc.store.photoGroups.has(g.id)).toBe(false)
    expect(photoOf(svc, p)).toMatchObject({ groupId: null, photoNo: '' })
    await call(svc, 'groups.create', { title: '组again', photoIds: [p] })
    expect(photoOf(svc, p).photoNo).toMatch(/^ZP·2024-\d{4}$/)
    expect(photoOf(svc, p).photoNo).not.toBe(issued)
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })
})

describe('参见号', () => {
  const REF = 'Z109-WS·2025-Y-BGS-0001'

  it('follows links to filed reports, their filing and the 全宗号', async () => {
    const svc = await demo()
    const p = 'pho_sample3_orphan'
    const filed = await call(svc, 'records.file', { id: 'rep_seed_article' })
    expect(filed.kind === 'report' && filed.filing).toMatchObject({ year: 2025, retention: 'Y', orgCode: 'BGS', itemNo: 1 })
    // Filing the report gave the photos already linked to it its 档号.
    expect(photoOf(svc, 'pho_bdo_line').refNo).toBe(REF)

    expect(photoOf(svc, p).refNo).toBe('')
    await call(svc, 'links.bulkCreate', { ids: [p], target: 'rep_seed_article', type: 'related' })
    expect(photoOf(svc, p).refNo).toBe(REF)

    // Refiled under another 件号, then the 全宗号 changed: the 参见号 follows both.
    const f = (svc.store.records.get('rep_seed_article') as Extract<ArchiveRecord, { kind: 'report' }>).filing!
    await call(svc, 'records.update', { id: 'rep_seed_article', patch: { filing: { ...f, itemNo: 7 } } })
    expect(photoOf(svc, p).refNo).toBe('Z109-WS·2025-Y-BGS-0007')
    expect(photoOf(svc, 'pho_bdo_line').refNo).toBe('Z109-WS·2025-Y-BGS-0007')
    await call(svc, 'settings.update', { patch: { fondsCode: 'A001' } })
    expect(photoOf(svc, p).refNo).toBe('A001-WS·2025-Y-BGS-0007')
    expect(photoOf(svc, 'pho_bdo_line').refNo).toBe('A001-WS·2025-Y-BGS-0007')

    const l = svc.store.linksOf(p).find((x) => x.to === 'rep_seed_article')!
    await call(svc, 'links.delete', { id: l.id })
    expect(photoOf(svc, p).refNo).toBe('')
    expect(photoOf(svc, 'pho_bdo_line').refNo).toBe('A001-WS·2025-Y-BGS-0007')

    // Unfiled: no 档号 to refer to.
    await call(svc, 'records.update', { id: 'rep_seed_article', patch: { filing: null } })
    expect(photoOf(svc, 'pho_bdo_line').refNo).toBe('')
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })

  it('joins the 档号 of several filed reports in link order', async () => {
    const svc = await demo()
    await call(svc, 'records.file', { id: 'rep_seed_article' })
    await call(svc, 'records.file', { id: 'rep_sample4_brief' })
    const p = 'pho_sample3_orphan'
    await call(svc, 'links.create', { from: p, to: 'rep_seed_article', type: 'related' })
    await call(svc, 'links.create', { from: 'rep_sample4_brief', to: p, type: 'cites' })
    expect(photoOf(svc, p).refNo).toBe(`${REF}；Z109-WS·2021-Y-BGS-0001`)
    await call(svc, 'records.delete', { id: 'rep_seed_article' })
    expect(photoOf(svc, p).refNo).toBe('Z109-WS·2021-Y-BGS-0001')
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })
})

describe('delete cascades', () => {
  it('takes a record’s links with it', async () => {
    const svc = await demo()
    const n = svc.store.linksOf('rep_seed_article').length
    expect(n).toBeGreaterThan(0)
    const links = svc.store.links.size
    const res = await call(svc, 'records.delete', { id: 'rep_seed_article' })
    expect(res.linksRemoved).toBe(n)
    expect(svc.store.links.size).toBe(links - n)
    for (const l of svc.store.links.values()) expect([l.from, l.to]).not.toContain('rep_seed_article')
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })

  it('lets a deleted batch’s records go (batchId null), stamped', async () => {
    const svc = await demo()
    const members = [...svc.store.records.values()].filter((r) => r.kind !== 'batch' && r.batchId === 'bat_shanxi5').map((r) => r.id)
    expect(members.length).toBeGreaterThan(0)
    const seq = svc.store.seq
    await call(svc, 'records.delete', { id: 'bat_shanxi5' })
    expect(svc.store.seq).toBe(seq + 1)
    for (const id of members) {
      const r = svc.store.records.get(id)!
      expect(r.kind !== 'batch' && r.batchId).toBeNull()
      expect(r.updatedBy).toBe('tester')
    }
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })

  it('takes a deleted tag off its records', async () => {
    const svc = await demo()
    const counts = new Map<string, number>()
    for (const r of svc.store.records.values()) for (const t of r.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
    const [tagId, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!
    expect(n).toBeGreaterThan(1)
    const res = await call(svc, 'tags.delete', { id: tagId })
    expect(res.recordsChanged).toBe(n)
    expect(svc.store.tags.has(tagId)).toBe(false)
    for (const r of svc.store.records.values()) expect(r.tags).not.toContain(tagId)
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })

  it('takes a deleted group’s photos out of it, keeping their 照片号', async () => {
    const svc = await demo()
    const no = photoOf(svc, 'pho_bdo_line').photoNo
    await svc.apply('test', 'delete group', [{ op: 'delete', coll: 'photoGroups', id: 'grp_seed_article' }])
    expect(photoOf(svc, 'pho_bdo_line')).toMatchObject({ groupId: null, photoNo: no })
    expect(violations(svc.store)).toEqual([])
    await svc.close()
  })
})

describe('dates as staff write them', () => {
  it('stores 2025年3月18日, 2025.03.18, 2025/3/18 and 20250318 as 2025-03-18', async () => {
    const svc = await demo()
    for (const date of ['2025年3月18日', '2025.03.18', '2025/3/18', '20250318']) {
      const r = await call(svc, 'records.create', { record: { kind: 'photo', title: date, date } })
      expect(svc.store.records.get(r.id), date).toMatchObject({ date: '2025-03-18' })
      // The kernel itself reads them too (an edit's patch is not parsed before it).
      const p = await newPhoto(svc, 'x', '2020')
      await call(svc, 'records.update', { id: p, patch: { date } })
      expect(svc.store.records.get(p), date).toMatchObject({ date: '2025-03-18' })
      const k = await svc.apply('test', date, [{ op: 'create', coll: 'records', value: { kind: 'photo', title: 'k', date } }])
      expect(svc.store.records.get(k.ids[0]!), date).toMatchObject({ date: '2025-03-18' })
    }
    await svc.close()
  })

  it('refuses 2024-02-30 on record.date with date.not_in_calendar, on every path', async () => {
    const svc = await demo()
    const seq = svc.store.seq
    const e1 = await refused(call(svc, 'records.create', { record: { kind: 'photo', title: 'x', date: '2024-02-30' } }))
    expect(e1).toMatchObject({ code: 'invalid_input', field: 'record.date', reason: 'date.not_in_calendar' })
    const e2 = await refused(svc.apply('test', 'bad date', [{ op: 'create', coll: 'records', value: { kind: 'photo', title: 'x', date: '2024-02-30' }, at: 'record' }]))
    expect(e2).toMatchObject({ code: 'invalid_input', field: 'record.date', reason: 'date.not_in_calendar' })
    const e3 = await refused(call(svc, 'records.update', { id: 'pho_bdo_line', patch: { date: '2024-02-30' } }))
    expect(e3).toMatchObject({ field: 'patch.date', reason: 'date.not_in_calendar' })
    expect(svc.store.seq).toBe(seq)
    await svc.close()
  })
})

describe('feeding search', () => {
  it('indexes what was committed, and nothing of a refused change', async () => {
    const svc = await demo()
    const hits = async (q: string) => (await call(svc, 'search.query', { q, strict: true })).hits.map((h) => h.id)
    await refused(
      svc.apply('test', 'refused', [
        { op: 'create', coll: 'records', value: { kind: 'achievement', title: '琉璃瓦修缮工程' } },
        { op: 'create', coll: 'records', value: { kind: 'batch', title: '重号', number: 5 } },
      ]),
    )
    expect(await hits('琉璃瓦修缮工程')).toEqual([])
    const r = await call(svc, 'records.create', { record: { kind: 'achievement', title: '琉璃瓦修缮工程' } })
    expect(await hits('琉璃瓦修缮工程')).toEqual([r.id])
    await call(svc, 'records.delete', { id: r.id })
    expect(await hits('琉璃瓦修缮工程')).toEqual([])
    await svc.close()
  })
})

describe('io.importJson', () => {
  it('refuses a file whose second batch is numbered 5 (rule batch_number_unique) and changes nothing', async () => {
    const svc = await demo()
    const doc = JSON.stringify(svc.store.toDocument())
    const seq = svc.store.seq
    const e = await refused(
      call(svc, 'io.importJson', {
        data: {
          format: 'aid-archive/v1',
          tags: [{ path: '导入/新标签' }],
          records: [
            { kind: 'batch', title: '第九批', number: 9, tags: ['导入/新标签'] },
            { kind: 'batch', title: '又一个第五批', number: 5 },
            { kind: 'achievement', title: '成果' },
          ],
        },
      }),
    )
    expect(e).toMatchObject({ code: 'conflict', rule: 'batch_number_unique', field: 'records.1.number' })
    expect(svc.store.seq).toBe(seq)
    expect(JSON.stringify(svc.store.toDocument())).toBe(doc)
    await svc.close()
  })
})
