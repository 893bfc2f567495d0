// The JSON interchange format (README: "Archive format"), all or nothing.
//  - An exported archive document (schemaVersion …) goes into an empty archive as is.
//  - An interchange file { format: "aid-archive/v1", tags?, records, links?, photoGroups? }
//    where records are drafts (id optional) whose tags are tag paths ("产业/煤化工"),
//    created if missing, and links name records of the file or of the archive.
// Every item is validated before anything is written; one bad item refuses the lot.
import { z } from 'zod'
import { RecordDraft } from '../../shared/api'
import { ArchiveDocument, LinkType, type ArchiveRecord, type Link, type PhotoGroup, type Tag } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import { invalid, normTagPath, type ArchiveService } from '../core/service'
import type { ArchiveStore } from '../core/store/archive-store'
import type { Mutation } from '../core/store/journal'

export const INTERCHANGE_FORMAT = 'aid-archive/v1'

const Interchange = z.object({
  format: z.literal(INTERCHANGE_FORMAT),
  tags: z.array(z.object({ path: z.string().min(1).max(200), color: z.string().regex(/^(#[0-9a-fA-F]{6})?$/).optional() })).default([]),
  records: z.array(z.record(z.string(), z.unknown())).max(1_000_000),
  links: z.array(z.object({ from: z.string(), to: z.string(), type: LinkType, note: z.string().max(1000).optional() })).default([]),
  photoGroups: z.array(z.object({ id: z.string().optional(), title: z.string().min(1).max(500), description: z.string().max(20000).optional() })).default([]),
})

export function exportDocument(store: ArchiveStore): ArchiveDocument {
  return store.toDocument()
}

export async function importData(svc: ArchiveService, data: unknown, method: string): Promise<{ created: number; tags: number; links: number }> {
  if (data && typeof data === 'object' && 'schemaVersion' in data) return importDocument(svc, data, method)
  const parsed = Interchange.safeParse(data)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const file = parsed.data
  const store = svc.store
  const now = new Date().toISOString()
  const changes: Mutation[] = []

  // Tags by path: reuse the archive's, create the rest.
  const byPath = new Map<string, string>([...store.tags.values()].map((t) => [t.path, t.id]))
  const tagId = (path: string, color = ''): string => {
    const norm = normTagPath(path)
    let id = byPath.get(norm)
    if (!id) {
      id = newId('tag')
      const tag: Tag = { id, path: norm, color, createdAt: now }
      byPath.set(norm, id)
      changes.push({ coll: 'tags', id, before: null, after: tag })
    }
    return id
  }
  for (const t of file.tags) tagId(t.path, t.color)

  const groups = new Map<string, string>()
  for (const g of file.photoGroups) {
    const id = g.id && /^grp_[A-Za-z0-9_-]+$/.test(g.id) ? g.id : newId('group')
    if (g.id) groups.set(g.id, id)
    const group: PhotoGroup = { id, title: g.title, description: g.description ?? '', createdAt: now }
    changes.push({ coll: 'photoGroups', id, before: null, after: group })
  }

  const created = new Map<string, ArchiveRecord>()
  // Records are validated against the archive plus the tags created above.
  const tagsNow = (id: string) => store.tags.has(id) || changes.some((c) => c.coll === 'tags' && c.id === id)
  file.records.forEach((raw, i) => {
    const tags = Array.isArray(raw.tags) ? (raw.tags as unknown[]).map((t) => tagId(String(t))) : []
    const groupId = typeof raw.groupId === 'string' ? (groups.get(raw.groupId) ?? raw.groupId) : raw.groupId
    const d = RecordDraft.safeParse({ ...raw, tags, ...(groupId !== undefined ? { groupId } : {}) })
    if (!d.success) throw at(i, invalid(d.error.issues))
    const id = d.data.id ?? newId(d.data.kind)
    if (store.records.has(id) || created.has(id)) throw at(i, new ApiError('conflict', `A record with id ${id} exists.`, { id }))
    const rec = { ...d.data, id, createdAt: now, updatedAt: now, createdBy: svc.user, updatedBy: svc.user } as ArchiveRecord
    for (const t of rec.tags) if (!tagsNow(t)) throw at(i, new ApiError('invalid_input', `Unknown tag ${t}.`))
    created.set(id, rec)
  })
  // Batch references may point to batches of the same file.
  for (const [i, r] of [...created.values()].entries()) {
    if (r.kind !== 'batch' && r.batchId) {
      const b = created.get(r.batchId) ?? store.records.get(r.batchId)
      if (b?.kind !== 'batch') throw at(i, new ApiError('invalid_input', `batchId ${r.batchId} is not a batch.`, { field: 'batchId' }))
    }
    changes.push({ coll: 'records', id: r.id, before: null, after: r })
  }
  const exists = (id: string) => created.has(id) || store.records.has(id)
  let links = 0
  file.links.forEach((l, i) => {
    if (!exists(l.from) || !exists(l.to)) throw new ApiError('invalid_input', `links[${i}]: record ${exists(l.from) ? l.to : l.from} not found.`)
    const link: Link = { id: newId('link'), from: l.from, to: l.to, type: l.type, note: l.note ?? '', createdAt: now, createdBy: svc.user }
    changes.push({ coll: 'links', id: link.id, before: null, after: link })
    links++
  })
  const tagsCreated = changes.filter((c) => c.coll === 'tags').length
  await svc.commit(method, `导入 ${created.size} 条记录`, changes)
  return { created: created.size, tags: tagsCreated, links }
}

/** An exported document goes only into an empty archive, ids and all. */
async function importDocument(svc: ArchiveService, data: unknown, method: string) {
  const parsed = ArchiveDocument.safeParse(data)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const store = svc.store
  if (store.records.size || store.tags.size || store.links.size)
    throw new ApiError('conflict', 'A whole exported archive can only be imported into an empty archive.')
  const doc = parsed.data
  const changes: Mutation[] = [
    { coll: 'settings', id: 'settings', before: store.settings, after: doc.settings },
    ...doc.tags.map((t) => ({ coll: 'tags' as const, id: t.id, before: null, after: t })),
    ...doc.photoGroups.map((g) => ({ coll: 'photoGroups' as const, id: g.id, before: null, after: g })),
    ...doc.records.map((r) => ({ coll: 'records' as const, id: r.id, before: null, after: r })),
    ...doc.links.map((l) => ({ coll: 'links' as const, id: l.id, before: null, after: l })),
    ...doc.savedSearches.map((s) => ({ coll: 'savedSearches' as const, id: s.id, before: null, after: s })),
  ]
  const ids = new Set(doc.records.map((r) => r.id))
  for (const l of doc.links) if (!ids.has(l.from) || !ids.has(l.to)) throw new ApiError('invalid_input', `Link ${l.id} names a record not in the file.`)
  await svc.commit(method, `导入归档 ${doc.records.length} 条记录`, changes)
  return { created: doc.records.length, tags: doc.tags.length, links: doc.links.length }
}

function at(i: number, e: ApiError): ApiError {
  return new ApiError(e.code, `records[${i}]: ${e.message}`, e.details)
}
