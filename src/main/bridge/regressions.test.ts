// The cases that showed the archive's rules living in each handler, replayed as a user's
// client meets them: over HTTP through the browser host, on the demo archive. Each was
// once accepted (or refused in English) on one path and not another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord, PhotoRecord } from '../../shared/domain'
import type { ApiErrorShape } from '../../shared/errors'
import { formatError } from '../../shared/i18n/format'
import { openArchive, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import { startBridge, type Bridge } from './server'

let svc: ArchiveService
let bridge: Bridge

async function api<T = unknown>(method: string, input: unknown = {}): Promise<{ status: number; ok: T; error: ApiErrorShape }> {
  const res = await fetch(`http://127.0.0.1:${bridge.port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { error?: ApiErrorShape }
  return { status: res.status, ok: body as T, error: body.error as ApiErrorShape }
}
const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const r = await api<T>(method, input)
  if (r.status !== 200) throw new Error(`${method}: ${r.status} ${JSON.stringify(r.error)}`)
  return r.ok
}
const record = async <T extends ArchiveRecord = ArchiveRecord>(id: string) => (await call<{ record: T }>('records.get', { id })).record
const seq = async () => (await call<{ seq: number }>('archive.info')).seq
/** A refusal as the zh-CN UI words it: Chinese, with no English sentence in it. */
const zh = (e: ApiErrorShape) => formatError('zh-CN', e)
const noEnglish = (text: string) => expect(text.replace(/ZP·\d{4}-\d{4}|Z109-WS·[\w·-]+|\d{4}-\d{2}(-\d{2})?|[a-z]+_[0-9a-z_]+/g, '')).not.toMatch(/[A-Za-z]{2,}/)

beforeAll(async () => {
  svc = await openArchive(tmpDir(), { user: 'tester' })
  bridge = await startBridge({ service: svc, rendererDir: tmpDir() })
  await call('archive.loadDemo')
})
afterAll(async () => {
  await bridge.close()
  await svc.close()
})

describe('the archive rules hold on every path (through the browser host)', () => {
  it('two photo groups made one after the other never repeat a 照片号', async () => {
    const photos = []
    for (const title of ['开幕式', '合影', '参观', '座谈']) photos.push((await call<ArchiveRecord>('records.create', { record: { kind: 'photo', title, date: '2025-06-01' } })).id)
    await call('groups.create', { title: '甲组', photoIds: photos.slice(0, 2) })
    const g = await call<{ id: string }>('groups.create', { title: '乙组' })
    await call('groups.addPhotos', { id: g.id, photoIds: photos.slice(2) })
    const nos = await Promise.all(photos.map(async (id) => (await record<PhotoRecord>(id)).photoNo))
    // The demo already holds ZP·2025-0001 and ZP·2025-0002: the sequence goes on after them.
    expect(nos).toEqual(['ZP·2025-0003', 'ZP·2025-0004', 'ZP·2025-0005', 'ZP·2025-0006'])
    // A typed duplicate is refused, naming the rule, in Chinese.
    const dup = await api('records.update', { id: photos[3], patch: { photoNo: 'ZP·2025-0003' } })
    expect(dup.status).toBe(409)
    expect(dup.error).toMatchObject({ code: 'conflict', rule: 'photo_no_unique', reason: 'rule.photo_no_unique', field: 'patch.photoNo' })
    expect(zh(dup.error)).toBe('照片号 ZP·2025-0003 已被“开幕式”使用。')
  })

  it('io.importJson refuses a second batch numbered 5, as records.create does, and changes nothing', async () => {
    const before = await seq()
    const file = { format: 'aid-archive/v1', records: [{ kind: 'batch', title: '又一个第五批', number: 5 }, { kind: 'achievement', title: '某成果' }] }
    const r = await api('io.importJson', { data: file })
    expect(r.status).toBe(409)
    expect(r.error).toMatchObject({ rule: 'batch_number_unique', reason: 'rule.batch_number_unique', field: 'records.0.number', params: { number: 5 } })
    noEnglish(zh(r.error))
    const direct = await api('records.create', { record: { kind: 'batch', title: '又一个第五批', number: 5 } })
    expect(direct.error).toMatchObject({ rule: 'batch_number_unique', field: 'record.number' })
    expect(await seq()).toBe(before)
  })

  it('参见号 follows the links on every path: bulk link sets it, a new 档号 updates it, removing the link clears it', async () => {
    const rep = await call<ArchiveRecord>('records.create', { record: { kind: 'report', title: '义诊简报', date: '2025-07-01' } })
    const filed = await call<ArchiveRecord & { kind: 'report' }>('records.file', { id: rep.id })
    const refCode = `Z109-WS·2025-Y-BGS-${String(filed.filing!.itemNo).padStart(4, '0')}`
    const photo = (await call<ArchiveRecord>('records.create', { record: { kind: 'photo', title: '义诊现场' } })).id
    await call('links.bulkCreate', { ids: [photo], target: rep.id, type: 'evidence', direction: 'out' })
    expect((await record<PhotoRecord>(photo)).refNo).toBe(refCode)
    // The report refiled under another organisation: the photo's 参见号 follows.
    await call('records.update', { id: rep.id, patch: { filing: { ...filed.filing!, orgCode: 'YLZ' } } })
    expect((await record<PhotoRecord>(photo)).refNo).toBe(refCode.replace('-BGS-', '-YLZ-'))
    // A 全宗号 change renders every 档号 anew.
    await call('settings.update', { patch: { fondsCode: 'A001' } })
    expect((await record<PhotoRecord>(photo)).refNo).toBe(refCode.replace('-BGS-', '-YLZ-').replace('Z109', 'A001'))
    await call('settings.update', { patch: { fondsCode: 'Z109' } })
    const link = (await call<{ links: { link: { id: string } }[] }>('records.get', { id: photo })).links[0]!.link.id
    await call('links.delete', { id: link })
    expect((await record<PhotoRecord>(photo)).refNo).toBe('')
  })

  it('dates: real calendar days only, periods in order, and the forms staff write', async () => {
    const bad = await api('records.create', { record: { kind: 'achievement', title: '某成果', date: '2024-02-30' } })
    expect(bad.error).toMatchObject({ code: 'invalid_input', reason: 'date.not_in_calendar', field: 'record.date' })
    expect(zh(bad.error)).toBe('日期：日历上没有 2024-02-30 这一天。')
    const reversed = await api('records.create', { record: { kind: 'batch', title: '第九批', number: 9, startDate: '2022-01', endDate: '2021-12' } })
    expect(reversed.error).toMatchObject({ rule: 'period_order', field: 'record.endDate' })
    noEnglish(zh(reversed.error))
    const forms: [string, string][] = [
      ['2025年3月18日', '2025-03-18'],
      ['2025年3月', '2025-03'],
      ['2025.03.18', '2025-03-18'],
      ['2025/3/18', '2025-03-18'],
      ['20250318', '2025-03-18'],
      ['2025-03-18', '2025-03-18'],
    ]
    for (const [typed, stored] of forms) {
      const r = await call<ArchiveRecord & { kind: 'achievement' }>('records.create', { record: { kind: 'achievement', title: `日期 ${typed}`, date: typed } })
      expect(r.date, typed).toBe(stored)
    }
    // An edit through records.update reads them too.
    const a = await call<ArchiveRecord>('records.create', { record: { kind: 'achievement', title: '改日期' } })
    expect((await call<ArchiveRecord & { kind: 'achievement' }>('records.update', { id: a.id, patch: { date: '2025年7月8日' } })).date).toBe('2025-07-08')
  })

  it('a delete cascades in one place: links go, the batch lets its records go, search forgets, undo restores', async () => {
    const batch = await call<ArchiveRecord>('records.create', { record: { kind: 'batch', title: '第七批', number: 7 } })
    const ach = await call<ArchiveRecord>('records.create', { record: { kind: 'achievement', title: '干熄焦余热发电', batchId: batch.id } })
    await call('links.create', { from: ach.id, to: batch.id, type: 'related' })
    const hits = async (q: string) => (await call<{ hits: { id: string }[] }>('search.query', { q, limit: 10 })).hits.map((h) => h.id)
    expect(await hits('batch:7 干熄焦余热')).toContain(ach.id)
    // A renamed tag is found under its new path (the kernel re-indexes its records).
    const tag = await call<{ id: string }>('tags.create', { path: '测试/旧名' })
    await call('tags.apply', { recordIds: [ach.id], tagIds: [tag.id], mode: 'add' })
    await call('tags.update', { id: tag.id, path: '测试/余热利用' })
    expect(await hits('tag:余热利用')).toEqual([ach.id])

    const del = await call<{ linksRemoved: number }>('records.delete', { id: batch.id })
    expect(del.linksRemoved).toBe(1)
    expect(((await record(ach.id)) as ArchiveRecord & { kind: 'achievement' }).batchId).toBeNull()
    expect(await hits('batch:7 干熄焦余热')).toEqual([])
    // One undo gives back the batch, its link and the record's batch, through the same rules.
    await call('history.undo')
    expect(((await record(ach.id)) as ArchiveRecord & { kind: 'achievement' }).batchId).toBe(batch.id)
    expect((await call<{ links: unknown[] }>('records.get', { id: batch.id })).links).toHaveLength(1)
    expect(await hits('batch:7 干熄焦余热')).toContain(ach.id)
  })

  it('every refusal is data: a reason and its parameters, worded in Chinese for the zh-CN UI', async () => {
    const cases = [
      await api('records.create', { record: { kind: 'report', title: '' } }),
      await api('records.get', { id: 'rep_missing' }),
      await api('links.create', { from: 'rep_seed_article', to: 'rep_seed_article', type: 'related' }),
      await api('tags.create', { path: '产业//煤化工' }),
      await api('records.update', { id: 'rep_seed_article', patch: { pages: -1 } }),
    ]
    for (const c of cases) {
      expect(c.status).toBeGreaterThanOrEqual(400)
      expect(typeof c.error.reason).toBe('string')
      const text = zh(c.error)
      expect(text).toMatch(/[\u4e00-\u9fff]/)
      noEnglish(text)
    }
    // The input's wrapper (record.) is not the user's word; the field is.
    expect(zh(cases[0]!.error)).toBe('题名：此项必填。')
  })
})
