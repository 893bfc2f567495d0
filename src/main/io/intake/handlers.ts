// Handlers of the intake area's contract methods (src/shared/contract/intake.ts).
import type { intakeMethods, PhotoGroupView, PhotoTile } from '../../../shared/contract/intake'
import type { PhotoGroup } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import type { Mutation } from '../../core/store/journal'
import { newId } from '../../core/ids'
import { parseCaption } from './caption'
import { nextPhotoNo } from './groups'
import { importPhotos } from './photos'
import { importReports } from './reports'
import { importCatalogue } from './catalogue'

function decode(files: { name: string; data: string; caption?: string }[]) {
  return files.map((f) => ({ name: f.name.split(/[\\/]/).pop()!.slice(0, 500) || 'file', data: Buffer.from(f.data, 'base64'), caption: f.caption }))
}

export function intakeHandlers(svc: ArchiveService): AreaHandlers<keyof typeof intakeMethods> {
  const group = (id: string): PhotoGroup => {
    const g = svc.store.photoGroups.get(id)
    if (!g) throw new ApiError('not_found', `No photo group with id ${id}.`, { id })
    return g
  }
  const view = (g: PhotoGroup): PhotoGroupView => {
    let count = 0
    for (const r of svc.store.records.values()) if (r.kind === 'photo' && r.groupId === g.id) count++
    return { ...g, count }
  }
  /** Mutations putting photos into a group, each with the group's next 照片号. */
  const intoGroup = (groupId: string, photoIds: string[]): Mutation[] => {
    let no = nextPhotoNo(svc, groupId)
    const now = new Date().toISOString()
    return [...new Set(photoIds)].flatMap((id) => {
      const p = svc.record(id)
      if (p.kind !== 'photo') throw new ApiError('invalid_input', `${id} is not a photo.`, { id })
      if (p.groupId === groupId) return []
      const after = { ...p, groupId, photoNo: String(no++).padStart(4, '0'), updatedAt: now, updatedBy: svc.user }
      return [{ coll: 'records' as const, id, before: p, after }]
    })
  }

  return {
    'intake.photos': async ({ files, groupId, batchId }) => {
      if (groupId) group(groupId)
      return importPhotos(svc, decode(files), { groupId, batchId })
    },
    'intake.reports': async ({ files, batchId }) => importReports(svc, decode(files), { batchId }),
    'intake.parseCaption': async ({ text }) => parseCaption(text),
    'intake.catalogue': async ({ name, data, commit }) => importCatalogue(svc, name, Buffer.from(data, 'base64'), commit),

    'intake.photoList': async ({ groupId, offset, limit }) => {
      const all: PhotoTile[] = []
      for (const r of svc.store.records.values()) {
        if (r.kind !== 'photo' || (groupId !== undefined && r.groupId !== groupId)) continue
        all.push({ id: r.id, title: r.title, date: r.date, photoNo: r.photoNo, groupId: r.groupId, updatedAt: r.updatedAt, hasFile: !!r.file, placeholder: !!r.file?.placeholder })
      }
      // Within a group by 照片号; otherwise newest import first.
      all.sort((a, b) => (groupId ? a.photoNo.localeCompare(b.photoNo) : 0) || b.updatedAt.localeCompare(a.updatedAt) || a.photoNo.localeCompare(b.photoNo) || a.id.localeCompare(b.id))
      return { total: all.length, items: all.slice(offset, offset + limit) }
    },
    'groups.list': async () => [...svc.store.photoGroups.values()].map(view).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    'groups.create': async ({ title, description, photoIds }) => {
      const g: PhotoGroup = { id: newId('group'), title, description: description ?? '', createdAt: new Date().toISOString() }
      const changes: Mutation[] = [{ coll: 'photoGroups', id: g.id, before: null, after: g }]
      svc.store.photoGroups.set(g.id, g) // visible to intoGroup's checks; the commit below makes it durable
      try {
        changes.push(...intoGroup(g.id, photoIds ?? []))
      } finally {
        svc.store.photoGroups.delete(g.id)
      }
      await svc.commit('groups.create', `新建照片组 ${title}`, changes)
      return view(g)
    },
    'groups.update': async ({ id, title, description }) => {
      const before = group(id)
      const after = { ...before, title: title ?? before.title, description: description ?? before.description }
      await svc.commit('groups.update', `修改照片组 ${after.title}`, [{ coll: 'photoGroups', id, before, after }])
      return view(after)
    },
    'groups.addPhotos': async ({ id, photoIds }) => {
      const g = group(id)
      const changes = intoGroup(id, photoIds)
      if (changes.length) await svc.commit('groups.addPhotos', `照片归入 ${g.title} × ${changes.length}`, changes)
      return { changed: changes.length }
    },
  }
}
