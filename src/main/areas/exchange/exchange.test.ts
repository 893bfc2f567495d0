// Two workstations diverge from one archive and exchange work both ways, by transfer
// package and through a CouchDB server: they must end up the same, with exactly the
// conflicts that are real, and nothing lost.
import { cp, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, openArchive } from '../../app'
import type { ArchiveService } from '../../core/service'
import { LOCK_FILE } from '../../core/store/lock'
import { filePath, putFile } from '../../media/files'
import { startCouchServer } from '../../test-support/couch-server'
import { tmpDir } from '../../test-support/tmp'
import type { ApiResult, Method } from '../../../shared/api'

async function call<M extends Method>(svc: ArchiveService, method: M, input: unknown): Promise<ApiResult<M>> {
  return dispatch(svc, method, input) as Promise<ApiResult<M>>
}

let template: string
beforeAll(async () => {
  template = tmpDir('aid-exchange-template-')
  const svc = await openArchive(template, { snapshotDelayMs: 5 })
  await call(svc, 'archive.loadDemo', {})
  await call(svc, 'groups.create', { title: '援疆项目验收组照', description: '', photoIds: [] })
  await svc.close()
}, 60_000)

/** Workstation A (the archive as it was) and B (a copy of the folder on another machine). */
async function pair(): Promise<{ a: ArchiveService; b: ArchiveService; close(): Promise<void> }> {
  const da = tmpDir('aid-exchange-a-')
  const db = tmpDir('aid-exchange-b-')
  await cp(template, da, { recursive: true })
  await cp(template, db, { recursive: true })
  for (const d of [da, db]) await rm(join(d, LOCK_FILE), { force: true })
  const a = await openArchive(da, { snapshotDelayMs: 5, backupThrottleMs: 0 })
  const b = await openArchive(db, { snapshotDelayMs: 5, backupThrottleMs: 0 })
  return { a, b, close: async () => (await a.close(), await b.close()) }
}

function firstOf(svc: ArchiveService, kind: string, skip = 0) {
  return [...svc.store.records.values()].filter((r) => r.kind === kind)[skip]!
}

interface Diverged {
  oneSideA: string
  oneSideB: string
  both: string
  deleted: string
  photoA: string
  photoB: string
}

/** The same divergence every test starts from. */
async function diverge(a: ArchiveService, b: ArchiveService): Promise<Diverged> {
  const [r0, r1, r2, r3] = [0, 1, 2, 3].map((i) => firstOf(a, 'achievement', i).id) as [string, string, string, string]
  const group = [...a.store.photoGroups.values()][0]!.id
  // Edits on one side only.
  await call(a, 'records.update', { id: r0, patch: { title: '甲站改过的题名' } })
  await call(b, 'records.update', { id: r1, patch: { notes: '乙站补充的备注' } })
  // The same record on both sides, different fields.
  await call(a, 'records.update', { id: r2, patch: { title: '甲站的题名' } })
  await call(b, 'records.update', { id: r2, patch: { notes: '乙站的备注' } })
  // Deleted on A, edited on B.
  await call(a, 'records.delete', { id: r3 })
  await call(b, 'records.update', { id: r3, patch: { notes: '乙站仍在使用' } })
  // A new photo on each side, in the same group: the same next 照片号 on both. A's first.
  const fa = await putFile(a.store.dir, Buffer.from('甲站照片的字节'), 'a.jpg', 'image/jpeg')
  const pa = await call(a, 'records.create', { record: { kind: 'photo', title: '甲站新照片', groupId: group, date: '2024-06-01', file: fa } })
  await new Promise((r) => setTimeout(r, 5))
  const fb = await putFile(b.store.dir, Buffer.from('乙站照片的字节'), 'b.jpg', 'image/jpeg')
  const pb = await call(b, 'records.create', { record: { kind: 'photo', title: '乙站新照片', groupId: group, date: '2024-06-01', file: fb } })
  const noA = (a.store.records.get(pa.id) as { photoNo: string }).photoNo
  const noB = (b.store.records.get(pb.id) as { photoNo: string }).photoNo
  expect(noA).toBe(noB)
  return { oneSideA: r0, oneSideB: r1, both: r2, deleted: r3, photoA: pa.id, photoB: pb.id }
}

/** What must be the same on both: every item, its version, and the conflicts. */
function state(svc: ArchiveService) {
  const doc = svc.store.toDocument()
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : 1))
  return {
    records: byId(doc.records),
    tags: byId(doc.tags),
    links: byId(doc.links),
    photoGroups: byId(doc.photoGroups),
    savedSearches: byId(doc.savedSearches),
    versions: byId(doc.versions).map((v) => ({ id: v.id, vv: v.vv, deleted: v.deleted })),
    conflicts: byId(doc.conflicts).map((c) => ({ ...c, at: '' })),
  }
}

