// How an error reaches the user: words in the UI's language under the right field, a
// summary only for what has no field, and never the English `message`.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ApiError } from '@shared/errors'
import { invalid } from '@shared/validation'

const toasts: string[] = []
vi.mock('element-plus', () => ({ ElMessage: { error: (o: { message: string }) => void toasts.push(o.message) } }))
// The real i18n module brings Element Plus's locale files and touches the document.
vi.mock('@renderer/i18n', async () => {
  const { computed, ref } = await import('vue')
  const { createI18n } = await import('vue-i18n')
  const { default: zhCN } = await import('@renderer/i18n/zh-CN')
  const { default: en } = await import('@renderer/i18n/en')
  const current = ref<'zh-CN' | 'en'>('zh-CN')
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
  return {
    i18n,
    locale: computed(() => current.value),
    setLocale: (l: 'zh-CN' | 'en') => ((current.value = l), (i18n.global.locale.value = l)),
  }
})

const { errorMessage, errorText, fieldErrors, formErrors, formProblem, notifyError } = await import('./errors')
const { setLocale } = (await import('@renderer/i18n')) as unknown as { setLocale: (l: 'zh-CN' | 'en') => void }

function schemaError(input: unknown) {
  const schema = z.object({
    record: z.object({
      title: z.string().trim().min(1, 'field.required'),
      date: z.string().regex(/^\d{4}(-\d{2}){0,2}$/, 'date.unreadable'),
      organisations: z.array(z.string().min(1)),
      metrics: z.array(z.object({ label: z.string().min(1) })),
    }),
  })
  const r = schema.safeParse(input)
  if (r.success) throw new Error('the parse should fail')
  return invalid(r.error.issues)
}
const bad = { record: { title: '', date: '昨天', organisations: ['县医院', ''], metrics: [{ label: '' }] } }

afterEach(() => {
  setLocale('zh-CN')
  toasts.length = 0
  vi.restoreAllMocks()
})

describe('formErrors', () => {
  it('puts each message under its own field, in Chinese, with no summary', () => {
    const f = formErrors(schemaError(bad), 'record.')
    expect(f.fields).toMatchObject({
      title: '此项必填。',
      // (The date itself is in the words only when the schema reports it: not asserted here.)
      date: expect.stringMatching(/不是可识别的日期/),
      'organisations.1': '此项必填。',
      'metrics.0.label': '此项必填。',
    })
    expect(f.count).toBe(4)
    expect(f.summary).toBe('')
  })
  it('lets an item’s error reach the list’s own field, saying which item', () => {
    const f = fieldErrors(schemaError(bad), 'record.')
    expect(f.organisations).toBe('第 2 条：此项必填。')
    expect(f.metrics).toBe('第 1 条 · 名称：此项必填。')
  })
  it('follows the UI language', () => {
    setLocale('en')
    expect(fieldErrors(schemaError(bad), 'record.').title).toBe('This field is required.')
  })
  it('accepts the prefix with or without its dot, and leaves other paths as they are', () => {
    const e = new ApiError('invalid_input', 'field.required', {}, { issues: [{ path: 'patch.title', reason: 'field.required' }, { path: 'title', reason: 'field.too_long', params: { max: 5 } }] })
    expect(fieldErrors(e, 'patch')).toEqual({ title: '此项必填。' })
    expect(fieldErrors(e, 'other.')).toEqual({ 'patch.title': '此项必填。', patch: '题名：此项必填。', title: '最多 5 个字符。' })
  })
  it('a rule’s refusal naming a field goes under that field', () => {
    const e = new ApiError('conflict', 'rule.batch_number_unique', { number: 5, title: '第五批' }, { field: 'number', rule: 'batch_number_unique' })
    expect(formErrors(e)).toEqual({ fields: { number: '批次号 5 已被“第五批”使用。' }, count: 1, summary: '' })
  })
  it('an error with no field is the summary, in words', () => {
    const e = new ApiError('conflict', 'record.changed_elsewhere')
    expect(formErrors(e)).toEqual({ fields: {}, count: 0, summary: '此记录在您打开后已被他处修改。请重新载入后再改。' })
    const pathless = new ApiError('invalid_input', 'bulk.nothing', {}, { issues: [{ path: 'patch', reason: 'bulk.nothing' }] })
    expect(formErrors(pathless, 'patch.').summary).toBe('没有要修改的内容：请选择批次或领域。')
  })
  it('has nothing to say about no error', () => {
    expect(formErrors(null)).toEqual({ fields: {}, count: 0, summary: '' })
  })
  it('an error that crossed a host as plain data reads the same', () => {
    const plain = JSON.parse(JSON.stringify(schemaError(bad))) as unknown
    expect(fieldErrors(plain, 'record.').title).toBe('此项必填。')
  })
})

describe('formProblem', () => {
  it('points at the fields without repeating them, and says what has no field', () => {
    expect(formProblem(formErrors(schemaError(bad), 'record.'))).toBe('有 4 处未通过校验，请按各栏下方的提示修改。')
    expect(formProblem(formErrors(new ApiError('invalid_input', 'bulk.nothing')))).toBe('没有要修改的内容：请选择批次或领域。')
    expect(formProblem(formErrors(null))).toBe('')
    expect(formProblem(formErrors(schemaError(bad), 'record.'))).not.toMatch(/[A-Za-z]/)
  })
})

describe('errorMessage and notifyError', () => {
  it('word the error in the UI language, never its English message', () => {
    const e = schemaError(bad)
    expect(errorMessage(e)).toBe('题名：此项必填。（另有 3 处）')
    notifyError(new ApiError('not_found', 'record.not_found', { id: 'rep_1' }))
    expect(toasts).toEqual(['操作失败：找不到记录（rep_1）。'])
  })
  it('word someone else’s exception generically, in the UI language', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const err = notifyError(new TypeError('Failed to fetch'))
    expect(toasts).toEqual(['操作失败：发生意外错误（可能是连接中断），请重试。'])
    expect(err.code).toBe('internal')
    setLocale('en')
    expect(errorMessage('boom')).toBe('Something unexpected went wrong (perhaps the connection dropped). Try again.')
  })
  it('errorText words an error carried inside a result', () => {
    expect(errorText({ reason: 'file.empty' })).toBe('空文件（0 字节）。')
    expect(errorText({ reason: 'date.unreadable', params: { value: 'x' }, issues: [{ path: 'date', reason: 'date.unreadable', params: { value: 'x' } }] })).toMatch(/^日期：“x”不是/)
  })
})
