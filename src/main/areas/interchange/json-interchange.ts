// The JSON interchange format (README: "Archive format"), all or nothing.
//  - An exported archive document (schemaVersion …) goes into an empty archive as is.
//  - An interchange file { format: "aid-archive/v1", tags?, records, links?, photoGroups? }
//    where records are drafts (id optional) whose tags are tag paths ("产业/煤化工"),
//    created if missing, and links name records of the file or of the archive.
// The file's shape is checked here; everything the archive's rules say (batch numbers,
// 照片号, links, dates…) the kernel checks on the one change this import is.
import { z } from 'zod'
import { ArchiveDocument, LinkType } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { normTagPath } from '../../../shared/tags'
import { invalid } from '../../../shared/validation'
import { newId } from '../../core/ids'
import type { Change } from '../../core/kernel/changes'
import type { ArchiveService } from '../../core/service'
import type { ArchiveReader } from '../../core/store/reader'

export const INTERCHANGE_FORMAT = 'aid-archive/v1'

const Interchange = z.object({
  format: z.literal(INTERCHANGE_FORMAT),
  tags: z.array(z.object({ path: z.string().min(1).max(200), color: z.string().regex(/^(#[0-9a-fA-F]{6})?$/, 'field.colour').optional() })).default([]),
  records: z.array(z.record(z.string(), z.unknown())).max(1_000_000),
  links: z.array(z.object({ from: z.string(), to: z.string(), type: LinkType, note: z.string().max(1000).optional() })).default([]),
  photoGroups: z.array(z.object({ id: z.string().optional(), title: z.string().min(1).max(500), description: z.string().max(20000).optional() })).default([]),
})

/**
 * The archive's items as one document. Versions and conflicts are left out: they describe
 * this copy's exchange history, and a document imported elsewhere starts a history of its
 * own (exchange between copies goes through transfer packages).
 */
export function exportDocument(store: ArchiveReader): ArchiveDocument {
  return { ...store.toDocument(), versions: [], conflicts: [] }
}

export async function importData(svc: ArchiveService, data: unknown, method: string): Promise<{ created: number; tags: number; links: number }> {
  if (data && typeof data === 'object' && 'schemaVersion' in data) return importDocument(svc, data, method)
  const parsed = Interchange.safeParse(data)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const file = parsed.data
  const changes: Change[] = []

  // Tags by path: reuse the archive's, create the rest.
  const byPath = new Map<string, string>([...svc.store.tags.values()].map((t) => [t.path, t.id]))
  let tagsCreated = 0
  const tagId = (path: string, at: string, color = ''): string => {
    let norm: string
    try {
      norm = normTagPath(path)
    } catch (e) {
      throw (e as ApiError).under(at)
    }
    let id = byPath.get(norm)
    if (!id) {
      id = newId('tag')
      byPath.set(norm, id)
      changes.push({ op: 'create', coll: 'tags', value: { id, path: norm, color }, at })
      tagsCreated++
    }
    return id
  }
  file.tags.forEach((t, i) => tagId(t.path, `tags.${i}`, t.color))

  const groups = new Map<string, string>()
  file.photoGroups.forEach((g, i) => {
    const id = g.id && /^grp_[A-Za-z0-9_-]+$/.test(g.id) ? g.id : newId('group')
    if (g.id) groups.set(g.id, id)
    changes.push({ op: 'create', coll: 'photoGroups', value: { id, title: g.title, description: g.description ?? '' }, at: `photoGroups.${i}` })
  })

  file.records.forEach((raw, i) => {
    const at = `records.${i}`
    const tags = Array.isArray(raw.tags)
      ? (raw.tags as unknown[]).map((t, j) => {
          if (typeof t !== 'string') throw new ApiError('invalid_input', 'field.expected_text', {}, { field: `${at}.tags.${j}` })
          return tagId(t, `${at}.tags`)
        })
      : []
    const groupId = typeof raw.groupId === 'string' ? (groups.get(raw.groupId) ?? raw.groupId) : raw.groupId
    const value: Record<string, unknown> = { ...raw, tags, ...(groupId !== undefined ? { groupId } : {}) }
    if (typeof value.id !== 'string') value.id = newId((typeof raw.kind === 'string' ? raw.kind : 'record') as 'batch')
    changes.push({ op: 'create', coll: 'records', value, at })
  })
  // A link to a record neither in the file nor in the archive is refused by the kernel (link_ends_exist).
  file.links.forEach((l, i) => {
    changes.push({ op: 'create', coll: 'links', value: { from: l.from, to: l.to, type: l.type, note: l.note ?? '' }, at: `links.${i}` })
  })
  await svc.apply(method, `导入 ${file.records.length} 条记录`, changes)
  return { created: file.records.length, tags: tagsCreated, links: file.links.length }
}

/** An exported document goes only into an empty archive, ids, stamps and all. */
async function importDocument(svc: ArchiveService, data: unknown, method: string) {
  const parsed = ArchiveDocument.safeParse(data)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const store = svc.store
  if (store.records.size || store.tags.size || store.links.size) throw new ApiError('conflict', 'import.not_empty')
  const doc = parsed.data
  const restore = <C extends 'tags' | 'photoGroups' | 'records' | 'links' | 'savedSearches'>(coll: C, items: { id: string }[]): Change[] =>
    items.map((value, i) => ({ op: 'restore', coll, id: value.id, value, at: `${coll}.${i}` }))
  const changes: Change[] = [
    { op: 'settings', patch: doc.settings, replace: true, at: 'settings' },
    ...restore('tags', doc.tags),
    ...restore('photoGroups', doc.photoGroups),
    ...restore('records', doc.records),
    ...restore('links', doc.links),
    ...restore('savedSearches', doc.savedSearches),
    ...Object.entries(doc.counters).map(([key, value]): Change => ({ op: 'counter', key, value })),
  ]
  await svc.apply(method, `导入归档 ${doc.records.length} 条记录`, changes)
  return { created: doc.records.length, tags: doc.tags.length, links: doc.links.length }
}