async function viaPackage(from: ArchiveService, to: ArchiveService) {
  const pkg = await call(from, 'exchange.pack', { scope: {} })
  const pre = await call(to, 'exchange.preview', { data: pkg.data })
  const res = await call(to, 'exchange.apply', { packageId: pre.packageId })
  return { pkg, pre, res }
}

function expectConverged(a: ArchiveService, b: ArchiveService, d: Diverged) {
  expect(state(a)).toEqual(state(b))
  for (const s of [a, b]) {
    const conflicts = [...s.store.conflicts.values()].map((c) => `${c.kind} ${c.id}`).sort()
    expect(conflicts).toEqual([`delete records/${d.deleted}`, `edit records/${d.both}`, `number records/${d.photoB}#photoNo`].sort())
  }
  for (const s of [a, b]) {
    expect(s.store.records.get(d.oneSideA)!.title).toBe('甲站改过的题名')
    expect((s.store.records.get(d.oneSideB) as { notes: string }).notes).toBe('乙站补充的备注')
    // Deleted on one side, changed on the other: kept, with the change.
    expect((s.store.records.get(d.deleted) as { notes: string }).notes).toBe('乙站仍在使用')
    // Both photos, one number: the older keeps it, the other waits for the user.
    const pa = s.store.records.get(d.photoA) as { photoNo: string }
    const pb = s.store.records.get(d.photoB) as { photoNo: string }
    expect(pa.photoNo).not.toBe('')
    expect(pb.photoNo).toBe('')
  }
}

