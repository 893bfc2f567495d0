// The start-up wait: asks until ready, tells each phase, gives the open's failure as a typed error.
import { describe, expect, it } from 'vitest'
import type { OpenStatus } from '@shared/api'
import { ApiError } from '@shared/errors'
import { openPercent, untilOpen } from './opening'

const client = (answers: (OpenStatus | Error)[]) => ({
  asked: 0,
  async status(): Promise<OpenStatus> {
    const a = answers[Math.min(this.asked++, answers.length - 1)]!
    if (a instanceof Error) throw a
    return a
  },
})
const noSleep = async () => undefined

describe('untilOpen', () => {
  it('tells every answer until ready, then resolves', async () => {
    const c = client([{ phase: 'archive', done: 1, total: 4 }, { phase: 'journal' }, { phase: 'search' }, { phase: 'ready' }])
    const seen: string[] = []
    await untilOpen(c, (s) => seen.push(s.phase), { sleep: noSleep })
    expect(seen).toEqual(['archive', 'journal', 'search', 'ready'])
    expect(c.asked).toBe(4)
  })

  it('an archive already open: one question, no wait', async () => {
    const c = client([{ phase: 'ready' }])
    let slept = 0
    await untilOpen(c, () => undefined, { sleep: async () => void slept++ })
    expect([c.asked, slept]).toEqual([1, 0])
  })

  it('an open that failed: rejects with its typed error (worded by the app like any other)', async () => {
    const error = new ApiError('archive_locked', 'archive.locked', { dir: '/a', pid: 7 }).toJSON()
    const c = client([{ phase: 'archive' }, { phase: 'archive', error }])
    await expect(untilOpen(c, () => undefined, { sleep: noSleep })).rejects.toMatchObject({ code: 'archive_locked', reason: 'archive.locked', params: { pid: 7 } })
  })

  it('the status call itself refused (wrong token): that error', async () => {
    const c = client([new ApiError('unauthorized', 'host.token')])
    await expect(untilOpen(c, () => undefined, { sleep: noSleep })).rejects.toMatchObject({ code: 'unauthorized' })
  })
})

describe('openPercent', () => {
  it('measured when done and total are known, clamped; else null', () => {
    expect(openPercent({ phase: 'archive', done: 55, total: 220 })).toBe(25)
    expect(openPercent({ phase: 'archive', done: 300, total: 220 })).toBe(100)
    expect(openPercent({ phase: 'archive', done: 0, total: 0 })).toBeNull()
    expect(openPercent({ phase: 'search' })).toBeNull()
  })
})
