import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tmpDir } from '../test-support/tmp'
import { runCli } from './testing'

// Errors print in the user's locale (LC_ALL, LC_MESSAGES, LANG): these assertions read the
// English words, whatever the machine's LANG.
beforeEach(() => void vi.stubEnv('LC_ALL', 'en_US.UTF-8'))
afterEach(() => void vi.unstubAllEnvs())

const run = runCli

const interchange = {
  format: 'aid-archive/v1',
  records: [
    { id: 'bat_t5', kind: 'batch', title: '第五批山西援疆工作队', number: 5 },
    { id: 'ach_t1', kind: 'achievement', title: '阜康市永鑫焦化干熄焦项目投产', batchId: 'bat_t5', places: ['阜康市'], tags: ['产业/煤化工'] },
    { id: 'rep_t1', kind: 'report', title: '第五批工作综述', body: '焦化 项目 年发电1.7亿千瓦时' },
  ],
  links: [{ from: 'rep_t1', to: 'ach_t1', type: 'evidence' }],
}

describe('aid-archive CLI', () => {
  it('init, import-json, search --json, show, export: the same service as the app', async () => {
    const dir = tmpDir()
    expect(await run('init', '--archive', dir, '--fonds', 'A123')).toMatchObject({ code: 0, out: expect.stringContaining('全宗号 A123') })
    const file = join(tmpDir(), 'in.json')
    writeFileSync(file, JSON.stringify(interchange))
    expect(await run('import-json', file, '--archive', dir)).toMatchObject({ code: 0, out: 'Imported 3 records, 1 new tags, 1 links.' })

    const s = await run('search', '焦化', '--archive', dir, '--json')
    expect(s.code).toBe(0)
    const hits = JSON.parse(s.out) as { id: string; kind: string; title: string; score: number }[]
    expect(hits.map((h) => h.id)).toContain('ach_t1')
    for (const h of hits) expect(Object.keys(h)).toEqual(expect.arrayContaining(['id', 'kind', 'title', 'score']))
    // A word no record has: the others still find, marked with what they lack; --strict finds none.
    const loose = JSON.parse((await run('search', '焦化', '外星人', '--archive', dir, '--json')).out) as { id: string; missing?: string[] }[]
    expect(loose.find((h) => h.id === 'ach_t1')?.missing).toEqual(['外星人'])
    expect(JSON.parse((await run('search', '焦化', '外星人', '--strict', '--archive', dir, '--json')).out)).toEqual([])

    const show = await run('show', 'ach_t1', '--archive', dir)
    expect(show.out).toContain('阜康市永鑫焦化干熄焦项目投产')
    expect(show.out).toContain('产业/煤化工')
    expect(show.out).toMatch(/link ← evidence: rep_t1/)
    expect(JSON.parse((await run('show', 'ach_t1', '--archive', dir, '--json')).out).record.id).toBe('ach_t1')

    const out = join(tmpDir(), 'export.json')
    expect((await run('export', '--format', 'json', '--out', out, '--archive', dir)).code).toBe(0)
    const doc = JSON.parse(readFileSync(out, 'utf8'))
    expect(doc.records).toHaveLength(3)
    expect(doc.settings.fondsCode).toBe('A123')
    // The same archive, whatever the way in: the environment variable names it too.
    process.env.AID_ARCHIVE_DIR = dir
    try {
      expect(JSON.parse((await run('search', '综述', '--json')).out)[0].id).toBe('rep_t1')
    } finally {
      delete process.env.AID_ARCHIVE_DIR
    }
  })

  it('fails with one line on stderr, a non-zero exit and nothing changed', async () => {
    const dir = tmpDir()
    await run('init', '--archive', dir)
    const before = readFileSync(join(dir, 'archive.json'), 'utf8')
    const bad = join(tmpDir(), 'bad.json')
    writeFileSync(bad, JSON.stringify({ ...interchange, records: [...interchange.records, { kind: 'photo', title: 'x', date: 'yesterday' }] }))
    const r = await run('import-json', bad, '--archive', dir)
    expect(r.code).toBe(1)
    expect(r.err.split('\n')).toHaveLength(1)
    expect(r.err).toMatch(/^aid-archive: records · #4 · date: .*\[invalid_input\]$/)
    expect(readFileSync(join(dir, 'archive.json'), 'utf8')).toBe(before)
    expect(await run('show', 'rep_nope', '--archive', dir)).toMatchObject({ code: 1, err: expect.stringContaining('[not_found]') })
    expect((await run('import-json', join(dir, 'missing.json'), '--archive', dir)).code).toBe(1)
    expect((await run('search', 'x', '--limit', 'lots', '--archive', dir)).code).not.toBe(0)
    expect((await run('export', '--format', 'pptx', '--archive', dir)).code).toBe(2)
    expect((await run('frobnicate')).code).toBe(2)
  })

  it('prints errors in Chinese under a zh locale, the code still in English', async () => {
    const dir = tmpDir()
    await run('init', '--archive', dir)
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8')
    const r = await run('show', 'rep_nope', '--archive', dir)
    expect(r).toMatchObject({ code: 1, err: 'aid-archive: 找不到记录（rep_nope）。 [not_found]' })
  })

  it('writes the demo only into an empty archive', async () => {
    const dir = tmpDir()
    await run('init', '--archive', dir)
    const file = join(tmpDir(), 'in.json')
    writeFileSync(file, JSON.stringify(interchange))
    await run('import-json', file, '--archive', dir)
    expect(await run('demo', '--archive', dir)).toMatchObject({ code: 1, err: expect.stringContaining('[conflict]') })
  })
})