describe('exchange by transfer package', () => {
  it('two diverged archives end up the same, both ways, with exactly the real conflicts', async () => {
    const { a, b, close } = await pair()
    try {
      const d = await diverge(a, b)
      const fromB = await call(b, 'exchange.pack', { scope: {} })
      const fromA = await call(a, 'exchange.pack', { scope: {} })
      const preA = await call(a, 'exchange.preview', { data: fromB.data, name: '乙站交来的.aidpkg' })
      expect(preA.counts).toMatchObject({ added: 1, updated: 1, conflicts: 3, files: 1 })
      await call(a, 'exchange.apply', { packageId: preA.packageId })
      const preB = await call(b, 'exchange.preview', { data: fromA.data })
      await call(b, 'exchange.apply', { packageId: preB.packageId })
      // Each side mended the number clash on its own: one more round settles who saw what.
      for (let i = 0; i < 3 && JSON.stringify(state(a)) !== JSON.stringify(state(b)); i++) {
        await viaPackage(a, b)
        await viaPackage(b, a)
      }
      expectConverged(a, b, d)
      // The files travelled, verified.
      const pb = a.store.records.get(d.photoB) as { file: { sha256: string } }
      expect((await readFile(filePath(a.store.dir, pb.file.sha256))).toString()).toBe('乙站照片的字节')
      // The journal says where the merge came from, and a backup was taken before it.
      const first = a.store.headers.find((h) => h.method === 'exchange.merge')!
      expect(first.from).toMatchObject({ archive: b.store.replicaId, via: 'package', source: '乙站交来的.aidpkg' })
      const merge = a.store.headers.filter((h) => h.method === 'exchange.merge').at(-1)!
      expect(merge.from).toMatchObject({ archive: b.store.replicaId, via: 'package' })
      // Not undone step by step (an undo would travel back as an edit): the backup is the way back.
      expect((await call(a, 'history.state', {})).undo).toBeNull()
      const backups = await readdir(join(a.store.dir, 'backups'))
      expect(backups.some((f) => f.endsWith('-exchange.merge.json'))).toBe(true)
    } finally {
      await close()
    }
  }, 120_000)

  it('the same package twice changes nothing the second time', async () => {
    const { a, b, close } = await pair()
    try {
      await diverge(a, b)
      const pkg = await call(b, 'exchange.pack', { scope: {} })
      const one = await call(a, 'exchange.preview', { data: pkg.data })
      await call(a, 'exchange.apply', { packageId: one.packageId })
      const seq = a.store.seq
      const before = state(a)
      const two = await call(a, 'exchange.preview', { data: pkg.data })
      expect(two.items).toEqual([])
      expect(two.counts).toMatchObject({ added: 0, updated: 0, deleted: 0, conflicts: 0 })
      const res = await call(a, 'exchange.apply', { packageId: two.packageId })
      expect(res.seq).toBe(seq)
      expect(state(a)).toEqual(before)
    } finally {
      await close()
    }
  }, 60_000)

  it('refuses a tampered or truncated package whole, and neither archive changes', async () => {
    const { a, b, close } = await pair()
    try {
      await diverge(a, b)
      const pkg = Buffer.from((await call(b, 'exchange.pack', { scope: {} })).data, 'base64')
      const seqA = a.store.seq
      const before = state(a)
      const flipped = Buffer.from(pkg)
      flipped[Math.floor(flipped.length / 2)]! ^= 0x40
      for (const bad of [flipped, pkg.subarray(0, pkg.length - 100), pkg.subarray(0, 200)]) {
        await expect(dispatch(a, 'exchange.preview', { data: bad.toString('base64') })).rejects.toMatchObject({ reason: expect.stringMatching(/^package\./) })
      }
      expect(a.store.seq).toBe(seqA)
      expect(state(a)).toEqual(before)
    } finally {
      await close()
    }
  }, 60_000)

  it('a conflict settled field by field travels back and closes on the other side too', async () => {
    const { a, b, close } = await pair()
    try {
      const d = await diverge(a, b)
      await viaPackage(b, a)
      await viaPackage(a, b)
      const views = await call(a, 'exchange.conflicts', {})
      const edit = views.find((v) => v.id === `records/${d.both}`)!
      expect(edit.kind).toBe('edit')
      expect(edit.fields.sort()).toEqual(['notes', 'title'])
      // Each version is credited to the workstation that made it.
      const other = edit.others[0]!.value!
      expect(edit.others[0]!.from).toBe(other.title === '甲站的题名' ? a.store.replicaId : b.store.replicaId)
      const del = views.find((v) => v.id === `records/${d.deleted}`)!
      expect(del.kind).toBe('delete')
      expect(del.current!.notes).toBe('乙站仍在使用')
      expect(del.others[0]).toMatchObject({ value: null, from: a.store.replicaId })
      // Title as A wrote it, notes as B wrote it, whichever version the archive shows now.
      const takeFromOther = ['title', 'notes'].filter((f) => (f === 'title' ? other.title === '甲站的题名' : other.notes === '乙站的备注'))
      if (takeFromOther.length) await call(a, 'exchange.resolve', { id: edit.id, resolution: { take: 'fields', fields: takeFromOther } })
      else await call(a, 'exchange.resolve', { id: edit.id, resolution: { take: 'current' } })
      const merged = a.store.records.get(d.both) as { title: string; notes: string }
      expect(merged).toMatchObject({ title: '甲站的题名', notes: '乙站的备注' })
      // The number conflict: the suggested number, then nothing left but the deletion.
      const num = (await call(a, 'exchange.conflicts', {})).find((v) => v.kind === 'number')!
      expect(num.number!.suggestion).toMatch(/^ZP·2024-\d{4}$/)
      await call(a, 'exchange.resolve', { id: num.id, resolution: { take: 'number', value: num.number!.suggestion } })
      expect((a.store.records.get(d.photoB) as { photoNo: string }).photoNo).toBe(num.number!.suggestion)
      await viaPackage(a, b)
      expect(b.store.records.get(d.both)).toEqual(a.store.records.get(d.both))
      expect([...b.store.conflicts.keys()]).toEqual([`records/${d.deleted}`])
      expect((b.store.records.get(d.photoB) as { photoNo: string }).photoNo).toBe(num.number!.suggestion)
    } finally {
      await close()
    }
  }, 120_000)

  it('packs since the last package to a destination: only what changed', async () => {
    const { a, b, close } = await pair()
    try {
      const first = await call(a, 'exchange.pack', { scope: {}, destination: '后方办公室' })
      await call(a, 'records.update', { id: firstOf(a, 'achievement').id, patch: { notes: '只改了这一条' } })
      const next = await call(a, 'exchange.pack', { scope: { sinceLast: '后方办公室' } })
      expect(next.items).toBe(1)
      expect(first.items).toBeGreaterThan(40)
      const pre = await call(b, 'exchange.preview', { data: next.data })
      expect(pre.counts).toMatchObject({ updated: 1, added: 0, conflicts: 0 })
      const info = await call(a, 'exchange.info', {})
      expect(info.destinations.map((x) => x.name)).toEqual(['后方办公室'])
    } finally {
      await close()
    }
  }, 60_000)
})

