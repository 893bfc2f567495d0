import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ApiError } from '../../shared/errors'
import { invalid } from '../../shared/validation'
import { cliErrorLine, cliLocale } from './locale'

describe('cliLocale', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('speaks Chinese for any zh locale', () => {
    for (const v of ['zh_CN.UTF-8', 'zh_CN', 'zh_TW.UTF-8', 'zh', 'zh_CN.GB18030']) expect(cliLocale({ LANG: v })).toBe('zh-CN')
  })
  it('speaks English otherwise, and when nothing is set', () => {
    for (const v of ['en_US.UTF-8', 'C', 'POSIX', 'C.UTF-8', 'de_DE.UTF-8', '']) expect(cliLocale({ LANG: v })).toBe('en')
    expect(cliLocale({})).toBe('en')
  })
  it('reads LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(cliLocale({ LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN')
    expect(cliLocale({ LC_ALL: 'C', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en')
    expect(cliLocale({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN')
    expect(cliLocale({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en')
    expect(cliLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN')
  })
  it('skips a variable that is set but empty, as setlocale does', () => {
    expect(cliLocale({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN')
  })
  it('defaults to the process environment', () => {
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8')
    expect(cliLocale()).toBe('zh-CN')
    vi.stubEnv('LC_ALL', 'en_GB.UTF-8')
    expect(cliLocale()).toBe('en')
  })
})

describe('cliErrorLine', () => {
  const zh = { LANG: 'zh_CN.UTF-8' }
  const en = { LANG: 'en_US.UTF-8' }
  const schemaError = () => {
    const r = z.object({ record: z.object({ title: z.string().min(1) }) }).safeParse({ record: { title: '' } })
    if (r.success) throw new Error('the parse should fail')
    return invalid(r.error.issues)
  }

  it('words the error in the locale and keeps the code in English', () => {
    expect(cliErrorLine(schemaError(), zh)).toBe('aid-archive: 题名：此项必填。 [invalid_input]')
    expect(cliErrorLine(schemaError(), en)).toBe('aid-archive: title: This field is required. [invalid_input]')
    expect(cliErrorLine(new ApiError('not_found', 'record.not_found', { id: 'rep_x' }), zh)).toBe('aid-archive: 找不到记录（rep_x）。 [not_found]')
  })
  it('never prints the English message in Chinese', () => {
    const line = cliErrorLine(new ApiError('conflict', 'demo.not_empty'), zh)
    expect(line).not.toContain(new ApiError('conflict', 'demo.not_empty').message)
    expect(line).toBe('aid-archive: 示例档案只能载入空档案。 [conflict]')
  })
  it('prints any other exception as an unexpected error, on one line', () => {
    expect(cliErrorLine(new Error('boom\nat line 2'), zh)).toBe('aid-archive: 意外错误：boom at line 2 [internal]')
    expect(cliErrorLine('odd', en)).toBe('aid-archive: Unexpected error: odd [internal]')
  })
  it('takes an error that crossed a host as plain data', () => {
    const data = JSON.parse(JSON.stringify(new ApiError('io_error', 'file.not_found'))) as unknown
    expect(cliErrorLine(data, zh)).toBe('aid-archive: 找不到文件。 [io_error]')
  })
})
