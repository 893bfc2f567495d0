import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SearchResult } from '../../shared/api'
import type { ArchiveDocument } from '../../shared/domain'
import { dispatch, openArchive } from '../app'
import { emptyDocument, writeDocument } from '../core/store/archive-store'
import { tmpDir } from '../test-support/tmp'
import { formatHits } from './format'
import { main } from './program'
import { safeJson, safeText } from './safe-text'
import { violationLine } from './verify'

beforeEach(() => void vi.stubEnv('LC_ALL', 'en_US.UTF-8'))
afterEach(() => void vi.unstubAllEnvs())

/** A title that retitles the window, starts a colour (7-bit and C1 forms), forges a line and a column, reverses what follows. */
const EVIL = '开工\u001B]0;pwned\u0007仪式\n第二行\tcol\u009B31m\u007F\u202Egpj.exe\u2066\u0000'
const SHOWN = '开工\\x1B]0;pwned\\x07仪式\\n第二行\\tcol\\x9B31m\\x7F\\u202Egpj.exe\\u2066\\x00'
/** Anything a terminal would act on, other than the line breaks between the lines we print. */
const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/

async function run(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('safeText', () => {
  it('shows every control, DEL, C1 and direction character as a visible escape', () => {
    expect(safeText(EVIL)).toBe(SHOWN)
    expect(safeText('a\r\nb\u2028c\u200Fd\u061Ce')).toBe('a\\r\\nb\\u2028c\\u200Fd\\u061Ce')
    expect(safeText('x\uD800y\uDC00')).toBe('x\\uD800y\\uDC00')
  })

  it('leaves ordinary text alone: CJK, punctuation, emoji, backslashes', () => {
    const s = '援疆工作简报第1期（2024）“阜康”·ZP 😀 C:\\照片 ü é'
    expect(safeText(s)).toBe(s)
  })
})

describe('safeJson', () => {
  it('escapes ESC as JSON does, and C1, DEL and direction characters too; parses back to the same value', () => {
    const value = { title: EVIL, n: 1, list: ['\u202E', '\u0085'] }
    const text = safeJson(value, 2)
    expect(text).not.toMatch(RAW)
    expect(text).toContain('\\u001b]0;pwned')
    expect(text).toContain('\\u009B31m')
    expect(text).toContain('\\u202E')
    expect(JSON.parse(text)).toEqual(value)
    expect(safeJson(undefined)).toBe('null')
  })
})

describe('CLI output of record text', () => {
  it('show and search print a hostile title as one visible line', async () => {
    const dir = tmpDir()
    const svc = await openArchive(dir, { user: 'tester', snapshotDelayMs: 10 })
    try {
      await dispatch(svc, 'records.create', { record: { id: 'rep_evil', kind: 'report', title: EVIL, notes: `备注${EVIL}` } })
      await dispatch(svc, 'records.create', { record: { id: 'rep_other', kind: 'report', title: `另一份${EVIL}` } })
      await dispatch(svc, 'links.create', { from: 'rep_evil', to: 'rep_other', type: 'related' })
    } finally {
      await svc.close()
    }
    const show = await run('show', 'rep_evil', '--archive', dir)
    expect(show.code).toBe(0)
    const lines = show.out.split('\n')
    expect(lines[0]).toBe(`文书 rep_evil: ${SHOWN}`)
    expect(lines).toContain(`notes: 备注${SHOWN}`)
    expect(lines).toContain(`link → related: rep_other 另一份${SHOWN}`)
    for (const l of lines) expect(l).not.toMatch(RAW)

    const search = await run('search', '开工', '--archive', dir)
    expect(search.code).toBe(0)
    expect(search.out).toContain(`rep_evil  ${SHOWN}`)
    for (const l of search.out.split('\n')) expect(l).not.toMatch(RAW)

    // The whole archive as JSON to standard output: escaped, and the same data.
    const exported = await run('export', '--format', 'json', '--archive', dir)
    expect(exported.code).toBe(0)
    expect(exported.out).not.toMatch(RAW)
    expect(JSON.parse(exported.out).records.find((r: { id: string }) => r.id === 'rep_evil').title).toBe(EVIL)
  })

  it('formatHits escapes the query, warnings and suggestions it echoes', () => {
    const res: SearchResult = { query: 'q\u001B[2J', total: 0, hits: [], countsByKind: { batch: 0, report: 0, achievement: 0, photo: 0 }, tookMs: 0, warnings: [{ code: 'no_area', params: { value: 'w\u009B', areas: '' } }], suggestions: ['s\u202E'], understood: { chips: [], rewrites: [], ignored: [], missing: [], strictTotal: 0 } }
    expect(formatHits(res)).toBe('! area: no area named like “w\\x9B”. Areas: .\nNo results for “q\\x1B[2J”.\nTry: s\\u202E')
  })

  it('verify: titles and the values a reason quotes are escaped, one line per problem; --json is escaped JSON', async () => {
    const at = '2024-05-01T08:00:00.000Z'
    const photo = (id: string, title: string) => ({ createdAt: at, updatedAt: at, createdBy: 't', updatedBy: 't', id, kind: 'photo', title, date: '2024-05-01', photoNo: 'ZP·1' })
    const dir = tmpDir()
    const doc = emptyDocument()
    doc.records = [photo('pho_a', EVIL), photo('pho_b', `乙${EVIL}`)] as ArchiveDocument['records']
    await writeDocument(dir, doc)

    const r = await run('verify', '--archive', dir)
    expect(r.code).toBe(1)
    const lines = r.out.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toBe(`photo_no_unique\t${SHOWN}, 乙${SHOWN}\tThe 照片号 ZP·1 is already used by “乙${SHOWN}”.`)
    for (const l of lines) expect(l.replace(/\t/g, ' ')).not.toMatch(RAW)

    const json = await run('verify', '--json', '--archive', dir)
    expect(json.out).not.toMatch(RAW)
    expect(JSON.parse(json.out).violations[0].titles).toEqual([EVIL, `乙${EVIL}`])
  })

  it('violationLine keeps the reason on one line', () => {
    const line = violationLine('en', { rule: 'r', code: 'conflict', reason: 'rule.photo_no_unique', params: { photoNo: '1\n2', title: 't\u001B' }, ids: ['pho_a'], titles: ['a\tb'], fixable: false })
    expect(line).toBe('r\ta\\tb\tThe 照片号 1\\n2 is already used by “t\\x1B”.')
  })
})
