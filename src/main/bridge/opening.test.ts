// The browser host listens before its archive is open: status and the renderer's files at
// once, methods wait for the open (bounded), the open's failure is data in the status.
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { OpenStatus } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import { formatError } from '../../shared/i18n/format'
import { openArchive, startOpening, type ArchiveOpening, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import { startBridge, type Bridge } from './server'

interface Res {
  status: number
  body: string
}

function http(bridge: Bridge, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path, headers: { Host: `127.0.0.1:${bridge.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}
const auth = (b: Bridge) => ({ Authorization: `Bearer ${b.token}`, 'Content-Type': 'application/json' })

/** An open the test finishes by hand. */
function manualOpening(): ArchiveOpening & { set(s: OpenStatus): void; finish(svc: ArchiveService): void; fail(e: ApiError): void } {
  let status: OpenStatus = { phase: 'lock' }
  let finish!: (svc: ArchiveService) => void
  let fail!: (e: unknown) => void
  const service = new Promise<ArchiveService>((res, rej) => ((finish = res), (fail = rej)))
  service.catch(() => undefined)
  return {
    status: () => status,
    service,
    whenOpen: (ms) => Promise.race([service, new Promise<never>((_, rej) => setTimeout(() => rej(new ApiError('archive_opening', 'archive.opening', { seconds: ms / 1000 })), ms))]),
    set: (s) => (status = s),
    finish: (svc) => ((status = { phase: 'ready' }), finish(svc)),
    fail: (e) => ((status = { phase: status.phase, error: e.toJSON() }), fail(e)),
  }
}

function renderer(): string {
  const dir = tmpDir()
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>援疆档案</title>')
  mkdirSync(join(dir, 'assets'))
  return dir
}

const cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

describe('browser host while the archive opens', () => {
  it('answers status and the page at once, a method once the archive is open', async () => {
    const opening = manualOpening()
    const bridge = await startBridge({ service: opening, rendererDir: renderer() })
    cleanup.push(() => bridge.close())

    opening.set({ phase: 'archive', done: 40, total: 100 })
    expect(await http(bridge, 'GET', '/api/status', auth(bridge))).toEqual({ status: 200, body: JSON.stringify({ phase: 'archive', done: 40, total: 100 }) })
    expect((await http(bridge, 'GET', '/')).body).toContain('援疆档案')

    let answered = false
    const info = http(bridge, 'POST', '/api/archive.info', auth(bridge), '{}').then((r) => ((answered = true), r))
    await new Promise((r) => setTimeout(r, 100))
    expect(answered).toBe(false)

    const svc = await openArchive(tmpDir())
    cleanup.push(() => svc.close())
    opening.finish(svc)
    const r = await info
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ path: svc.store.dir })
    expect(JSON.parse((await http(bridge, 'GET', '/api/status', auth(bridge))).body)).toEqual({ phase: 'ready' })
  })

  it('status needs the token and is GET only', async () => {
    const opening = manualOpening()
    const bridge = await startBridge({ service: opening, rendererDir: renderer() })
    cleanup.push(() => bridge.close())
    const none = await http(bridge, 'GET', '/api/status')
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body)).toMatchObject({ error: { code: 'unauthorized', reason: 'host.token' } })
    expect((await http(bridge, 'GET', '/api/status?token=' + bridge.token)).status).toBe(401)
    expect((await http(bridge, 'GET', '/api/status', { Authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await http(bridge, 'POST', '/api/status', auth(bridge), '{}')).status).toBe(405)
    // The Host check still comes first.
    expect((await http(bridge, 'GET', '/api/status', { ...auth(bridge), Host: 'evil.example:80' })).status).toBe(403)
  })

  it('a method that waits longer than openWaitMs is refused with archive_opening (503), words in both locales', async () => {
    const opening = manualOpening()
    const bridge = await startBridge({ service: opening, rendererDir: renderer(), openWaitMs: 150 })
    cleanup.push(() => bridge.close())
    const r = await http(bridge, 'POST', '/api/archive.info', auth(bridge), '{}')
    expect(r.status).toBe(503)
    const e = ApiError.from((JSON.parse(r.body) as { error: unknown }).error)
    expect(e).toMatchObject({ code: 'archive_opening', reason: 'archive.opening' })
    expect(formatError('zh-CN', e)).toBe('档案仍在打开（已等待 0.15 秒），请稍后再试。')
    expect(formatError('en', e)).toContain('still opening')
    const media = await http(bridge, 'GET', `/media/pho_1/thumb?token=${bridge.token}`)
    expect(media.status).toBe(503)
    opening.fail(new ApiError('io_error', 'archive.closed'))
  })

  it('an open that fails: status carries the typed error, and every waiting call gets it', async () => {
    const opening = manualOpening()
    const bridge = await startBridge({ service: opening, rendererDir: renderer() })
    cleanup.push(() => bridge.close())
    opening.set({ phase: 'journal' })
    const waiting = http(bridge, 'POST', '/api/records.list', auth(bridge), '{}')
    await new Promise((r) => setTimeout(r, 50))
    opening.fail(new ApiError('archive_damaged', 'archive.journal_damaged', { line: 3, detail: 'x' }))
    const r = await waiting
    expect(r.status).toBe(500)
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'archive_damaged', reason: 'archive.journal_damaged', params: { line: 3 } } })
    const s = JSON.parse((await http(bridge, 'GET', '/api/status', auth(bridge))).body) as OpenStatus
    expect(s).toMatchObject({ phase: 'journal', error: { code: 'archive_damaged', reason: 'archive.journal_damaged', params: { line: 3, detail: 'x' } } })
  })

  it('with a real slow open: phases with progress, then ready; change events reach a stream opened before', async () => {
    const dir = tmpDir()
    const seen: string[] = []
    const opening = startOpening(dir, { slowOpenForTestsMs: 300, onProgress: (p) => seen.push(p.phase) })
    const bridge = await startBridge({ service: opening, rendererDir: renderer() })
    cleanup.push(async () => {
      await bridge.close()
      await (await opening.service).close()
    })
    const early = JSON.parse((await http(bridge, 'GET', '/api/status', auth(bridge))).body) as OpenStatus
    expect(early.phase).toBe('archive')
    expect(early.total).toBe(300)

    const events: string[] = []
    const stream = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}`, headers: { Host: `127.0.0.1:${bridge.port}` } }, (res) => {
      res.on('data', (c: Buffer) => events.push(c.toString()))
    })
    stream.end()
    cleanup.push(async () => void stream.destroy())

    const created = await http(bridge, 'POST', '/api/tags.create', auth(bridge), JSON.stringify({ path: '地区/昌吉' }))
    expect(created.status).toBe(200)
    expect(JSON.parse((await http(bridge, 'GET', '/api/status', auth(bridge))).body)).toEqual({ phase: 'ready' })
    expect([...new Set(seen)]).toEqual(['archive', 'search', 'ready'])
    await expect.poll(() => events.join('')).toContain('"method":"tags.create"')
  })
})

describe('startOpening', () => {
  it('whenOpen refuses after its wait with archive_opening; the open goes on and ends ready', async () => {
    const opening = startOpening(tmpDir(), { slowOpenForTestsMs: 300 })
    await expect(opening.whenOpen(50)).rejects.toMatchObject({ code: 'archive_opening', reason: 'archive.opening' })
    const svc = await opening.whenOpen(5000)
    expect(opening.status()).toEqual({ phase: 'ready' })
    await svc.close()
  })

  it('a failed open is kept in status with its phase, and whenOpen gives its error at once', async () => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'archive.json'), '{"schemaVersion": 1, "records": [ broken')
    const opening = startOpening(dir)
    await expect(opening.service).rejects.toMatchObject({ code: 'archive_damaged' })
    expect(opening.status()).toMatchObject({ phase: 'archive', error: { code: 'archive_damaged' } })
    await expect(opening.whenOpen(10_000)).rejects.toMatchObject({ code: 'archive_damaged' })
  })
})
