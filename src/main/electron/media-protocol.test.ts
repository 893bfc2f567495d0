// aid-media:// URLs carry a record id and a variant, never a path; the handler answers
// with the record's file from inside the archive folder, or 404.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { electronMediaUrl, MEDIA_SCHEME } from '../../shared/api'
import type { ArchiveStore } from '../core/store/archive-store'
import { putFile } from '../media/files'
import { MEDIA_SCHEME_PRIVILEGES, createMediaHandler, parseMediaUrl } from './media-protocol'

describe('parseMediaUrl', () => {
  it('accepts what the contract’s electronMediaUrl makes', () => {
    expect(parseMediaUrl(electronMediaUrl('pho_1f3a9c2b7d4e', 'thumb'))).toEqual({ id: 'pho_1f3a9c2b7d4e', variant: 'thumb' })
    expect(parseMediaUrl('aid-media://media/rep_abc/original')).toEqual({ id: 'rep_abc', variant: 'original' })
    expect(parseMediaUrl('aid-media://media/pho_abc/preview?v=2#x')).toEqual({ id: 'pho_abc', variant: 'preview' })
  })
  it('rejects traversal and anything path-like', () => {
    for (const url of [
      'aid-media://media/../../etc/passwd',
      'aid-media://media/pho_abc/../../../etc/passwd',
      'aid-media://media/%2e%2e/%2e%2e/etc/passwd',
      'aid-media://media/pho_abc%2F..%2F..%2Fetc/thumb',
      'aid-media://media/..%2F..%2Farchive.json/original',
      'aid-media://media/%2Fetc%2Fpasswd/original',
      'aid-media://media/C:%5Cwindows%5Cwin.ini/original',
      'aid-media://media/pho_abc/thumb/extra',
      'aid-media://media//thumb',
      'aid-media://media/pho_abc/',
      'aid-media://media/pho_abc',
    ])
      expect(parseMediaUrl(url), url).toBeNull()
  })
  it('rejects unknown variants, bad ids, other hosts and schemes', () => {
    for (const url of [
      'aid-media://media/pho_abc/full',
      'aid-media://media/pho_abc/THUMB',
      'aid-media://media/pho_abc/%74humb%00',
      'aid-media://media/PHO_abc/thumb',
      'aid-media://media/pho/thumb',
      'aid-media://media/pho_a.b/thumb',
      'aid-media://media/pho_%E0%A4%A/thumb',
      `aid-media://media/pho_${'a'.repeat(65)}/thumb`,
      'aid-media://files/pho_abc/thumb',
      'aid-media://user:pw@media/pho_abc/thumb',
      'aid-media://media:8080/pho_abc/thumb',
      'file:///media/pho_abc/thumb',
      'http://media/pho_abc/thumb',
      'not a url',
    ])
      expect(parseMediaUrl(url), url).toBeNull()
  })
  it('registers the scheme as standard and secure, without bypassing CSP', () => {
    expect(MEDIA_SCHEME_PRIVILEGES.scheme).toBe(MEDIA_SCHEME)
    expect(MEDIA_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, stream: true, bypassCSP: false })
  })
})

describe('media handler', () => {
  let dir: string
  let store: ArchiveStore
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aid-media-'))
    const file = await putFile(dir, png, 'p.png', 'image/png')
    const missing = { ...file, sha256: 'f'.repeat(64) }
    // Only what resolveMedia reads from a store: its folder and its records.
    store = {
      dir,
      records: new Map<string, unknown>([
        ['pho_ok', { kind: 'photo', file }],
        ['pho_nofile', { kind: 'photo', file: null }],
        ['pho_gone', { kind: 'photo', file: missing }],
        ['rep_att', { kind: 'report', attachments: [file] }],
        ['bat_1', { kind: 'batch' }],
      ]),
    } as unknown as ArchiveStore
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))
  const handler = () => createMediaHandler(() => store)

  it('answers the file of a photo record with its type and length', async () => {
    const res = await handler()(new Request('aid-media://media/pho_ok/thumb'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('content-length')).toBe(String(png.length))
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png)
  })
  it('serves a report’s first attachment; HEAD has no body', async () => {
    expect((await handler()(new Request('aid-media://media/rep_att/original'))).status).toBe(200)
    const head = await handler()(new Request('aid-media://media/pho_ok/original', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
  it('404 for unknown records, records without media, missing files, bad URLs', async () => {
    for (const url of ['aid-media://media/pho_nope/thumb', 'aid-media://media/pho_nofile/thumb', 'aid-media://media/pho_gone/thumb', 'aid-media://media/bat_1/thumb', 'aid-media://media/pho_ok/full', 'aid-media://media/../archive.json'])
      expect((await handler()(new Request(url))).status, url).toBe(404)
  })
  it('refuses writes, and answers 503 once the archive is closed', async () => {
    expect((await handler()(new Request('aid-media://media/pho_ok/thumb', { method: 'POST', body: 'x' }))).status).toBe(405)
    expect((await createMediaHandler(() => null)(new Request('aid-media://media/pho_ok/thumb'))).status).toBe(503)
  })
})
