import { mkdirSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { putFile } from '../media/files'
import { tmpDir } from '../test-support/tmp'
import { protoKeyAt } from '../../shared/validation'
import { badEscape, startBridge, type Bridge } from './server'

let svc: ArchiveService
let bridge: Bridge
let photoId = ''

interface Res {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw HTTP so that Host and Origin can be set freely (fetch forbids it). */
function http(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path, headers: { Host: `127.0.0.1:${bridge.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}
const auth = () => ({ Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' })

beforeAll(async () => {
  const renderer = tmpDir()
  mkdirSync(join(renderer, 'assets'))
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>援疆档案</title>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  svc = await openArchive(tmpDir())
  const file = await putFile(svc.store.dir, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'p.svg', 'image/svg+xml', true)
  photoId = (await dispatch(svc, 'records.create', { record: { kind: 'photo', title: '照片', file } })).id
  bridge = await startBridge({ service: svc, rendererDir: renderer })
})
afterAll(async () => {
  await bridge.close()
  await svc.close()
})

describe('browser host', () => {
  it('prints a loopback URL with a per-launch token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
    expect(bridge.server.address()).toMatchObject({ address: '127.0.0.1' })
  })

  it('answers a method with its JSON result', async () => {
    const r = await http('POST', '/api/archive.info', auth(), '{}')
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ counts: { photo: 1 }, schemaVersion: 1 })
    expect(r.headers['content-security-policy']).toContain("default-src 'self'")
    // The host's own share of the call, for the open bench (and a browser's network panel).
    expect(r.headers['server-timing']).toMatch(/^app;dur=\d+\.\d{2}$/)
  })

  it('refuses a call without or with a wrong token: 401', async () => {
    const none = await http('POST', '/api/archive.info', { 'Content-Type': 'application/json' }, '{}')
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body)).toMatchObject({ error: { code: 'unauthorized', reason: 'host.token' } })
    const wrong = await http('POST', '/api/archive.info', { Authorization: 'Bearer ' + 'x'.repeat(32) }, '{}')
    expect(wrong.status).toBe(401)
  })

  it('refuses a foreign Host (DNS rebinding) and a cross-site Origin: 403', async () => {
    expect((await http('POST', '/api/archive.info', { ...auth(), Host: `evil.example:${bridge.port}` }, '{}')).status).toBe(403)
    expect((await http('GET', '/', { Host: 'evil.example' })).status).toBe(403)
    expect((await http('POST', '/api/archive.info', { ...auth(), Origin: 'http://evil.example' }, '{}')).status).toBe(403)
    expect((await http('POST', '/api/archive.info', { ...auth(), Host: `localhost:${bridge.port}`, Origin: `http://localhost:${bridge.port}` }, '{}')).status).toBe(200)
  })

  it('maps typed errors to statuses and changes nothing', async () => {
    const seq = svc.store.seq
    const bad = await http('POST', '/api/records.create', auth(), JSON.stringify({ record: { kind: 'report', title: '' } }))
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.code).toBe('invalid_input')
    expect((await http('POST', '/api/records.get', auth(), JSON.stringify({ id: 'rep_none' }))).status).toBe(404)
    expect((await http('POST', '/api/no.such', auth(), '{}')).status).toBe(404)
    expect((await http('POST', '/api/archive.info', auth(), '{not json')).status).toBe(400)
    expect((await http('GET', '/api/archive.info', auth())).status).toBe(405)
    expect(svc.store.seq).toBe(seq)
  })

  it('serves media by record id with the token, never by path', async () => {
    expect((await http('GET', `/media/${photoId}/original`)).status).toBe(401)
    const ok = await http('GET', `/media/${photoId}/thumb?token=${bridge.token}`)
    expect(ok.status).toBe(200)
    expect(ok.headers['content-type']).toBe('image/svg+xml')
    expect(ok.body).toContain('<svg')
    expect((await http('GET', `/media/${photoId}/huge?token=${bridge.token}`)).status).toBe(404)
    expect((await http('GET', `/media/..%2Farchive.json/original?token=${bridge.token}`)).status).toBe(404)
  })

  it('serves the renderer, falls back to index.html, and never leaves its folder', async () => {
    const index = await http('GET', '/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('援疆档案')
    expect((await http('GET', '/assets/app.js')).body).toBe('console.log(1)')
    expect((await http('GET', '/library')).body).toContain('援疆档案')
    expect((await http('GET', '/assets/missing.js')).status).toBe(404)
    expect((await http('GET', '/../../etc/passwd')).body).not.toContain('root:')
    // Dot segments resolve inside the root: this is the app's index page, not /etc/hostname.
    expect((await http('GET', '/%2e%2e/%2e%2e/etc/hostname')).body).toContain('援疆档案')
    expect((await http('GET', '/assets/..%2f..%2fpackage.json')).status).toBe(404)
  })

  it('pushes change events to an authorised event stream', async () => {
    expect((await http('GET', '/api/events')).status).toBe(401)
    const got = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}`, headers: { Host: `127.0.0.1:${bridge.port}` } }, (res) => {
        let buf = ''
        res.on('data', (c: Buffer) => {
          buf += c.toString('utf8')
          const m = /data: (.*)\n\n/.exec(buf)
          if (m) {
            req.destroy()
            resolve(m[1]!)
          } else if (buf.includes(': connected')) void dispatch(svc, 'tags.create', { path: '地点/阜康市' })
        })
      })
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(got)).toMatchObject({ type: 'change', method: 'tags.create', colls: expect.arrayContaining(['tags']), complete: true })
  })

  it('refuses a malformed %-escape anywhere in the path or the query with 400, not 500', async () => {
    const t = `token=${bridge.token}`
    for (const [method, path] of [
      ['POST', '/api/archive.info%'],
      ['POST', '/api/%E0%A4%A'],
      ['POST', '/api/archive.info?x=%zz'],
      ['GET', `/media/%zz/thumb?${t}`],
      ['GET', `/media/${photoId}/thumb?${t}&x=%C3`],
      ['GET', '/%C3'],
      ['GET', '/assets/%'],
      ['GET', `/api/events?${t}&%E6%8F`],
    ] as const) {
      const r = await http(method, path, auth(), method === 'POST' ? '{}' : undefined)
      expect(r.status, path).toBe(400)
      expect(JSON.parse(r.body).error, path).toMatchObject({ code: 'invalid_input', reason: 'host.bad_url' })
    }
    // Well-formed escapes still work.
    expect((await http('POST', '/api/archive%2Einfo', auth(), '{}')).status).toBe(200)
    expect(badEscape('/a%20b?q=%E6%8F%B4+x')).toBe(false)
  })

  it('refuses __proto__ and constructor in a records.update patch sent as JSON, and changes nothing', async () => {
    const before = (await dispatch(svc, 'records.get', { id: photoId })).record
    const seq = svc.store.seq
    const raw = (patch: string) => http('POST', '/api/records.update', auth(), `{"id":"${photoId}","patch":${patch}}`)
    for (const patch of ['{"__proto__":{"title":"改"}}', '{"\\u005f_proto__":{"title":"改"}}', '{"title":"改","__proto__":{"sample":true}}']) {
      const r = await raw(patch)
      expect(r.status, patch).toBe(400)
      expect(JSON.parse(r.body).error, patch).toMatchObject({ code: 'invalid_input', reason: 'field.unknown_keys', params: { keys: '__proto__' }, field: 'patch' })
    }
    for (const key of ['constructor', 'toString']) {
      const c = await raw(`{"${key}":{"prototype":{"title":"改"}}}`)
      expect(c.status, key).toBe(400)
      expect(JSON.parse(c.body).error).toMatchObject({ code: 'invalid_input', reason: 'field.unknown_for_kind', params: { fields: key }, field: 'patch' })
    }
    expect(svc.store.seq).toBe(seq)
    expect((await dispatch(svc, 'records.get', { id: photoId })).record).toEqual(before)
    expect(({} as Record<string, unknown>).title).toBeUndefined()
    expect(protoKeyAt(JSON.parse('{"a":[1,{"b":{"__proto__":{}}}]}'))).toBe('a.1.b')
    expect(protoKeyAt(JSON.parse('{"__proto__":{}}'))).toBe('')
    expect(protoKeyAt({ constructor: { prototype: {} } })).toBeNull()
  })
})

describe('browser host body limits', () => {
  let small: Bridge
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  beforeAll(async () => {
    small = await startBridge({ service: svc, rendererDir: tmpDir(), maxBody: 1024, maxUploadBody: 64 * 1024 })
  })
  afterAll(async () => {
    agent.destroy()
    await small.close()
  })

  interface Sent extends Res {
    reused: boolean
  }
  /** POSTs `size` bytes, with or without Content-Length, in 16 KB chunks as the socket takes them. */
  function post(method: string, size: number, opts: { chunked?: boolean; body?: string } = {}): Promise<Sent> {
    return new Promise((resolve, reject) => {
      const body = Buffer.from(opts.body ?? '')
      const total = opts.body !== undefined ? body.length : size
      const headers: Record<string, string> = { Host: `127.0.0.1:${small.port}`, Authorization: `Bearer ${small.token}`, 'Content-Type': 'application/json' }
      if (!opts.chunked) headers['Content-Length'] = String(total)
      const req = request({ host: '127.0.0.1', port: small.port, method: 'POST', path: `/api/${method}`, headers, agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), reused: req.reusedSocket }))
      })
      req.on('error', reject)
      if (opts.body !== undefined) return void req.end(body)
      let sent = 0
      const chunk = Buffer.alloc(16 * 1024, 0x20)
      const pump = () => {
        while (sent < total) {
          const n = Math.min(chunk.length, total - sent)
          sent += n
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
  }

  it('answers an oversized body with 413 (no reset), and the connection goes on serving', async () => {
    for (const chunked of [false, true]) {
      const r = await post('archive.info', 3 * 1024 * 1024, { chunked })
      expect(r.status, `chunked: ${chunked}`).toBe(413)
      expect(JSON.parse(r.body).error).toMatchObject({ code: 'invalid_input', reason: 'host.too_large', params: { max: 1024 } })
      const next = await post('archive.info', 0, { body: '{}' })
      expect(next.status).toBe(200)
      expect(next.reused, 'the same connection, kept usable').toBe(true)
    }
  })

  it('answers before reading the body when Content-Length is over the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: small.port,
        method: 'POST',
        path: '/api/archive.info',
        headers: { Host: `127.0.0.1:${small.port}`, Authorization: `Bearer ${small.token}`, 'Content-Length': String(512 * 1024 * 1024) },
      })
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
      req.on('error', reject)
      // Headers only: not one byte of the body is sent.
      req.flushHeaders()
    })
    expect(status).toBe(413)
  })

  it('gives the upload methods their large limit, every other method the small one', async () => {
    const data = JSON.stringify({ data: { format: 'aid-archive/v1', records: [{ kind: 'achievement', title: '大', notes: '注'.repeat(4000) }] } })
    expect(data.length).toBeGreaterThan(1024)
    expect((await post('io.importJson', 0, { body: data })).status).toBe(200)
    expect((await post('records.create', 0, { body: JSON.stringify({ record: { kind: 'achievement', title: '大', notes: '注'.repeat(4000) } }) })).status).toBe(413)
    expect((await post('io.importJson', 128 * 1024)).status).toBe(413)
  })
})
