// Sync with a CouchDB database, the archive staying this workstation's source of truth:
// pull the server's changes since last time (every leaf, CouchDB's conflicts included)
// through the same merge as a package, then push each item whose leaf the server does not
// hold, on top of the server's revision (pruning the conflict revisions it settles). A write
// someone else got in first is refused by the server (409): those items are read again,
// merged, and pushed again.
import { readFile } from 'node:fs/promises'
import type { MergeCounts } from '../../../shared/contract/exchange'
import { EXCHANGED } from '../../../shared/contract/exchange'
import { VersionVector } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { ArchiveService } from '../../core/service'
import { filePath, putFile, sha256 } from '../../media/files'
import { mergeLeaves } from './apply'
import { CouchRemote } from './couch'
import type { RemoteDoc, RemoteLeaf } from './couch-docs'
import { canonical, localLeaves, type Leaf } from './leaves'
import { filesOf } from './package'
import type { ExchangeStateFile, SyncState } from './state'

const ROUNDS = 3

export interface SyncInput {
  url: string
  username?: string
  password?: string
}

const sigOf = (l: Pick<Leaf, 'vv' | 'value'>, others: Pick<Leaf, 'vv' | 'value'>[] = []) => canonical({ vv: l.vv, value: l.value, others: others.map((o) => ({ vv: o.vv, value: o.value })) })

export async function syncWith(svc: ArchiveService, state: ExchangeStateFile, input: SyncInput): Promise<{ pulled: MergeCounts; pushed: number; seq: number }> {
  const remote = await CouchRemote.open({
    url: input.url,
    username: input.username ?? process.env.AID_SYNC_USER,
    password: input.password ?? process.env.AID_SYNC_PASSWORD,
  })
  try {
    const st = await state.get()
    const s: SyncState = st.syncs[remote.url] ?? { since: '0', at: '', server: {} }
    const pulled: MergeCounts = { added: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, files: 0 }
    const from = { archive: 'couchdb', name: remote.url, via: 'sync' as const }
    const take = async (docs: Map<string, RemoteDoc[]>) => {
      const leaves: Leaf[] = []
      for (const [key, list] of docs) {
        s.server[key] = { rev: list[0]!.rev, sig: sigOf(list[0]!.leaf, list[0]!.others), others: list.slice(1).map((d) => d.rev) }
        for (const d of list.flatMap((x) => [x, ...(x.others ?? []).map((o) => ({ leaf: o, rev: x.rev }))])) {
          // The server is another party: a version vector this archive could not journal is refused.
          if (!VersionVector.safeParse(d.leaf.vv).success || (d.leaf.value && d.leaf.value.id !== d.leaf.id)) throw new ApiError('invalid_input', 'sync.bad_document', { id: key })
          leaves.push({ ...d.leaf, fromName: '' })
        }
      }
      pulled.files += await fetchFiles(svc, remote, leaves)
      if (!leaves.length) return
      const res = await mergeLeaves(svc, leaves, from)
      for (const k of ['added', 'updated', 'deleted', 'conflicts'] as const) pulled[k] += res.counts[k]
      pulled.unchanged += res.counts.unchanged
    }

    const page = await remote.pull(s.since || 0)
    await take(page.docs)
    let pushed = 0
    for (let round = 0; round < ROUNDS; round++) {
      const writes = pending(svc, s)
      if (!writes.length) break
      await pushFiles(svc, remote, writes.map((w) => w.leaf))
      const res = await remote.push(writes)
      for (const w of writes) {
        const key = `${w.leaf.coll}/${w.leaf.id}`
        const rev = res.written.get(key)
        if (rev) s.server[key] = { rev, sig: sigOf(w.leaf, w.others) }
      }
      pushed += res.written.size
      if (!res.refused.length) break
      // Someone wrote first: read what they wrote, merge it, and push again.
      await take(await remote.leaves(res.refused))
    }
    s.since = page.lastSeq
    s.at = new Date().toISOString()
    st.syncs[remote.url] = s
    await state.save()
    return { pulled, pushed, seq: svc.store.seq }
  } finally {
    await remote.close()
  }
}

/** Every item whose leaf the server does not hold (or holds beside conflict revisions this archive settled). */
function pending(svc: ArchiveService, s: SyncState) {
  const keys = new Set<string>(svc.store.versions.keys())
  for (const coll of EXCHANGED) for (const id of (svc.store[coll] as ReadonlyMap<string, unknown>).keys()) keys.add(`${coll}/${id}`)
  const out: { leaf: RemoteLeaf; rev?: string; prune?: string[]; others?: RemoteLeaf[] }[] = []
  for (const key of keys) {
    const slash = key.indexOf('/')
    const [l, ...rest] = localLeaves(svc.store, key.slice(0, slash) as Leaf['coll'], key.slice(slash + 1))
    if (!l) continue
    const server = s.server[key]
    if (server && server.sig === sigOf(l, rest) && !server.others?.length) continue
    const others = rest.map((o) => ({ coll: o.coll, id: o.id, vv: o.vv, value: o.value, at: o.at || new Date(0).toISOString(), from: o.from || svc.store.replicaId }))
    const stamp = typeof l.value?.updatedAt === 'string' ? l.value.updatedAt : l.at
    const leaf = { coll: l.coll, id: l.id, vv: l.vv, value: l.value, at: stamp || new Date(0).toISOString(), from: l.from || svc.store.replicaId }
    out.push({ leaf, ...(server ? { rev: server.rev } : {}), ...(server?.others?.length ? { prune: server.others } : {}), ...(others.length ? { others } : {}) })
  }
  return out
}

async function fetchFiles(svc: ArchiveService, remote: CouchRemote, leaves: Leaf[]): Promise<number> {
  let n = 0
  for (const f of filesOf(leaves)) {
    const have = await readFile(filePath(svc.store.dir, f.sha256)).then(
      (d) => sha256(d) === f.sha256,
      () => false,
    )
    if (have) continue
    // A file the server lacks is left for the file check to report, as with a package.
    const data = await remote.getFile(f.sha256).catch((e: unknown) => {
      if (e instanceof ApiError && e.reason === 'sync.file_missing') return null
      throw e
    })
    if (!data) continue
    await putFile(svc.store.dir, data, f.name, f.mime)
    n++
  }
  return n
}

async function pushFiles(svc: ArchiveService, remote: CouchRemote, leaves: RemoteLeaf[]): Promise<void> {
  const files = filesOf(leaves)
  if (!files.length) return
  const there = await remote.hasFiles(files.map((f) => f.sha256))
  for (const f of files) {
    if (there.has(f.sha256)) continue
    const data = await readFile(filePath(svc.store.dir, f.sha256)).catch(() => null)
    if (data && sha256(data) === f.sha256) await remote.putFile(f.sha256, f.mime || 'application/octet-stream', data)
  }
}
