// Transfer packages (.aidpkg): the leaves of the items in scope as changes.jsonl, the
// originals they need as files/<sha256>, and a manifest naming the source archive
// (container.ts checks every entry's sha256). Reading one is reading hostile input: the
// container in a worker with limits, then every line against its schema, then every file
// against its name; one fault refuses the whole package before anything changes.
import { readFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { z } from 'zod'
import { EXCHANGED, type ExchangedColl, type PackScope } from '../../../shared/contract/exchange'
import { VersionVector, type ArchiveRecord, type FileRef } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { ArchiveReader } from '../../core/store/reader'
import { filePath, sha256 } from '../../media/files'
import { readContainer } from './container'
import type { ContainerEntry } from './container-format'
import { writeContainer } from './container-write'
import { TRAVELLING, join, localLeaves, type Leaf, type LeafColl } from './leaves'
import type { DestinationState } from './state'

export const CHANGES = 'changes.jsonl'

export interface PackageMeta {
  archiveId: string
  name: string
  createdAt: string
  scope: PackScope
  items: number
  files: number
  /** The archives this one has met, by replica id: names for the versions it relays. */
  names?: Record<string, string>
}

export interface ReadPackage {
  meta: PackageMeta
  leaves: Leaf[]
  files: Map<string, Uint8Array>
}

/** The name the other side sees for this archive: its 全宗 name and the workstation. */
export function archiveName(store: ArchiveReader): string {
  return `${store.settings.fondsName || store.settings.fondsCode}（${hostname()}）`
}

/** The items a scope takes: keys coll/id. */
export function scopeKeys(store: ArchiveReader, scope: PackScope, since?: DestinationState): Set<string> {
  const keys = new Set<string>()
  if (!scope.batchId && !scope.ids) {
    for (const coll of EXCHANGED) for (const id of (store[coll] as ReadonlyMap<string, unknown>).keys()) keys.add(`${coll}/${id}`)
    for (const c of store.conflicts.values()) if (c.kind === 'number') keys.add(`conflicts/${c.id}`)
    for (const [key, v] of store.versions) if (v.deleted) keys.add(key)
    if (since) for (const key of [...keys]) if (!newer(store.versions.get(key)?.vv ?? {}, since.frontier) && !store.conflicts.has(key)) keys.delete(key)
    return keys
  }
  // A part of the archive: its records, with the batch, tags, groups and links they need.
  const records = new Set<string>()
  if (scope.batchId) {
    if (store.records.get(scope.batchId)?.kind !== 'batch') throw new ApiError('not_found', 'record.not_found', { id: scope.batchId }, { field: 'scope.batchId' })
    records.add(scope.batchId)
    for (const r of store.records.values()) if (r.kind !== 'batch' && r.batchId === scope.batchId) records.add(r.id)
  }
  for (const id of scope.ids ?? []) {
    if (!store.records.has(id)) throw new ApiError('not_found', 'record.not_found', { id }, { field: 'scope.ids' })
    records.add(id)
  }
  for (const id of records) {
    const r = store.records.get(id)!
    keys.add(`records/${id}`)
    for (const t of r.tags) keys.add(`tags/${t}`)
    if (r.kind !== 'batch' && r.batchId) keys.add(`records/${r.batchId}`)
    if (r.kind === 'photo' && r.groupId) keys.add(`photoGroups/${r.groupId}`)
  }
  for (const l of store.links.values()) if (records.has(l.from) && records.has(l.to)) keys.add(`links/${l.id}`)
  for (const c of store.conflicts.values()) if (c.kind === 'number' && records.has(c.itemId)) keys.add(`conflicts/${c.id}`)
  return keys
}

/** Any replica's change in vv that the frontier has not seen. */
function newer(vv: VersionVector, frontier: VersionVector): boolean {
  return Object.entries(vv).some(([k, n]) => n > (frontier[k] ?? 0)) || (Object.keys(vv).length === 0 && Object.keys(frontier).length === 0)
}

/** Every replica's clock in the archive now: what a destination has once it has everything. */
export function frontierOf(store: ArchiveReader): VersionVector {
  let f: VersionVector = {}
  for (const v of store.versions.values()) f = join(f, v.vv)
  return f
}

export function leavesOf(store: ArchiveReader, keys: Iterable<string>, name: string): Leaf[] {
  const out: Leaf[] = []
  for (const key of keys) {
    const slash = key.indexOf('/')
    for (const l of localLeaves(store, key.slice(0, slash) as LeafColl, key.slice(slash + 1))) out.push(l.from === store.replicaId && !l.fromName ? { ...l, fromName: name } : l)
  }
  return out
}

/** The originals the records among these leaves need (each once). */
export function filesOf(leaves: Pick<Leaf, 'coll' | 'value'>[]): FileRef[] {
  const out = new Map<string, FileRef>()
  for (const l of leaves) {
    if (l.coll !== 'records' || !l.value) continue
    const r = l.value as unknown as ArchiveRecord
    if (r.kind === 'report') for (const a of r.attachments) out.set(a.sha256, a)
    if (r.kind === 'photo' && r.file) out.set(r.file.sha256, r.file)
  }
  return [...out.values()]
}

export async function writePackage(store: ArchiveReader, scope: PackScope, since?: DestinationState, names: Record<string, string> = {}): Promise<{ bytes: Uint8Array; meta: PackageMeta }> {
  const name = archiveName(store)
  const leaves = leavesOf(store, scopeKeys(store, scope, since), name)
  if (!leaves.length) throw new ApiError('invalid_input', 'exchange.nothing_to_pack')
  const entries: ContainerEntry[] = [{ name: CHANGES, data: new TextEncoder().encode(leaves.map((l) => JSON.stringify(l)).join('\n') + '\n') }]
  let files = 0
  for (const f of filesOf(leaves)) {
    // A file this archive lacks (a damaged copy) is left out; the receiving archive's file check reports it.
    const data = await readFile(filePath(store.dir, f.sha256)).catch(() => null)
    if (!data || sha256(data) !== f.sha256) continue
    entries.push({ name: `files/${f.sha256}`, data })
    files++
  }
  const meta: PackageMeta = { archiveId: store.replicaId, name, createdAt: new Date().toISOString(), scope, items: leaves.length, files, names }
  return { bytes: writeContainer(meta as unknown as Record<string, unknown>, entries), meta }
}

const LeafLine = z
  .object({
    coll: z.enum(TRAVELLING as [LeafColl, ...LeafColl[]]),
    id: z.string().min(1).max(300),
    vv: VersionVector,
    value: z.record(z.string(), z.unknown()).nullable(),
    at: z.string().max(40),
    from: z.string().max(40),
    fromName: z.string().max(300).default(''),
  })
  .strict()
const Meta = z.object({
  archiveId: z.string().regex(/^[a-z0-9]{1,40}$/),
  name: z.string().max(300),
  createdAt: z.string().max(40),
  scope: z.record(z.string(), z.unknown()).default({}),
  items: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  names: z.record(z.string().regex(/^[a-z0-9]{1,40}$/), z.string().max(300)).default({}),
})

export async function readPackage(bytes: Uint8Array): Promise<ReadPackage> {
  const { meta: rawMeta, entries } = await readContainer(bytes)
  const meta = Meta.safeParse(rawMeta)
  if (!meta.success) throw new ApiError('invalid_input', 'package.bad_manifest', {})
  const text = entries.get(CHANGES)
  if (!text) throw new ApiError('invalid_input', 'package.missing_entry', { name: CHANGES })
  const leaves: Leaf[] = []
  const lines = new TextDecoder('utf-8', { fatal: false }).decode(text).split('\n')
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch {
      throw new ApiError('invalid_input', 'package.bad_line', { line: i + 1 })
    }
    const p = LeafLine.safeParse(raw)
    // The item's own id must be the value's id: a line cannot smuggle one item in as another.
    if (!p.success || (p.data.value && p.data.value.id !== p.data.id)) throw new ApiError('invalid_input', 'package.bad_line', { line: i + 1 })
    leaves.push(p.data)
  }
  const files = new Map<string, Uint8Array>()
  for (const [name, data] of entries) {
    if (name === CHANGES) continue
    const m = /^files\/([0-9a-f]{64})$/.exec(name)
    if (!m) throw new ApiError('invalid_input', 'package.extra_entry', { name })
    if (sha256(data) !== m[1]) throw new ApiError('invalid_input', 'package.hash_mismatch', { name })
    files.set(m[1]!, data)
  }
  return { meta: meta.data as PackageMeta, leaves, files }
}