describe('what both sides made alike', () => {
  it('one tag per path, one link per pair, no two batches with one number', async () => {
    const { a, b, close } = await pair()
    try {
      const [x, y] = [0, 1].map((i) => firstOf(a, 'achievement', i).id) as [string, string]
      for (const [svc, who] of [[a, '甲'], [b, '乙']] as const) {
        const tag = await call(svc, 'tags.create', { path: '民生/医疗' })
        await call(svc, 'tags.apply', { recordIds: [x], tagIds: [tag.id], mode: 'add' })
        await call(svc, 'links.create', { from: x, to: y, type: 'cites', note: who })
        await call(svc, 'records.create', { record: { kind: 'batch', title: `第九批（${who}站录入）`, number: 9 } })
        await new Promise((r) => setTimeout(r, 5))
      }
      for (let i = 0; i < 3 && JSON.stringify(state(a)) !== JSON.stringify(state(b)); i++) {
        await viaPackage(a, b)
        await viaPackage(b, a)
      }
      expect(state(a)).toEqual(state(b))
      const tags = [...a.store.tags.values()].filter((t) => t.path === '民生/医疗')
      expect(tags).toHaveLength(1)
      expect(a.store.records.get(x)!.tags).toContain(tags[0]!.id)
      expect(a.store.linksOf(x).filter((l) => l.type === 'cites')).toHaveLength(1)
      const nines = [...a.store.records.values()].filter((r) => r.kind === 'batch' && r.title.startsWith('第九批'))
      expect(nines.map((r) => (r as { number: number }).number)).toContain(9)
      expect(new Set(nines.map((r) => (r as { number: number }).number)).size).toBe(2)
      const late = nines.find((r) => (r as { number: number }).number !== 9)!
      expect([...a.store.conflicts.values()].map((c) => c.id)).toContain(`records/${late.id}#number`)
    } finally {
      await close()
    }
  }, 120_000)
})

describe('exchange through a CouchDB server', () => {
  let server: Awaited<ReturnType<typeof startCouchServer>>
  beforeAll(async () => {
    server = await startCouchServer({ users: { office: '密码123' } })
  })
  afterAll(() => server.close())

  it('two diverged archives sync through the server and end up the same', async () => {
    const url = `${server.url}/aid-archive-${Date.now()}`
    await fetch(url, { method: 'PUT', headers: { authorization: `Basic ${Buffer.from('office:密码123').toString('base64')}` } })
    const { a, b, close } = await pair()
    try {
      const d = await diverge(a, b)
      const auth = { username: 'office', password: '密码123' }
      const first = await call(a, 'exchange.sync', { url, ...auth })
      expect(first.pushed).toBeGreaterThan(40)
      for (let i = 0; i < 4; i++) {
        await call(b, 'exchange.sync', { url, ...auth })
        await call(a, 'exchange.sync', { url, ...auth })
      }
      // Through a server only B meets both numbers; its finding travels to A with the photo.
      expectConverged(a, b, d)
      const pb = a.store.records.get(d.photoB) as { file: { sha256: string } }
      expect((await readFile(filePath(a.store.dir, pb.file.sha256))).toString()).toBe('乙站照片的字节')
      // A conflict made on the server itself (another replicator wrote beside us) reaches the same view.
      const doc = (await (await fetch(`${url}/records%2F${d.oneSideA}`, { headers: { authorization: `Basic ${Buffer.from('office:密码123').toString('base64')}` } })).json()) as Record<string, unknown>
      const theirs = { ...doc, _rev: '99-ffffffffffffffffffffffffffffffff', vv: { ...(doc.vv as object), cccccc: 1 }, value: { ...(doc.value as object), title: '服务器上另一台机器的题名' } }
      await fetch(`${url}/_bulk_docs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('office:密码123').toString('base64')}` },
        body: JSON.stringify({ docs: [theirs], new_edits: false }),
      })
      await call(a, 'records.update', { id: d.oneSideA, patch: { notes: '甲站同时在改' } })
      await call(a, 'exchange.sync', { url, ...auth })
      const c = (await call(a, 'exchange.conflicts', {})).find((v) => v.itemId === d.oneSideA)!
      expect(c.kind).toBe('edit')
      expect([c.current!.title, c.others[0]!.value!.title].sort()).toEqual(['服务器上另一台机器的题名', '甲站改过的题名'].sort())
      const info = await call(a, 'exchange.info', {})
      expect(info.syncs[0]!.url).toBe(url)
      expect(JSON.stringify(info)).not.toContain('密码123')
    } finally {
      await close()
    }
  }, 180_000)
})
