import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tmpDir } from '../../test-support/tmp'
import { DurableJsonFile } from './durable-file'

describe('DurableJsonFile', () => {
  it('resolves a write only once the file on disk holds it, as compact JSON', async () => {
    const file = join(tmpDir(), 'doc.json')
    const a = new DurableJsonFile<{ n: number; s: string }>(file)
    await a.write({ n: 1, s: '阜康' })
    expect(readFileSync(file, 'utf8')).toBe('{"n":1,"s":"阜康"}')
    await a.write({ n: 2, s: 'x' })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ n: 2, s: 'x' })
    expect(await a.read()).toEqual({ n: 2, s: 'x' })
  })

  it('coalesces a burst of writes into few serialisations, and every caller sees the newest data on disk', async () => {
    const dir = tmpDir()
    const file = join(dir, 'doc.json')
    const a = new DurableJsonFile<{ n: number }>(file)
    const writes = Array.from({ length: 50 }, (_, n) => a.write({ n }).then(() => JSON.parse(readFileSync(file, 'utf8')).n as number))
    const seen = await Promise.all(writes)
    // The first write runs alone; the other 49 wait for it and share one serialisation.
    expect(a.serialisations).toBe(2)
    for (const [i, n] of seen.entries()) expect(n).toBeGreaterThanOrEqual(i)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ n: 49 })
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('rejects the waiting callers when the disk refuses, and leaves the old file in place', async () => {
    const dir = tmpDir()
    const file = join(dir, 'doc.json')
    const a = new DurableJsonFile<unknown>(file)
    await a.write({ ok: true })
    const bad = new DurableJsonFile<unknown>(join(dir, 'missing-folder', 'doc.json'))
    await expect(bad.write({ ok: false })).rejects.toThrow()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ok: true })
  })

  it('reads null for a missing file', async () => {
    expect(await new DurableJsonFile(join(tmpDir(), 'none.json')).read()).toBeNull()
  })
})
