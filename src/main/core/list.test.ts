import { describe, expect, it } from 'vitest'
import type { ApiParsedInput } from '../../shared/api'
import type { ArchiveRecord } from '../../shared/domain'
import { ListCache, compareRows } from './list'
import { tmpDir } from '../test-support/tmp'
import { ArchiveStore } from './store/archive-store'

// Only the fields the order reads.
const rec = (id: string, title: string, date: string, kind: ArchiveRecord['kind'] = 'report') =>
  ({ id, kind, title, date, startDate: date, updatedAt: `2025-01-0${id.length}` }) as unknown as ArchiveRecord

const rows = [
  rec('a', '准东项目', ''),
  rec('b', '阜康简报', '2024-05'),
  rec('c', '昌吉总结', ''),
  rec('d', '吉木萨尔成果', '2019-07'),
  rec('e', '奇台照片', '2024-05'),
  rec('f', '巴州', '2021'),
]
const order = (sort: 'date' | 'title' | 'kind', desc: boolean) => [...rows].sort(compareRows(sort, desc)).map((r) => r.title)

describe('library order', () => {
  it('puts undated records last when sorting by date ascending', () => {
    expect(order('date', false)).toEqual(['吉木萨尔成果', '巴州', '阜康简报', '奇台照片', '昌吉总结', '准东项目'])
  })

  it('puts undated records last when sorting by date descending too', () => {
    expect(order('date', true)).toEqual(['阜康简报', '奇台照片', '巴州', '吉木萨尔成果', '昌吉总结', '准东项目'])
  })

  it('breaks ties of date by title in pinyin order, in both directions', () => {
    // 阜康 (fu) before 奇台 (qi); 昌吉 (chang) before 准东 (zhun) among the undated.
    const asc = order('date', false)
    const desc = order('date', true)
    for (const o of [asc, desc]) {
      expect(o.indexOf('阜康简报')).toBeLessThan(o.indexOf('奇台照片'))
      expect(o.indexOf('昌吉总结')).toBeLessThan(o.indexOf('准东项目'))
    }
  })

  it('sorts titles in pinyin order and reverses them when descending', () => {
    expect(order('title', false)).toEqual(['巴州', '昌吉总结', '阜康简报', '吉木萨尔成果', '奇台照片', '准东项目'])
    expect(order('title', true)).toEqual(['准东项目', '奇台照片', '吉木萨尔成果', '阜康简报', '昌吉总结', '巴州'])
  })
})

describe('the library lists after edits', () => {
  const TITLES = ['准东项目', '阜康简报', '昌吉总结', '吉木萨尔成果', '奇台照片', '巴州', '援疆工作', '干熄焦']
  const KINDS: ArchiveRecord['kind'][] = ['report', 'achievement', 'photo']
  // Only the fields the lists read; the store's commit does not check records (the kernel does).
  const make = (n: number, i: number, rand: () => number): ArchiveRecord =>
    ({ id: `rec_${n}`, kind: KINDS[i % 3], title: TITLES[Math.floor(rand() * TITLES.length)], date: rand() < 0.2 ? '' : `20${10 + Math.floor(rand() * 15)}`, updatedAt: `2025-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, tags: rand() < 0.5 ? ['tag_a'] : [], area: rand() < 0.5 ? 'industry' : 'education', batchId: 'bat_1' }) as unknown as ArchiveRecord

  it('patches the cached lists on each commit and answers exactly what sorting anew would', async () => {
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const store = await ArchiveStore.open(tmpDir(), { snapshotDelayMs: 3_600_000 })
    const commit = (put: ArchiveRecord[], del: string[] = []) =>
      store.commit('test', 't', '', [
        ...put.map((r) => ({ coll: 'records' as const, id: r.id, before: store.records.get(r.id) ?? null, after: r })),
        ...del.map((id) => ({ coll: 'records' as const, id, before: store.records.get(id)!, after: null })),
      ])
    await commit(Array.from({ length: 300 }, (_, i) => make(i, i, rand)))
    const cache = new ListCache(store)
    const queries = [
      { sort: 'updatedAt', desc: true },
      { sort: 'title', desc: false },
      { sort: 'date', desc: false, kinds: ['report', 'photo'] },
      { sort: 'kind', desc: true, tagId: 'tag_a' },
      { sort: 'date', desc: true, area: 'industry' },
    ] as ApiParsedInput<'records.list'>[]
    let next = 300
    for (let round = 0; round < 60; round++) {
      for (const q of queries) expect(cache.ids(q)).toEqual(new ListCache(store).ids(q))
      const ids = [...store.records.keys()]
      const pick = () => ids[Math.floor(rand() * ids.length)]!
      // Mostly one to three edits (each row found and moved); every tenth round a bulk edit of 20–40 (the list filtered once).
      const count = round % 10 === 9 ? 20 + Math.floor(rand() * 20) : 1 + Math.floor(rand() * 3)
      const edits = [...new Map(Array.from({ length: count }, () => ({ ...make(0, Math.floor(rand() * 3), rand), id: pick() }) as ArchiveRecord).map((r) => [r.id, r])).values()]
      const created = rand() < 0.3 ? [make(next++, next, rand)] : []
      const deleted = rand() < 0.3 ? [pick()].filter((id) => !edits.some((e) => e.id === id)) : []
      await commit([...edits, ...created], deleted)
    }
    await store.close()
  })
})
