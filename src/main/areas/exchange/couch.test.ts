import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/errors'
import { startCouchServer, type CouchServer } from '../../test-support/couch-server'
import { CouchRemote } from './couch'
import type { RemoteLeaf as Leaf } from './couch-docs'
import { publicUrl } from './couch-url'

const USER = 'archivist'
const PASSWORD = 's3cret-Pässwort'
let server: CouchServer
let dbCount = 0

beforeAll(async () => {
  server = await startCouchServer({ users: { [USER]: PASSWORD } })
})
afterAll(async () => {
  await server?.close()
})

const basic = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64')

/** A fresh database on the server (as its administrator would make it), and its URL. */
async function freshDb(): Promise<string> {
  const url = `${server.url}/archive${++dbCount}`
  const res = await fetch(url, { method: 'PUT', headers: { Authorization: basic } })
  expect(res.status).toBe(201)
  return url
}

async function raw(url: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${url}/${path}`, { ...init, headers: { Authorization: basic, 'Content-Type': 'application/json', ...init.headers } })
  return res.json()
}

const open = (url: string) => CouchRemote.open({ url, username: USER, password: PASSWORD })

function leaf(id: string, value: Record<string, unknown> | null, vv: Record<string, number> = { a: 1 }, coll: Leaf['coll'] = 'records'): Leaf {
  return { coll, id, vv, value, at: '2025-03-01T08:00:00.000Z', from: 'a' }
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(ApiError)
  return e as ApiError
}

describe('CouchRemote', () => {
  it('pushes items and pulls them back as they were (Chinese text, deletions, every collection)', async () => {
    const url = await freshDb()
    const remote = await open(url)
    const items = [
      leaf('report-abc', { title: '阜康市教育援疆工作总结', places: ['阜康', '奇台'] }, { a: 3, b: 1 }),
      leaf('report-gone', null, { a: 2 }),
      leaf('tag-edu', { name: '教育援疆' }, { b: 1 }, 'tags'),
      leaf('link-1', { from: 'report-abc', to: 'tag-edu' }, { a: 1 }, 'links'),
      leaf('group-1', { title: '开学典礼' }, { a: 1 }, 'photoGroups'),
      leaf('search-1', { name: '奇台 照片', query: 'place:奇台 has:photo' }, { a: 1 }, 'savedSearches'),
    ]
    const { written, refused } = await remote.push(items.map((l) => ({ leaf: l })))
    expect(refused).toEqual([])
    expect([...written.keys()].sort()).toEqual(['links/link-1', 'photoGroups/group-1', 'records/report-abc', 'records/report-gone', 'savedSearches/search-1', 'tags/tag-edu'])

    const { docs, lastSeq } = await remote.pull(0)
    expect(docs.size).toBe(6)
    for (const l of items) {
      const got = docs.get(`${l.coll}/${l.id}`)
      expect(got).toHaveLength(1)
      expect(got![0]!.leaf).toEqual(l)
      expect(got![0]!.rev).toBe(written.get(`${l.coll}/${l.id}`))
    }
    expect(typeof lastSeq).toBe('string')
    await remote.close()
  })

  it('pulls from lastSeq only what changed since, across pages', async () => {
    const url = await freshDb()
    const remote = await open(url)
    // More than one page (500) in the first pull.
    const many = Array.from({ length: 620 }, (_, i) => ({ leaf: leaf(`rec-${i}`, { title: `第${i}件` }) }))
    const first = await remote.push(many)
    expect(first.written.size).toBe(620)
    const all = await remote.pull(0)
    expect(all.docs.size).toBe(620)

    const again = await remote.pull(all.lastSeq)
    expect(again.docs.size).toBe(0)
    expect(again.lastSeq).toBe(all.lastSeq)

    await remote.push([
      { leaf: leaf('rec-7', { title: '第7件（改）' }, { a: 2 }), rev: first.written.get('records/rec-7') },
      { leaf: leaf('rec-new', { title: '新件' }) },
    ])
    const next = await remote.pull(all.lastSeq)
    expect([...next.docs.keys()].sort()).toEqual(['records/rec-7', 'records/rec-new'])
    expect(next.docs.get('records/rec-7')![0]!.leaf.value).toEqual({ title: '第7件（改）' })
    await remote.close()
  })

  it('reports a CouchDB conflict as all its leaves, winner first; a push with prune settles it', async () => {
    const url = await freshDb()
    const remote = await open(url)
    const base = leaf('report-x', { title: '原稿' })
    // Two workstations edited the same revision: the server keeps both (as replication would).
    const doc = (rev: string, title: string, vv: Record<string, number>) => ({ _id: 'records/report-x', _rev: rev, _revisions: { start: 2, ids: [rev.slice(2), 'aaaa'] }, ...leaf('report-x', { title }, vv) })
    await raw(url, '_bulk_docs', {
      method: 'POST',
      body: JSON.stringify({
        new_edits: false,
        docs: [
          { _id: 'records/report-x', _rev: '1-aaaa', ...base },
          doc('2-bbbb', '甲方修改', { a: 2 }),
          doc('2-cccc', '乙方修改', { a: 1, b: 1 }),
        ],
      }),
    })
    const { docs } = await remote.pull(0)
    const leaves = docs.get('records/report-x')!
    expect(leaves.map((l) => l.rev)).toEqual(['2-cccc', '2-bbbb']) // CouchDB's winner: the higher rev
    expect(leaves.map((l) => l.leaf.value)).toEqual([{ title: '乙方修改' }, { title: '甲方修改' }])
    expect(leaves[1]!.leaf.vv).toEqual({ a: 2 })
    expect(await remote.leaves(['records/report-x', 'records/none'])).toEqual(new Map([['records/report-x', leaves]]))

    const settled = leaf('report-x', { title: '合并后' }, { a: 3, b: 1 })
    const r = await remote.push([{ leaf: settled, rev: '2-cccc', prune: ['2-bbbb'] }])
    expect(r.refused).toEqual([])
    const after = (await raw(url, 'records%2Freport-x?conflicts=true')) as Record<string, unknown>
    expect(after._conflicts).toBeUndefined()
    expect(after.value).toEqual({ title: '合并后' })
    const again = await remote.leaves(['records/report-x'])
    expect(again.get('records/report-x')!.map((l) => l.leaf)).toEqual([settled])
    await remote.close()
  })

  it('refuses a write someone else got in before (409) and leaves that document alone', async () => {
    const url = await freshDb()
    const remote = await open(url)
    const first = await remote.push([{ leaf: leaf('r-1', { title: '一' }) }, { leaf: leaf('r-2', { title: '二' }) }])
    const rev1 = first.written.get('records/r-1')!
    // Another workstation writes r-1 meanwhile.
    const theirs = await remote.push([{ leaf: leaf('r-1', { title: '别处改的' }, { b: 1, a: 1 }), rev: rev1 }])
    expect(theirs.refused).toEqual([])

    const mine = await remote.push([
      { leaf: leaf('r-1', { title: '这里改的' }, { a: 2 }), rev: rev1 },
      { leaf: leaf('r-2', { title: '二（改）' }, { a: 2 }), rev: first.written.get('records/r-2') },
      { leaf: leaf('r-3', { title: '三' }) },
      // The same item id in another collection is another document.
      { leaf: leaf('r-2', { name: '标签' }, { c: 1 }, 'tags') },
    ])
    expect(mine.refused).toEqual(['records/r-1'])
    expect([...mine.written.keys()].sort()).toEqual(['records/r-2', 'records/r-3', 'tags/r-2'])
    const now = await remote.leaves(['records/r-1'])
    expect(now.get('records/r-1')!.map((l) => l.leaf.value)).toEqual([{ title: '别处改的' }])
    // A "new" item that exists already is refused too.
    const dup = await remote.push([{ leaf: leaf('r-3', { title: '又一个三' }, { c: 1 }) }])
    expect(dup).toEqual({ written: new Map(), refused: ['records/r-3'] })
    await remote.close()
  })

  it('moves files intact (sha256 checked) and says which it has', async () => {
    const url = await freshDb()
    const remote = await open(url)
    const data = new Uint8Array(300_000).map((_, i) => (i * 7 + 3) % 256)
    const sha = createHash('sha256').update(data).digest('hex')
    const other = 'f'.repeat(64)
    expect(await remote.hasFiles([sha, other])).toEqual(new Set())
    await remote.putFile(sha, 'image/jpeg', data)
    await remote.putFile(sha, 'image/jpeg', data) // already there: fine
    expect(await remote.hasFiles([sha, other])).toEqual(new Set([sha]))
    const back = await remote.getFile(sha)
    expect(createHash('sha256').update(back).digest('hex')).toBe(sha)
    expect(Buffer.from(back).equals(Buffer.from(data))).toBe(true)
    // Files are not items: a pull passes them over.
    expect((await remote.pull(0)).docs.size).toBe(0)

    expect((await refusal(remote.getFile(other))).reason).toBe('sync.file_missing')
    expect((await refusal(remote.putFile(other, 'image/jpeg', data))).reason).toBe('sync.file_mismatch')
    // The server hands back bytes that are not the file: refused.
    const bad = 'e'.repeat(64)
    await fetch(`${url}/file%2F${bad}/data`, { method: 'PUT', headers: { Authorization: basic, 'Content-Type': 'image/png' }, body: new Uint8Array([1, 2, 3]) })
    expect((await refusal(remote.getFile(bad))).reason).toBe('sync.file_mismatch')
    // And a file over the cap is refused while it streams.
    const capped = await CouchRemote.open({ url, username: USER, password: PASSWORD, maxFileBytes: 1000 })
    expect((await refusal(capped.getFile(sha))).reason).toBe('file.too_large')
    await capped.close()
    await remote.close()
  })

  it('refuses a malformed document of ours and passes over design and foreign documents', async () => {
    const url = await freshDb()
    const remote = await open(url)
    await raw(url, '_bulk_docs', {
      method: 'POST',
      body: JSON.stringify({ docs: [{ _id: '_design/app', views: {} }, { _id: 'notes/1', text: '别人的文档' }] }),
    })
    await remote.push([{ leaf: leaf('ok-1', { title: '好' }) }])
    expect([...(await remote.pull(0)).docs.keys()]).toEqual(['records/ok-1'])

    const malformed = [
      { _id: 'records/bad-1', coll: 'records', id: 'bad-1', vv: { a: 1 }, value: '不是对象', at: '2025-03-01T08:00:00.000Z', from: 'a' },
      { _id: 'tags/bad-2', coll: 'records', id: 'bad-2', vv: { a: 1 }, value: {}, at: '2025-03-01T08:00:00.000Z', from: 'a' },
      { _id: 'links/bad-3', coll: 'links', id: 'bad-3', vv: { a: -1 }, value: {}, at: '2025-03-01T08:00:00.000Z', from: 'a' },
      { _id: 'records/bad-4', coll: 'records', id: 'bad-4', vv: { a: 1 }, value: { text: 'x'.repeat(8_100_000) }, at: '2025-03-01T08:00:00.000Z', from: 'a' },
    ]
    for (const doc of malformed) {
      const db = await freshDb()
      await raw(db, '_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: [doc] }) })
      const r = await open(db)
      const e = await refusal(r.pull(0))
      expect(e.reason).toBe('sync.bad_document')
      expect(e.params).toEqual({ id: doc._id })
      await r.close()
    }
    await remote.close()
  })

  it('says 401 with a wrong password, 404 for a missing database, and never shows the credentials', async () => {
    const url = await freshDb()
    const wrong = await refusal(CouchRemote.open({ url, username: USER, password: 'wrong-password' }))
    expect(wrong.reason).toBe('sync.unauthorized')
    expect(wrong.params).toEqual({ url })
    const none = await refusal(CouchRemote.open({ url }))
    expect(none.reason).toBe('sync.unauthorized')

    const missing = await refusal(open(`${server.url}/no-such-db`))
    expect(missing.reason).toBe('sync.no_database')
    expect(missing.code).toBe('not_found')
    // The database is not made behind the user's back.
    expect(((await raw(server.url, '_all_dbs')) as string[]).includes('no-such-db')).toBe(false)
    // The server's root is no database either.
    expect((await refusal(open(`${server.url}/`))).reason).toBe('sync.bad_url')

    // Credentials typed into the URL work, and appear nowhere after.
    const withCreds = url.replace('http://', `http://${USER}:${encodeURIComponent(PASSWORD)}@`)
    const r = await CouchRemote.open({ url: withCreds })
    expect(r.url).toBe(url)
    await r.close()
    const badCreds = url.replace('http://', `http://${USER}:nope@`) + '?token=abc'
    const e = await refusal(CouchRemote.open({ url: badCreds }))
    expect(e.reason).toBe('sync.unauthorized')
    for (const err of [wrong, none, missing, e]) {
      const text = JSON.stringify(err.toJSON())
      for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), 'nope', 'token=abc', 'wrong-password']) expect(text).not.toContain(secret)
    }
  })

  it('says unreachable, quickly, for a closed port and for a server that never answers', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => resolve(p))
      })
    })
    const t0 = Date.now()
    const closed = await refusal(CouchRemote.open({ url: `http://${USER}:${PASSWORD}@127.0.0.1:${port}/archive`, timeoutMs: 500 }))
    expect(closed.reason).toBe('sync.unreachable')
    expect(closed.params).toEqual({ url: `http://127.0.0.1:${port}/archive` })

    // Accepts the connection, never answers.
    const held: import('node:net').Socket[] = []
    const silent: Server = await new Promise((resolve) => {
      const s = createServer((sock) => held.push(sock)).listen(0, '127.0.0.1', () => resolve(s))
    })
    const silentPort = (silent.address() as { port: number }).port
    const timedOut = await refusal(CouchRemote.open({ url: `http://127.0.0.1:${silentPort}/archive`, username: USER, password: PASSWORD, timeoutMs: 300 }))
    expect(timedOut.reason).toBe('sync.unreachable')
    expect(Date.now() - t0).toBeLessThan(5000)
    for (const s of held) s.destroy()
    await new Promise((resolve) => silent.close(resolve))
    for (const err of [closed, timedOut]) expect(JSON.stringify(err.toJSON())).not.toContain(PASSWORD)
  })

  it('says unreachable when the server goes away during a sync', async () => {
    const own = await startCouchServer()
    await fetch(`${own.url}/db`, { method: 'PUT' })
    const remote = await CouchRemote.open({ url: `${own.url}/db`, timeoutMs: 1000 })
    await own.close()
    expect((await refusal(remote.pull(0))).reason).toBe('sync.unreachable')
    expect((await refusal(remote.push([{ leaf: leaf('r-1', {}) }]))).reason).toBe('sync.unreachable')
    expect((await refusal(remote.hasFiles(['a'.repeat(64)]))).reason).toBe('sync.unreachable')
    await remote.close()
  })

  it('refuses addresses that are not a database URL', async () => {
    for (const url of ['not a url', 'ftp://127.0.0.1/db', 'file:///tmp/db', 'http://127.0.0.1:5984']) {
      const e = await refusal(CouchRemote.open({ url }))
      expect(e.reason).toBe('sync.bad_url')
      expect(e.field).toBe('url')
    }
  })
})

describe('publicUrl', () => {
  it('strips credentials, query and fragment', () => {
    expect(publicUrl('http://u:p%40ss@couch.example:5984/aid/?token=x#y')).toBe('http://couch.example:5984/aid')
    expect(publicUrl('https://couch.example/aid')).toBe('https://couch.example/aid')
    expect(publicUrl('https://couch.example/')).toBe('https://couch.example/')
    expect(publicUrl('bad://u:pw@host with space/db?x')).not.toMatch(/pw|u:|\?x/)
    expect(publicUrl('://user:secret@')).not.toContain('secret')
  })
})
