import { describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../shared/domain'
import { compareRows } from './list'

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
