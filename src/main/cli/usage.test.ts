import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from './program'

afterEach(() => void vi.unstubAllEnvs())

async function run(lang: string, ...argv: string[]) {
  vi.stubEnv('LC_ALL', lang)
  const err: string[] = []
  const code = await main(argv, { out: () => {}, err: (s) => err.push(s) })
  return { code, err: err.join('\n') }
}

describe('a command line commander refuses', () => {
  it('is refused in the user’s language, one line, exit 2', async () => {
    expect(await run('zh_CN.UTF-8', 'export', '--format', 'pptx')).toEqual({
      code: 2,
      err: 'aid-archive: --format 不能取 pptx，可选：xlsx, csv, docx, md, pdf, json, photos。 [invalid_input]',
    })
    expect(await run('zh_CN.UTF-8', 'frobnicate')).toEqual({ code: 2, err: 'aid-archive: 没有 frobnicate 这个命令（加 --help 可列出全部命令）。 [invalid_input]' })
    expect(await run('zh_CN.UTF-8', 'show')).toEqual({ code: 2, err: 'aid-archive: 缺少参数 id。 [invalid_input]' })
    expect(await run('zh_CN.UTF-8', 'search', 'x', '--nope')).toEqual({ code: 2, err: 'aid-archive: 没有 --nope 这个选项（加 --help 可列出全部选项）。 [invalid_input]' })
    expect(await run('zh_CN.UTF-8', 'export', '--format')).toEqual({ code: 2, err: 'aid-archive: 选项 --format 需要一个值。 [invalid_input]' })
    expect((await run('en_US.UTF-8', 'frobnicate')).err).toBe('aid-archive: There is no command frobnicate (--help lists them). [invalid_input]')
  })
})
