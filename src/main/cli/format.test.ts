// The search command's text: how the query was read on one line, partial matches marked
// with the words they lack, in the CLI's language.
import { describe, expect, it } from 'vitest'
import type { SearchHit, SearchResult, SearchUnderstanding } from '../../shared/api'
import { formatHits } from './format'

const hit = (id: string, title: string, missing?: string[]) =>
  ({ id, kind: 'achievement', title, score: 1, highlights: [], summary: { refCode: '', date: '2024-06' }, ...(missing ? { missing } : {}) }) as unknown as SearchHit
const result = (hits: SearchHit[], understood: Partial<SearchUnderstanding>, query = 'q'): SearchResult => ({
  query, total: hits.length, hits, countsByKind: { batch: 0, report: 0, achievement: hits.length, photo: 0 }, tookMs: 1, warnings: [], suggestions: [],
  understood: { chips: [], rewrites: [], ignored: [], missing: [], strictTotal: hits.length, ...understood },
})

describe('formatHits', () => {
  it('prints chips, rewrites and ignored words as one line, then marks the partial hits (zh-CN)', () => {
    const res = result([hit('ach_a', '干熄焦项目'), hit('ach_b', '焦化厂', ['外星人'])], {
      chips: [{ type: 'batch', source: '第五批', lo: 5, hi: 5 }, { type: 'batch', source: '四批', lo: 4, hi: 4, unmatched: true }],
      rewrites: [{ word: '大夫', used: ['医生', '医师'], how: 'synonym' }],
      ignored: ['的'],
      strictTotal: 1,
    }, '第五批 干熄焦 外星人')
    expect(formatHits(res, 'zh-CN').split('\n')).toEqual([
      '检索理解：批次 第5批；档案中没有第4批，已按文字查找；“大夫”同时按同义词“医生”、“医师”查找；已忽略：的',
      '“第五批 干熄焦 外星人”共 2 条结果：',
      '1.000  成果  ach_a  干熄焦项目  (2024-06)',
      '1.000  成果  ach_b  焦化厂  (2024-06)（部分匹配，缺少：外星人）',
    ])
  })

  it('says when no record has every word, and which words nothing has (en)', () => {
    const res = result([hit('ach_b', 'Coke', ['alien'])], { strictTotal: 0, missing: ['alien'] }, 'coke alien')
    expect(formatHits(res, 'en').split('\n')).toEqual([
      'No record contains all the words; below, records by how many they contain. Not found: alien.',
      '1 result(s) for “coke alien”:',
      '1.000  achievement  ach_b  Coke  (2024-06)  (partial match, lacks: alien)',
    ])
    expect(formatHits(result([], { missing: ['外星人'] }, '外星人'), 'zh-CN')).toBe('没有找到“外星人”的结果。\n没有任何记录包含：外星人')
  })

  it('a query read word for word prints no extra line', () => {
    expect(formatHits(result([hit('ach_a', '干熄焦')], {}), 'en').split('\n')).toHaveLength(2)
  })

  it('escapes what the engine echoes from the query', () => {
    const res = result([hit('ach_a', 't', ['x\u001B[2J'])], { rewrites: [{ word: 'w\u009B', used: ['u'], how: 'sound' }], strictTotal: 0 })
    const out = formatHits(res, 'en')
    expect(out).not.toMatch(/[\u001B\u009B]/)
    expect(out).toContain('\\x1B[2J')
  })
})
