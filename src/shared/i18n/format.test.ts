import { describe, expect, it } from 'vitest'
import { ApiError } from '../errors'
import { fieldLabel } from './fields'
import { formatError, formatPath, formatReason, isReason } from './format'

describe('formatReason', () => {
  it('fills parameters in either locale', () => {
    expect(formatReason('en', 'record.not_found', { id: 'rep_1' })).toBe('No record with id rep_1.')
    expect(formatReason('zh-CN', 'record.not_found', { id: 'rep_1' })).toBe('找不到记录（rep_1）。')
    expect(formatReason('zh-CN', 'field.too_long', { max: 500 })).toBe('最多 500 个字符。')
  })
  it('leaves a missing parameter visible rather than inventing one', () => {
    expect(formatReason('zh-CN', 'record.not_found')).toBe('找不到记录（{id}）。')
  })
  it('reads an unknown reason as an unexpected error naming it', () => {
    expect(isReason('no.such')).toBe(false)
    expect(formatReason('zh-CN', 'no.such')).toBe('意外错误：no.such')
    expect(formatReason('en', 'no.such')).toBe('Unexpected error: no.such')
  })
})

describe('formatPath', () => {
  it('puts a path in words, counting items from 1 and hiding input wrappers', () => {
    expect(formatPath('zh-CN', 'record.title')).toBe('题名')
    expect(formatPath('en', 'record.title')).toBe('title')
    expect(formatPath('zh-CN', 'records.3.date')).toBe('记录 · 第 4 条 · 日期')
    expect(formatPath('en', 'records.3.date')).toBe('records · #4 · date')
    expect(formatPath('zh-CN', 'patch.metrics.0.label')).toBe('指标 · 第 1 条 · 名称')
    expect(formatPath('zh-CN', '')).toBe('')
  })
  it('says nothing in Chinese for a field it has no word for', () => {
    expect(fieldLabel('zh-CN', 'noSuchField')).toBe('')
    expect(formatPath('zh-CN', 'record.noSuchField')).toBe('')
    expect(formatPath('en', 'record.noSuchField')).toBe('noSuchField')
  })
  it('words camelCase fields in English', () => {
    expect(formatPath('en', 'patch.defaultOrgCode')).toBe('default organisation code')
  })
})

describe('formatError', () => {
  const schema = new ApiError('invalid_input', 'field.required', {}, {
    field: 'record.title',
    issues: [
      { path: 'record.title', reason: 'field.required' },
      { path: 'record.date', reason: 'date.unreadable', params: { value: '昨天' } },
    ],
  })
  it('gives the first issue with its place, and how many more there are', () => {
    expect(formatError('zh-CN', schema)).toBe('题名：此项必填。（另有 1 处）')
    expect(formatError('en', schema)).toBe('title: This field is required. (+1 more)')
  })
  it('gives the reason alone when there is no issue, or it has no place', () => {
    expect(formatError('zh-CN', { reason: 'history.nothing_to_undo' })).toBe('没有可撤销的操作。')
    expect(formatError('zh-CN', { reason: 'bulk.nothing', issues: [{ path: '', reason: 'bulk.nothing' }] })).toBe('没有要修改的内容：请选择批次或领域。')
  })
  it('gives the issue without a place when its path has no words', () => {
    expect(formatError('zh-CN', { reason: 'field.required', issues: [{ path: 'record.noSuchField', reason: 'field.required' }] })).toBe('此项必填。')
  })
  it('a rule error under an item of a list names the item', () => {
    const rule = new ApiError('conflict', 'rule.batch_number_unique', { number: 5, title: '第五批' }, { field: 'number', rule: 'batch_number_unique' })
    const err = rule.under('records.2')
    expect(formatError('zh-CN', err)).toBe('记录 · 第 3 条：批次号 5 已被“第五批”使用。')
    expect(formatError('en', err)).toBe('records · #3: Batch number 5 is already used by “第五批”.')
  })
  it('is what ApiError keeps as its English message', () => {
    expect(schema.message).toBe(formatError('en', schema))
  })
})

describe('date parameters', () => {
  it('a period refusal quotes its dates the locale’s way', () => {
    const e = { reason: 'rule.period_order' as const, params: { start: '2022-01', end: '2021-12-05' } }
    expect(formatError('zh-CN', e)).toBe('结束时间（2021年12月5日）早于开始时间（2022年1月）。')
    expect(formatError('en', e)).toBe('The period ends (2021-12-05) before it starts (2022-01).')
  })
})
