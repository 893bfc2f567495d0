import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import mammoth from 'mammoth'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tmpDir } from '../test-support/tmp'
import { runCli } from './testing'

// Errors print in the user's locale (LC_ALL, LC_MESSAGES, LANG): these assertions read the
// English words, whatever the machine's LANG.
beforeEach(() => void vi.stubEnv('LC_ALL', 'en_US.UTF-8'))
afterEach(() => void vi.unstubAllEnvs())

const run = runCli

describe('aid-archive export', () => {
  const dir = tmpDir()
  const file = (name: string) => join(tmpDir(), name)

  it('docx for a batch by number, xlsx, csv to stdout, photos zip, md for an area', async () => {
    expect((await run('demo', '--archive', dir)).code).toBe(0)
    const docx = file('summary.docx')
    const r = await run('export', '--format', 'docx', '--batch', '5', '--out', docx, '--archive', dir)
    expect(r).toMatchObject({ code: 0, err: expect.stringContaining(`to ${docx}`) })
    const { value } = await mammoth.extractRawText({ path: docx })
    expect(value).toContain('第五批山西援疆工作队成果汇编')
    expect(value).toContain('资料来源')

    const xlsx = file('catalogue.xlsx')
    expect((await run('export', '--format', 'xlsx', '--out', xlsx, '--archive', dir)).code).toBe(0)
    expect(Object.keys(unzipSync(readFileSync(xlsx)))).toContain('xl/workbook.xml')

    const csv = await run('export', '--format', 'csv', '--archive', dir)
    expect(csv.code).toBe(0)
    expect(csv.out.startsWith('\uFEFF序号,档号,文号,责任者,题名,日期,密级,页数,备注')).toBe(true)

    const zip = file('photos.zip')
    expect((await run('export', '--format', 'photos', '--batch', '5', '--out', zip, '--archive', dir)).code).toBe(0)
    expect(Object.keys(unzipSync(readFileSync(zip)))).toEqual(expect.arrayContaining(['ZP·2024-0001.svg', '照片说明.xlsx', '说明.txt']))

    const md = await run('export', '--format', 'md', '--area', '教育援疆', '--no-photos', '--archive', dir)
    expect(md.out.split('\n')[0]).toBe('# 教育援疆成果汇编')
    expect(md.out).not.toContain('产业援疆')

    const q = await run('export', '--format', 'md', '--query', '阜康', '--title', '阜康专题', '--archive', dir)
    expect(q.out.split('\n')[0]).toBe('# 阜康专题')
  })

  it('json keeps its old shape (to stdout or --out) and gains the manifest', async () => {
    const j = await run('export', '--archive', dir)
    const doc = JSON.parse(j.out)
    expect(doc.schemaVersion).toBe(1)
    expect(doc.manifest.files.length).toBeGreaterThan(0)
    const out = file('a.json')
    expect((await run('export', '--format', 'json', '--out', out, '--archive', dir)).code).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8')).records.length).toBe(doc.records.length)
  })

  it('refuses with one line and a non-zero exit: pdf, binary without --out, unknown batch, bad date', async () => {
    const pdf = await run('export', '--format', 'pdf', '--out', file('x.pdf'), '--archive', dir)
    expect(pdf.code).toBe(1)
    expect(pdf.err).toMatch(/^aid-archive: PDF is printed from the app.*\[invalid_input\]$/)
    expect(pdf.err.split('\n')).toHaveLength(1)
    expect((await run('export', '--format', 'docx', '--archive', dir)).err).toContain('give --out FILE')
    expect(await run('export', '--format', 'md', '--batch', '9', '--archive', dir)).toMatchObject({ code: 1, err: expect.stringContaining('[not_found]') })
    expect(await run('export', '--format', 'md', '--from', '2024-02-30', '--archive', dir)).toMatchObject({ code: 1, err: expect.stringContaining('[invalid_input]') })
    expect((await run('export', '--format', 'pptx', '--archive', dir)).code).toBe(2)
  })
})
