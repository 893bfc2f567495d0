// aid-archive pack / unpack / conflicts: a USB stick's round trip from the command line.
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../cli/testing'
import { LOCK_FILE } from '../../core/store/lock'
import { tmpDir } from '../../test-support/tmp'

afterEach(() => void vi.unstubAllEnvs())

describe('aid-archive pack / unpack', () => {
  it('packs a batch and everything, previews, applies once, refuses a damaged package, lists conflicts', async () => {
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8')
    const a = tmpDir('aid-cli-a-')
    expect((await runCli('demo', '--archive', a)).code).toBe(0)
    const b = tmpDir('aid-cli-b-')
    await cp(a, b, { recursive: true })
    await rm(join(b, LOCK_FILE), { force: true })
    // The same record changed on both workstations.
    const edit = async (dir: string, title: string) => {
      const { openArchive, dispatch } = await import('../../app')
      const svc = await openArchive(dir)
      const id = [...svc.store.records.values()].find((r) => r.kind === 'achievement')!.id
      await dispatch(svc, 'records.update', { id, patch: { title } })
      await svc.close()
      return id
    }
    const id = await edit(a, '甲站的题名')
    await edit(b, '乙站的题名')

    const batch = join(tmpDir(), '第五批.aidpkg')
    const r1 = await runCli('pack', '--archive', a, '--out', batch, '--batch', '5')
    expect(r1).toMatchObject({ code: 0, out: expect.stringContaining('已写入交换包') })

    const all = join(tmpDir(), '全部.aidpkg')
    expect((await runCli('pack', '--archive', a, '--out', all, '--to', '后方办公室')).code).toBe(0)
    const dry = await runCli('unpack', all, '--archive', b, '--dry-run')
    expect(dry).toMatchObject({ code: 0, out: expect.stringContaining('冲突 1') })
    const applied = await runCli('unpack', all, '--archive', b)
    expect(applied.out).toContain('合并前备份')
    expect(applied.out).toContain('有 1 个冲突待处理')
    const again = await runCli('unpack', all, '--archive', b)
    expect(again.out).toMatch(/新增 0，更新 0，删除 0，未变 \d+，冲突 0/)

    const list = await runCli('conflicts', '--archive', b, '--json')
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ id: `records/${id}`, kind: 'edit', fields: ['title'] })])

    // A byte changed on the stick: refused whole, with the reason in the user's words.
    const bytes = await readFile(all)
    bytes[bytes.length >> 1]! ^= 1
    const bad = join(tmpDir(), '损坏.aidpkg')
    await writeFile(bad, bytes)
    const refused = await runCli('unpack', bad, '--archive', b)
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/交换包.*\[invalid_input\]/)
  }, 120_000)
})
