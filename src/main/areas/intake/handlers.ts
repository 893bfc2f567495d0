// Handlers of the intake area's contract methods (src/shared/contract/intake.ts).
import type { intakeMethods, PhotoGroupView, PhotoTile } from '../../../shared/contract/intake'
import type { PhotoGroup } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import type { Change } from '../../core/kernel/changes'
import { newId } from '../../core/ids'
import { parseCaption } from './caption'
import { importPhotos } from './photos'
import { importReports } from './reports'
import { importCatalogue } from './catalogue'
import { storedPhotoSize } from './photo-size'

function decode(files: { name: string; data: string; caption?: string }[]) {
  return files.map((f) => ({ name: f.name.split(/[\\/]/).pop()!.slice(0, 500) || 'file', data: Buffer.from(f.data, 'base64'), caption: f.caption }))
}

export function intakeHandlers(svc: ArchiveService): AreaHandlers<keyof typeof intakeMethods> {
  let tiles: { key: string; all: PhotoTile[] } | null = null
  const group = (id: string): PhotoGroup => {
    const g = svc.store.photoGroups.get(id)
    if (!g) throw new ApiError('not_found', 'group.not_found', { id })
    return g
  }
  const view = (g: PhotoGroup): PhotoGroupView => {
    let count = 0
    for (const r of svc.store.records.values()) if (r.kind === 'photo' && r.groupId === g.id) count++
    return { ...g, count }
  }
  /** Photos into a group: the kernel gives each one without a 照片号 the next of the archive's sequence. */
  const intoGroup = (groupId: string, photoIds: string[]): Change[] =>
    [...new Set(photoIds)].flatMap((id) => {
      const p = svc.record(id)
      if (p.kind !== 'photo') throw new ApiError('invalid_input', 'record.not_a_photo', { id }, { field: 'photoIds' })
      return p.groupId === groupId ? [] : [{ op: 'update' as const, coll: 'records' as const, id, patch: { groupId } }]
    })

  return {
    'intake.photos': async ({ files, groupId, batchId }) => {
      if (groupId) group(groupId)
      return importPhotos(svc, decode(files), { groupId, batchId })
    },
    'intake.reports': async ({ files, batchId }) => importReports(svc, decode(files), { batchId }),
    'intake.parseCaption': async ({ text }) => parseCaption(text),
    'intake.photoSize': async ({ id }) => {
      const r = svc.record(id)
      if (r.kind !== 'photo') throw new ApiError('invalid_input', 'record.not_a_photo', { id }, { field: 'id' })
      return r.file && !r.file.placeholder ? storedPhotoSize(svc.store.dir, r.file.sha256) : null
    },
    'intake.catalogue': async ({ name, data, commit }) => importCatalogue(svc, name, Buffer.from(data, 'base64'), commit),

    'intake.photoList': async ({ groupId, offset, limit }) => {
      // The grid asks page by page as it scrolls: the sorted list is kept until the archive changes.
      const key = `${svc.store.seq}|${groupId ?? ''}`
      if (tiles?.key !== key) {
        const all: PhotoTile[] = []
        for (const r of svc.store.records.values()) {
          if (r.kind !== 'photo' || (groupId !== undefined && r.groupId !== groupId)) continue
          all.push({ id: r.id, title: r.title, date: r.date, photoNo: r.photoNo, groupId: r.groupId, createdAt: r.createdAt, updatedAt: r.updatedAt, hasFile: !!r.file, placeholder: !!r.file?.placeholder })
        }
        // Within a group by 照片号; otherwise newest import first. Not by last change: a photo
        // must keep its place while it is being captioned (the viewer steps through this list).
        // createdAt is an ISO time: compared as a string, not through the locale (ten times faster).
        all.sort((a, b) => (groupId ? a.photoNo.localeCompare(b.photoNo) : 0) || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0) || a.photoNo.localeCompare(b.photoNo) || a.id.localeCompare(b.id))
        tiles = { key, all }
      }
      return { total: tiles.all.length, items: tiles.all.slice(offset, offset + limit) }
    },
    'groups.list': async () => [...svc.store.photoGroups.values()].map(view).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    'groups.create': async ({ title, description, photoIds }) => {
      const id = newId('group')
      const res = await svc.apply('groups.create', `新建照片组 ${title}`, [
        { op: 'create', coll: 'photoGroups', value: { id, title, description: description ?? '' } },
        ...intoGroup(id, photoIds ?? []),
      ])
      return view(res.get<PhotoGroup>('photoGroups', id)!)
    },
    'groups.update': async ({ id, title, description }) => {
      group(id)
      const patch = { ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) }
      const res = await svc.apply('groups.update', `修改照片组 ${title ?? group(id).title}`, [{ op: 'update', coll: 'photoGroups', id, patch }])
      return view(res.get<PhotoGroup>('photoGroups', id)!)
    },
    'groups.addPhotos': async ({ id, photoIds }) => {
      const g = group(id)
      const changes = intoGroup(id, photoIds)
      if (changes.length) await svc.apply('groups.addPhotos', `照片归入 ${g.title} × ${changes.length}`, changes)
      return { changed: changes.length }
    },
  }
}
