// The IPC handler over a real service on a temporary archive: sender checked, then
// dispatch; answers are Envelopes that survive the structured clone with typed errors.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveInfo, Envelope } from '../../shared/api'
import { openArchive } from '../app'
import type { ArchiveService } from '../core/service'
import { ApiError } from '../../shared/errors'
import { changeEventOf, createIpcHandler, createStatusHandler, errorEnvelope } from './ipc'
import { isTrustedSender, type SenderLike } from './security'

const RENDERER = 'file:///opt/aid/out/renderer/index.html'
const ours = { sender: { id: 3 }, senderFrame: { url: `${RENDERER}#/library`, parent: null } }
const theirs = { sender: { id: 4 }, senderFrame: { url: RENDERER, parent: null } }

describe('IPC handler', () => {
  let dir: string
  let svc: ArchiveService
  let closing = false
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aid-ipc-'))
    svc = await openArchive(dir, { snapshotDelayMs: 10 })
  })
  afterAll(async () => {
    await svc.close()
    await rm(dir, { recursive: true, force: true })
  })
  const handler = () =>
    createIpcHandler({
      service: () => (closing ? null : svc),
      isTrusted: (e) => isTrustedSender(e, { webContentsId: 3, rendererUrl: RENDERER }),
    })
  /** What the renderer receives: ipcMain.handle's answer goes through the structured clone. */
  const call = async (ev: typeof ours, method: unknown, input?: unknown) => structuredClone(await handler()(ev, method, input))

  it('dispatches for our window and wraps the result', async () => {
    const r = (await call(ours, 'archive.info', {})) as Envelope<ArchiveInfo>
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.result).toMatchObject({ path: dir, empty: true })
  })
  it('refuses another sender with forbidden, calling nothing', async () => {
    const before = svc.store.seq
    const r = await call(theirs, 'tags.create', { path: '产业/煤化工' })
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'host.unknown_sender' } })
    expect(svc.store.seq).toBe(before)
  })
  it('typed errors survive: invalid_input with details, not_found for unknown methods', async () => {
    const bad = await call(ours, 'records.get', { id: 42 })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      // The whole error crosses the structured clone as data: reason, field, issues.
      expect(bad.error).toMatchObject({ code: 'invalid_input', reason: 'field.expected_text', field: 'id', issues: [{ path: 'id', reason: 'field.expected_text' }] })
    }
    for (const m of ['no.such', 42, null, '__proto__', 'constructor']) {
      const r = await call(ours, m, {})
      expect(r.ok ? 'ok' : r.error.code, String(m)).toBe('not_found')
    }
    const missing = await call(ours, 'records.get', { id: 'rep_nothere' })
    expect(missing.ok ? null : missing.error.code).toBe('not_found')
  })
  it('a change goes through and reports a change event', async () => {
    const events: unknown[] = []
    const off = svc.store.onCommit((c) => events.push(changeEventOf(c)))
    const r = await call(ours, 'tags.create', { path: '地区/阜康' })
    off()
    expect(r.ok).toBe(true)
    expect(events).toEqual([
      { type: 'change', seq: expect.any(Number), method: 'tags.create', ids: [expect.any(String)], colls: expect.arrayContaining(['tags']), refs: [], kinds: [], complete: true },
    ])
  })
  it('while closing, answers an error instead of touching the archive', async () => {
    closing = true
    try {
      const r = await call(ours, 'archive.info', {})
      expect(r.ok ? null : r.error.code).toBe('io_error')
    } finally {
      closing = false
    }
  })
  it('while the archive opens: a call waits for the service, or gets the open’s error', async () => {
    const isTrusted = (e: SenderLike) => isTrustedSender(e, { webContentsId: 3, rendererUrl: RENDERER })
    let open!: (s: ArchiveService) => void
    const waiting = createIpcHandler({ service: () => new Promise<ArchiveService>((r) => (open = r)), isTrusted })(ours, 'archive.info', {})
    open(svc)
    expect(structuredClone(await waiting)).toMatchObject({ ok: true, result: { path: dir } })
    const failed = createIpcHandler({ service: () => Promise.reject(new ApiError('archive_locked', 'archive.locked', { dir, pid: 1 })), isTrusted })
    expect(structuredClone(await failed(ours, 'archive.info', {}))).toMatchObject({ ok: false, error: { code: 'archive_locked', reason: 'archive.locked' } })
  })
  it('the status channel answers our window only, as plain data', () => {
    const status = createStatusHandler({
      status: () => ({ phase: 'archive', done: 1, total: 2 }),
      isTrusted: (e) => isTrustedSender(e, { webContentsId: 3, rendererUrl: RENDERER }),
    })
    expect(structuredClone(status(ours))).toEqual({ ok: true, result: { phase: 'archive', done: 1, total: 2 } })
    expect(status(theirs)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
  it('errorEnvelope turns anything into an error as data', () => {
    expect(errorEnvelope(new Error('boom'))).toMatchObject({ ok: false, error: { code: 'internal', reason: 'internal.unexpected', params: { detail: 'boom' } } })
    expect(errorEnvelope('x')).toMatchObject({ ok: false, error: { code: 'internal', reason: 'internal.unexpected', params: { detail: 'x' } } })
  })
})
