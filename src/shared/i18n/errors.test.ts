// Completeness of the error words: every reason speaks both languages, with the same
// parameters, in text the renderer's message library takes literally, and the Chinese is
// Chinese. (The UI's own messages are checked in src/renderer/src/i18n/messages.test.ts.)
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { invalid } from '../validation'
import { REASON_KEYS } from '../errors'
import { errorsEn } from './errors.en'
import { errorsZh } from './errors.zh-CN'
import { formatError } from './format'

const params = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()

/**
 * What may stay Latin in a Chinese message: format names, the tokens a user types or
 * sees on disk, and file extensions. Whole tokens only, so "PDFs" or "Words" fail.
 */
const ALLOWED_LATIN = [
  'journal.jsonl', 'npm run build', '--format', '--out', '--help', 'backups', 'sha256', 'RRGGBB',
  'JSON', 'PDF', 'Word', 'XLSX', 'CSV', 'JPEG', 'PNG', 'TIFF', 'WebP', 'HEIC',
  '.docx', '.xlsx', '.csv', '.pdf', '.txt', '.md',
]
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
const ALLOWED = new RegExp(`(?<![\\w.-])(?:${ALLOWED_LATIN.map(escape).join('|')})(?![\\w-])`, 'g')

/** The Latin letters left once placeholders and allowed tokens are taken out. */
function englishIn(zh: string): string[] {
  const rest = zh.replace(/\{\w+\}/g, ' ').replace(ALLOWED, ' ')
  return rest.match(/[A-Za-z][\w.-]*/g) ?? []
}

describe('error messages', () => {
  it('have a key list that is the English table', () => {
    expect(REASON_KEYS.length).toBeGreaterThan(0)
    expect(Object.keys(errorsZh).sort()).toEqual(Object.keys(errorsEn).sort())
  })

  it.each(REASON_KEYS)('%s: a message in both locales, with the same parameters', (k) => {
    expect(errorsEn[k].trim()).not.toBe('')
    expect(errorsZh[k].trim()).not.toBe('')
    expect(params(errorsZh[k])).toEqual(params(errorsEn[k]))
  })

  it.each(REASON_KEYS)('%s: no @ or |, and braces only around a parameter', (k) => {
    for (const text of [errorsEn[k], errorsZh[k]]) {
      expect(text).not.toMatch(/[@|]/)
      expect(text.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/)
    }
  })

  it.each(REASON_KEYS)('%s: the Chinese has no English words', (k) => {
    expect(englishIn(errorsZh[k])).toEqual([])
  })

  it('the English-word check catches English and lets the allowed tokens through', () => {
    expect(englishIn('文件 {file} 无法读取')).toEqual([])
    expect(englishIn('请从 backups 文件夹恢复；不支持 .docx、.pdf')).toEqual([])
    expect(englishIn('此项必填 required')).toEqual(['required'])
    expect(englishIn('不是 PDFs')).toEqual(['PDFs'])
    expect(englishIn('文件 a.docx 不行')).toEqual(['a.docx'])
    expect(englishIn('用 --outfile')).toEqual(['outfile'])
  })
})

describe('a typical schema error in Chinese', () => {
  const fail = (schema: z.ZodType, input: unknown) => {
    const r = schema.safeParse(input)
    if (r.success) throw new Error('the parse should fail')
    return invalid(r.error.issues)
  }
  // As the record schemas write a title: a reason key as the refinement's message.
  const withReason = z.object({ record: z.object({ title: z.string().trim().min(1, 'field.required') }) })
  const plain = z.object({ record: z.object({ title: z.string().min(1) }) })

  it.each([
    ['with a reason key', withReason],
    ['with zod’s own message', plain],
  ])('%s: names the field 题名 and has no ASCII letters', (_, schema) => {
    const err = fail(schema, { record: { title: '' } })
    expect(err.code).toBe('invalid_input')
    expect(err.field).toBe('record.title')
    expect(err.issues).toEqual([{ path: 'record.title', reason: 'field.required' }])
    const text = formatError('zh-CN', err)
    expect(text).toBe('题名：此项必填。')
    expect(text).not.toMatch(/[A-Za-z]/)
  })

  it('also when it crossed a host as plain data', () => {
    const err = JSON.parse(JSON.stringify(fail(withReason, { record: { title: ' ' } }))) as Parameters<typeof formatError>[1]
    expect(formatError('zh-CN', err)).toBe('题名：此项必填。')
  })
})
