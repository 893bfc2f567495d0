// GET /files/<id>/<sha256>: the original under its own name, only with the token, only a
// file the record holds.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { putFile } from '../media/files'
import { tmpDir } from '../test-support/tmp'
import { startBridge, type Bridge } from './server'

let svc: ArchiveService
let bridge: Bridge
let id = ''
let sha = ''
const body = Buffer.from('关于做好2024年度援疆项目验收工作的通知')

function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path, headers: { Host: `127.0.0.1:${bridge.port}` } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  svc = await openArchive(tmpDir())
  const f = await putFile(svc.store.dir, body, '晋援疆指〔2024〕12号 通知.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  sha = f.sha256
  id = (await dispatch(svc, 'records.create', { record: { kind: 'report', title: '通知', attachments: [f] } })).id
  bridge = await startBridge({ service: svc, rendererDir: tmpDir() })
})
afterAll(async () => {
  await bridge.close()
  await svc.close()
})

describe('browser host: originals as downloads', () => {
  it('serves the bytes with their type and the name as RFC 5987 filename*', async () => {
    const r = await get(`/files/${id}/${sha}?token=${bridge.token}`)
    expect(r.status).toBe(200)
    expect(r.body.equals(body)).toBe(true)
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(r.headers['content-length']).toBe(String(body.length))
    expect(r.headers['content-disposition']).toBe(`attachment; filename="_____2024_12_ __.docx"; filename*=UTF-8''${encodeURIComponent('晋援疆指〔2024〕12号 通知.docx')}`)
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    expect(r.headers['content-security-policy']).toContain('sandbox')
    const head = await get(`/files/${id}/${sha}?token=${bridge.token}`, 'HEAD')
    expect([head.status, head.body.length]).toEqual([200, 0])
  })

  it('refuses without the token, a file the record does not hold, a malformed path, a write', async () => {
    expect((await get(`/files/${id}/${sha}`)).status).toBe(401)
    expect((await get(`/files/${id}/${sha}?token=wrong`)).status).toBe(401)
    const other = (await dispatch(svc, 'records.create', { record: { kind: 'report', title: '别的' } })).id
    expect((await get(`/files/${other}/${sha}?token=${bridge.token}`)).status).toBe(404)
    expect((await get(`/files/${id}/${'0'.repeat(64)}?token=${bridge.token}`)).status).toBe(404)
    expect((await get(`/files/${id}/..%2F..%2Fsnapshot.json?token=${bridge.token}`)).status).toBe(400)
    expect((await get(`/files/${id}/${sha}/x?token=${bridge.token}`)).status).toBe(404)
    expect((await get(`/files/${id}/${sha}?token=${bridge.token}`, 'DELETE')).status).toBe(404)
  })
})
