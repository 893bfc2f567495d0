// Tiny in-memory archives for testing one rule alone: an ArchiveReader built from arrays
// (no disk, no kernel), a Draft over it with the change under test laid on as pending
// items, and the scope the kernel would hand the rules for that change.
import { StoredRecord, defaultSettings, type ArchiveRecord, type Link, type PhotoGroup, type Settings, type Tag } from '../../../shared/domain'
import { Draft } from '../kernel/draft'
import type { Scope } from '../rules'
import { StoreIndexes } from '../store/indexes'
import type { ArchiveReader } from '../store/reader'

export interface TinyState {
  records?: ArchiveRecord[]
  tags?: Tag[]
  links?: Link[]
  groups?: PhotoGroup[]
  settings?: Partial<Settings>
  counters?: Record<string, number>
}

const T0 = '2024-01-01T00:00:00.000Z'

/** A stored archive from arrays; the same lookups the real store keeps (StoreIndexes). */
export function reader(s: TinyState = {}): ArchiveReader {
  const byId = <T extends { id: string }>(xs: T[] = []) => new Map(xs.map((x) => [x.id, x]))
  const records = byId(s.records)
  const links = byId(s.links)
  const idx = new StoreIndexes()
  for (const r of records.values()) idx.record(r.id, null, r)
  for (const l of links.values()) idx.link(l.id, null, l)
  const settings = { ...defaultSettings(), ...s.settings }
  return {
    dir: '/nowhere',
    readOnly: true,
    records,
    tags: byId(s.tags),
    links,
    photoGroups: byId(s.groups),
    savedSearches: new Map(),
    counters: new Map(Object.entries(s.counters ?? {})),
    versions: new Map(),
    conflicts: new Map(),
    replicaId: 'test',
    settings,
    seq: 0,
    headers: [],
    linksOf: (id) => [...(idx.linksByRecord.get(id) ?? [])].map((l) => links.get(l)!),
    holders: (index, key) => [...(idx[index].get(key) ?? [])],
    entry: async () => null,
    entries: async () => new Map(),
    onCommit: () => () => {},
    cacheDir: '/nowhere/cache',
    cacheEpoch: 'tiny',
    touchedSince: async () => null,
    toDocument: () => {
      throw new Error('not in a tiny archive')
    },
  }
}

/** The stored archive with the change under test staged on top, and that change's scope. */
export function staged(stored: TinyState, change: { records?: (ArchiveRecord | string)[]; tags?: (Tag | string)[]; links?: (Link | string)[]; groups?: (PhotoGroup | string)[] } = {}) {
  const draft = new Draft(reader(stored))
  // A string is the id of an item the change deletes.
  const put = <C extends 'records' | 'tags' | 'links' | 'photoGroups'>(coll: C, xs: (Parameters<Draft['set']>[2] | string)[] = []) => {
    for (const x of xs) {
      if (typeof x === 'string') draft.set(coll, x, null)
      else draft.set(coll, (x as { id: string }).id, x as never)
    }
  }
  put('records', change.records)
  put('tags', change.tags)
  put('links', change.links)
  put('photoGroups', change.groups)
  return { view: draft, scope: pendingScope(draft) }
}

/** The scope the kernel builds from a draft's pending items (before: as stored). */
export function pendingScope(draft: Draft): Scope {
  const deltas = <C extends 'records' | 'tags' | 'links' | 'photoGroups'>(coll: C) =>
    [...draft.pending[coll]].map(([id, after]) => ({ id, before: draft.before(coll, id), after: after ?? undefined }))
  return { records: deltas('records'), links: deltas('links'), tags: deltas('tags'), groups: deltas('photoGroups'), whole: false } as Scope
}

// Items with every default filled in, as the store holds them. Records go through
// StoredRecord, which checks a date's form only, so a stored 2024-02-30 can be built.
const stamps = { createdAt: T0, updatedAt: T0, createdBy: 'tester', updatedBy: 'tester' }
const rec = <K extends ArchiveRecord['kind']>(kind: K, id: string, extra: Record<string, unknown>) =>
  StoredRecord.parse({ title: id, ...stamps, ...extra, kind, id }) as Extract<ArchiveRecord, { kind: K }>

export const batch = (id: string, number: number, extra: Record<string, unknown> = {}) => rec('batch', id, { number, ...extra })
export const report = (id: string, extra: Record<string, unknown> = {}) => rec('report', id, extra)
export const achievement = (id: string, extra: Record<string, unknown> = {}) => rec('achievement', id, extra)
export const photo = (id: string, extra: Record<string, unknown> = {}) => rec('photo', id, extra)
export const tag = (id: string, path: string, extra: Partial<Tag> = {}): Tag => ({ id, path, color: '', createdAt: T0, ...extra })
export const link = (id: string, from: string, to: string, type: Link['type'] = 'related', extra: Partial<Link> = {}): Link => ({ id, from, to, type, note: '', createdAt: T0, createdBy: 'tester', ...extra })
export const group = (id: string, extra: Partial<PhotoGroup> = {}): PhotoGroup => ({ id, title: id, description: '', createdAt: T0, ...extra })
