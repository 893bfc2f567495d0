import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { JournalQueryEntry } from '@shared/contract/relations'
import zhCN from '@renderer/i18n/zh-CN'
import en from '@renderer/i18n/en'
import { entryLines, fieldWord, methodWord, recordWord, valueText, type Words } from './journal-words'

function words(locale: 'zh-CN' | 'en'): Words {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } as never })
  const g = i18n.global as unknown as { t: (k: string, n?: Record<string, unknown>) => string; te: (k: string) => boolean }
  return { t: (k, n) => (n ? g.t(k, n) : g.t(k)), has: (k) => g.te(k), locale, areaName: (id) => (id === 'industry' ? (locale === 'en' ? 'Industry' : '产业援疆') : id) }
}
const zh = words('zh-CN')
const enW = words('en')

/** Every method a handler commits under, read from the sources (a new one needs its words). */
const MAIN = import.meta.glob(['../../../../main/**/*.ts', '!../../../../main/**/*.test.ts', '!../../../../main/**/testing.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

function committedMethods(): string[] {
  const found = new Set<string>()
  expect(Object.keys(MAIN).length).toBeGreaterThan(50)
  for (const src of Object.values(MAIN)) {
    for (const m of src.matchAll(/\.apply\(\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)) found.add(m[1]!)
    for (const m of src.matchAll(/importData\(svc, [^,]+, '([a-zA-Z]+\.[a-zA-Z]+)'\)/g)) found.add(m[1]!)
  }
  return [...found, 'history.undo', 'history.redo', 'records.bulkDelete'].sort()
}

const entry = (over: Partial<JournalQueryEntry>): JournalQueryEntry => ({
  seq: 1, at: '2025-05-01T00:00:00Z', who: 'root', method: 'records.update', summary: '', ids: [], count: 1, undoOf: null, redoOf: null, undone: false,
  items: [], itemCount: 0, refs: {}, records: [], recordCount: 0, ...over,
})
const DEV = /\b[a-z]+[A-Z]\w*\b|\b\w+\.\w+\b|\b[a-z]+_[A-Za-z0-9]+\b/

describe('the journal in words', () => {
  it('has a word for every kind of change the handlers commit, in both languages', () => {
    const methods = committedMethods()
    expect(methods).toContain('tags.apply')
    expect(methods).toContain('archive.loadDemo')
    for (const m of methods) {
      expect(methodWord(zh, m), m).not.toBe(zh.t('relations.journal.ops.other'))
      expect(methodWord(enW, m), m).not.toBe(enW.t('relations.journal.ops.other'))
    }
    expect(methodWord(zh, 'records.create')).toBe('新建记录')
    expect(methodWord(zh, 'tags.apply')).toBe('打标签')
    expect(methodWord(enW, 'tags.apply')).toBe('Tag records')
    expect(methodWord(zh, 'someday.newThing')).toBe('其他操作')
  })

  it('names fields as the form does, and never by their key', () => {
    expect(fieldWord(zh, 'batchId')).toBe('所属批次')
    expect(fieldWord(zh, 'fondsCode')).toBe('全宗号')
    expect(fieldWord(zh, 'caption', 'event')).toBe('照片说明·事由')
    expect(fieldWord(zh, 'zzzUnknown')).toBe('其他字段')
    expect(fieldWord(enW, 'batchId')).toBe('Batch')
  })

  it('reads values: dates, batches by title, closed lists, metrics, tags', () => {
    const refs = { bat_5: '第五批山西援疆工作队', tag_1: '产业/煤层气' }
    expect(valueText(zh, 'date', '2024-05', refs)).toBe('2024年5月')
    expect(valueText(zh, 'batchId', 'bat_5', refs)).toBe('第五批山西援疆工作队')
    expect(valueText(zh, 'batchId', 'bat_gone', refs)).toBe('已删除的记录')
    expect(valueText(zh, 'status', 'in_progress', refs)).toBe('进行中')
    expect(valueText(zh, 'classification', '', refs)).toBe('（空）')
    expect(valueText(zh, 'area', 'industry', refs)).toBe('产业援疆')
    expect(valueText(zh, 'tags', ['tag_1'], refs)).toBe('产业/煤层气')
    expect(valueText(zh, 'metrics', [{ label: '日产气量', value: 5, unit: '万立方米', qualifier: '以上', before: 3.15, note: '' }], refs)).toBe('日产气量 3.15→5万立方米以上')
    expect(valueText(zh, 'file', { opaque: true }, refs)).toBe('（文件）')
    expect(valueText(zh, 'sample', true, refs)).toBe('是')
  })

  it('describes an edit by the record and its fields, in zh-CN with no developer word', () => {
    const e = entry({
      items: [
        {
          coll: 'records', id: 'ach_1', op: 'update', title: '', record: { id: 'ach_1', kind: 'achievement', title: '煤层气开发', exists: true },
          fields: [
            { key: 'date', before: '2024-05', after: '2024-06' },
            { key: 'batchId', before: null, after: 'bat_5' },
            { key: 'tags', before: ['tag_2'], after: ['tag_1'] },
            { key: 'caption', before: { event: '', place: '' }, after: { event: '开工', place: '' } },
          ],
        },
      ],
      itemCount: 1,
      refs: { bat_5: '第五批', tag_1: '产业/煤层气', tag_2: '示例' },
    })
    const [line] = entryLines(zh, e)
    expect(line).toBe('成果《煤层气开发》：日期：2024年5月 → 2024年6月；所属批次：（空） → 第五批；标签：加 产业/煤层气；去 示例；照片说明·事由：（空） → 开工')
    expect(line).not.toMatch(DEV)
    const [enLine] = entryLines(enW, e)
    expect(enLine).toMatch(/^Achievement “煤层气开发”: Date: 2024-05 → 2024-06; Batch: \(empty\) → 第五批; Tags: added 产业\/煤层气; removed 示例; Caption · Event: \(empty\) → 开工$/)
    expect(enLine).not.toMatch(/[：；、]/)
  })

  it('describes links by both ends, deletions by the title the journal kept, and says how many more', () => {
    const a = { id: 'ach_1', kind: 'achievement' as const, title: '高考', exists: true }
    const p = { id: 'pho_1', kind: 'photo' as const, title: '考场', exists: false }
    const e = entry({
      method: 'records.bulkDelete',
      items: [
        { coll: 'records', id: 'pho_1', op: 'delete', title: '', record: p, fields: [] },
        { coll: 'links', id: 'lnk_1', op: 'delete', title: '', record: null, link: { from: p, to: a, type: 'evidence' }, fields: [] },
      ],
      itemCount: 7,
    })
    expect(entryLines(zh, e)).toEqual(['删除 照片《考场》', '删除 照片《考场》 佐证→ 成果《高考》', '等另 5 项'])
    expect(recordWord(zh, { id: 'x_1', kind: null, title: '', exists: false })).toBe('已删除的记录')
    expect(entryLines(enW, e)[0]).toBe('Delete Photo “考场”')
  })
})
