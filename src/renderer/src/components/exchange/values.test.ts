import { describe, expect, it } from 'vitest'
import zh from '@renderer/i18n/zh-CN'
import en from '@renderer/i18n/en'
import { fieldRows, sameValue, valueText, type ValueWords } from './values'

type Tree = { [k: string]: string | Tree }
function words(locale: 'zh-CN' | 'en'): ValueWords {
  const tree = (locale === 'en' ? en : zh) as unknown as Tree
  const at = (key: string): string | Tree | undefined => key.split('.').reduce<string | Tree | undefined>((t, k) => (t && typeof t === 'object' ? t[k] : undefined), tree)
  return {
    t: (key, named) => {
      const m = at(key)
      if (typeof m !== 'string') return key
      return m.replace(/\{(\w+)\}/g, (_, k: string) => String(named?.[k] ?? ''))
    },
    has: (key) => typeof at(key) === 'string',
    locale,
    areaName: (id) => (id === 'edu' ? '教育' : ''),
    tagPath: (id) => (id === 'tag_a' ? '产业/煤化工' : undefined),
    batchTitle: (id) => (id === 'bat_5' ? '山西第五批' : undefined),
    groupTitle: (id) => (id === 'grp_6' ? '六月巡诊照片' : undefined),
    fondsCode: 'Z109',
  }
}
const zw = words('zh-CN')

describe('conflict values in words', () => {
  it('dates, enums, batches, areas and tags read as staff write them', () => {
    expect(valueText(zw, 'records', 'date', '2025-03-18')).toBe('2025年3月18日')
    expect(valueText(zw, 'records', 'retention', 'D30')).toBe('定期30年')
    expect(valueText(zw, 'records', 'batchId', 'bat_5')).toBe('山西第五批')
    expect(valueText(zw, 'records', 'groupId', 'grp_6')).toBe('六月巡诊照片')
    expect(valueText(zw, 'records', 'area', 'edu')).toBe('教育')
    expect(valueText(zw, 'records', 'tags', ['tag_a', 'tag_gone'])).toBe('产业/煤化工、tag_gone')
    expect(valueText(zw, 'records', 'places', ['阜康', '吉木萨尔'])).toBe('阜康、吉木萨尔')
    expect(valueText(zw, 'records', 'sample', true)).toBe('是')
    expect(valueText(zw, 'records', 'notes', '')).toBe('（空）')
    expect(valueText(zw, 'links', 'type', 'evidence')).toBe('佐证')
  })

  it('objects in a compact form: a 档号, a caption in its parts, metrics, files by name', () => {
    expect(valueText(zw, 'records', 'filing', { year: 2024, retention: 'Y', orgCode: 'BGS', itemNo: 3 })).toBe('Z109-WS·2024-Y-BGS-0003')
    expect(valueText(zw, 'records', 'caption', { event: '调研', time: '', place: '阜康', people: '', background: '', photographer: '李明' })).toBe(
      '事由：调研；地点：阜康；摄影者：李明',
    )
    expect(valueText(zw, 'records', 'metrics', [{ label: '产能', value: 5, unit: '万吨', qualifier: '', before: null, note: '' }])).toContain('产能')
    expect(valueText(zw, 'records', 'attachments', [{ sha256: 'x', name: '报告.pdf', mime: 'application/pdf', size: 1 }])).toBe('报告.pdf')
  })

  it('a long text is cut and says how long it was', () => {
    const long = '字'.repeat(1000)
    const shown = valueText(zw, 'records', 'body', long)
    expect(shown.length).toBeLessThan(300)
    expect(shown).toContain('1000')
  })

  it('rows: every field but stamps, labelled as the form labels them, differing ones marked', () => {
    const a = { id: 'r1', kind: 'report', title: '甲', notes: '本机', tags: ['tag_a'], updatedAt: '2025-01-01T00:00:00Z', caption: { event: 'x', time: '' } }
    const b = { id: 'r1', kind: 'report', title: '乙', notes: '本机', tags: ['tag_a'], updatedAt: '2025-02-01T00:00:00Z', caption: { time: '', event: 'x' } }
    const rows = fieldRows(zw, 'records', a, b)
    expect(rows.map((r) => r.key)).toEqual(['title', 'notes', 'tags', 'caption'])
    expect(rows.find((r) => r.key === 'title')).toMatchObject({ label: '题名', current: '甲', other: '乙', differs: true })
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(['title'])
  })

  it('a missing and an empty value are the same; a deleted version shows no values', () => {
    expect(sameValue(null, undefined)).toBe(true)
    const rows = fieldRows(zw, 'records', { title: '甲', notes: '' }, { title: '甲' })
    expect(rows.every((r) => !r.differs)).toBe(true)
    expect(fieldRows(zw, 'records', { title: '甲' }, null)[0]).toMatchObject({ current: '甲', other: '' })
  })

  it('zh-CN never shows a raw key; en falls back to it', () => {
    expect(fieldRows(zw, 'records', { weirdKey: 1 }, { weirdKey: 2 })[0]!.label).not.toMatch(/weirdKey/)
    expect(fieldRows(words('en'), 'records', { weirdKey: 1 }, { weirdKey: 2 })[0]!.label).toBe('weirdKey')
  })
})
