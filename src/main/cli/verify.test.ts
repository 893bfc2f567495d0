import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveDocument } from '../../shared/domain'
import { openArchive } from '../app'
import { emptyDocument, writeDocument } from '../core/store/archive-store'
import { tmpDir } from '../test-support/tmp'
import { runCli } from './testing'

// The assertions read the English words, whatever the machine's LANG.
beforeEach(() => void vi.stubEnv('LC_ALL', 'en_US.UTF-8'))
afterEach(() => void vi.unstubAllEnvs())

const run = runCli

const at = '2024-05-01T08:00:00.000Z'
const who = { createdAt: at, updatedAt: at, createdBy: 'test', updatedBy: 'test' }
const photo = (id: string, title: string, createdAt: string) => ({
  ...who,
  createdAt,
  id,
  kind: 'photo' as const,
  title,
  date: '2024-05-01',
  photoNo: 'ZP·2024-0001',
})

/**
 * An archive as one written before the rules would be: two photos share a 照片号 and a link
 * points at a record that is not there. Written straight to archive.json, past the kernel.
 */
async function oldArchive(): Promise<string> {
  const dir = tmpDir()
  const doc = emptyDocument()
  doc.records = [photo('pho_a', '开工仪式', '2024-05-01T08:00:00.000Z'), photo('pho_b', '竣工验收', '2024-05-02T08:00:00.000Z')] as ArchiveDocument['records']
  doc.links = [{ id: 'lnk_gone', from: 'pho_a', to: 'rep_missing', type: 'evidence', note: '', createdAt: at, createdBy: 'test' }]
  await writeDocument(dir, doc)
  return dir
}

describe('aid-archive verify', () => {
  it('an archive that breaks rules still opens, and takes an unrelated edit', async () => {
    const dir = await oldArchive()
    const svc = await openArchive(dir)
    try {
      expect(svc.store.records.size).toBe(2)
      await svc.handlers['records.update']({ id: 'pho_b', patch: { notes: '补记' } } as never)
      expect(svc.store.records.get('pho_b')?.notes).toBe('补记')
    } finally {
      await svc.close()
    }
  })

  it('lists each violation, exits 1; --fix repairs; verify again exits 0', async () => {
    const dir = await oldArchive()
    const r = await run('verify', '--archive', dir)
    expect(r.code).toBe(1)
    const lines = r.out.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('link_ends_exist\tlnk_gone\tThe link lnk_gone points at a record that does not exist (rep_missing).')
    expect(lines[1]).toMatch(/^photo_no_unique\t开工仪式, 竣工验收\tThe 照片号 ZP·2024-0001 is already used by “竣工验收”\.$/)
    expect(lines[2]).toBe('Checked 3 items: 2 problem(s), 2 fixable with aid-archive verify --fix.')
    // One line on stderr, as every failing command prints, with the code scripts match on.
    expect(r.err.split('\n')).toHaveLength(1)
    expect(r.err).toMatch(/^aid-archive: .*\[invalid_input\]$/)

    const json = await run('verify', '--json', '--archive', dir)
    expect(json.code).toBe(1)
    const rep = JSON.parse(json.out)
    expect(rep).toMatchObject({ checked: 3, total: 2, byRule: { photo_no_unique: 1, link_ends_exist: 1 } })
    expect(rep.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(['link_ends_exist', 'photo_no_unique'])

    const fixed = await run('verify', '--fix', '--archive', dir)
    expect(fixed).toMatchObject({ code: 0, out: 'Fixed 2 item(s); no other problems found.' })
    expect(await run('verify', '--archive', dir)).toMatchObject({ code: 0, out: 'Checked 2 items: no problems found.', err: '' })

    const svc = await openArchive(dir, { readOnly: true })
    try {
      const [a, b] = [svc.store.records.get('pho_a'), svc.store.records.get('pho_b')]
      // The earlier photo keeps its number; the later one gets the next of the sequence.
      expect(a).toMatchObject({ photoNo: 'ZP·2024-0001' })
      expect(b?.kind === 'photo' && b.photoNo).toMatch(/^ZP·2024-\d{4}$/)
      expect(b?.kind === 'photo' && b.photoNo).not.toBe('ZP·2024-0001')
      expect(svc.store.links.size).toBe(0)
    } finally {
      await svc.close()
    }
  })

  it('--fix RULE repairs that rule only; what remains exits 1', async () => {
    const dir = await oldArchive()
    const r = await run('verify', '--fix', 'link_unique', '--archive', dir)
    expect(r.code).toBe(1)
    expect(r.out).toContain('Fixed 0 item(s); 2 problem(s) remain.')
    const links = await run('verify', '--fix', 'link_ends_exist', '--archive', dir)
    expect(links.code).toBe(1)
    expect(links.out.split('\n')).toEqual([expect.stringMatching(/^photo_no_unique\t/), 'Fixed 1 item(s); 1 problem(s) remain.'])
    // A rule with nothing to fix changes nothing; what remains still fails. No such rule is refused.
    expect(await run('verify', '--fix', 'batch_ref', '--archive', dir)).toMatchObject({ code: 1, out: expect.stringContaining('Fixed 0 item(s); 1 problem(s) remain.') })
    expect(await run('verify', '--fix', 'no_such_rule', '--archive', dir)).toMatchObject({ code: 1, err: 'aid-archive: There is no archive rule named no_such_rule. [invalid_input]' })
  })

  it('speaks Chinese under a zh locale', async () => {
    const dir = await oldArchive()
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8')
    const r = await run('verify', '--archive', dir)
    expect(r.code).toBe(1)
    expect(r.out).toContain('photo_no_unique\t开工仪式、竣工验收\t照片号 ZP·2024-0001 已被“竣工验收”使用。')
    expect(r.out).toContain('共检查 3 项，发现 2 个问题，其中 2 个可自动修复（aid-archive verify --fix）。')
  })
})
