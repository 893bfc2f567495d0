// The tags area: the tag tree, and tags on records. Removing a deleted tag from its
// records, and keeping paths unique, are the kernel's (rules tag_exists, tag_path_unique).
import type { tagsMethods } from '../../../shared/contract/tags'
import type { Tag } from '../../../shared/domain'
import { normTagPath } from '../../../shared/tags'
import type { AreaHandlers, ArchiveService } from '../../core/service'

type Methods = keyof typeof tagsMethods

export function tagsHandlers(svc: ArchiveService): AreaHandlers<Methods> {
  return {
    'tags.list': async () => {
      const counts = new Map<string, number>()
      for (const r of svc.store.records.values()) for (const t of r.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
      return [...svc.store.tags.values()]
        .map((t) => ({ ...t, count: counts.get(t.id) ?? 0 }))
        .sort((a, b) => a.path.localeCompare(b.path, 'zh-Hans-CN'))
    },
    'tags.create': async ({ path, color }) => {
      const norm = normTagPath(path)
      const res = await svc.apply('tags.create', `新建标签 ${norm}`, [{ op: 'create', coll: 'tags', value: { path: norm, color: color ?? '' } }])
      return res.get<Tag>('tags', res.ids[0]!)!
    },
    'tags.update': async ({ id, path, color }) => {
      const before = svc.tag(id)
      const patch = { ...(path !== undefined ? { path: normTagPath(path) } : {}), ...(color !== undefined ? { color } : {}) }
      const res = await svc.apply('tags.update', `修改标签 ${patch.path ?? before.path}`, [{ op: 'update', coll: 'tags', id, patch }])
      return res.get<Tag>('tags', id)!
    },
    'tags.delete': async ({ id }) => {
      const before = svc.tag(id)
      const res = await svc.apply('tags.delete', `删除标签 ${before.path}`, [{ op: 'delete', coll: 'tags', id }])
      return { id, recordsChanged: res.mutations.filter((m) => m.coll === 'records').length }
    },
    'tags.apply': async ({ recordIds, tagIds, mode }) => {
      for (const t of tagIds) svc.tag(t)
      const changes = [...new Set(recordIds)].flatMap((id) => {
        const r = svc.record(id)
        const tags = mode === 'add' ? [...new Set([...r.tags, ...tagIds])] : r.tags.filter((t) => !tagIds.includes(t))
        return tags.length !== r.tags.length ? [{ op: 'update' as const, coll: 'records' as const, id, patch: { tags } }] : []
      })
      const names = tagIds.map((t) => svc.tag(t).path).join('、')
      await svc.apply('tags.apply', `${mode === 'add' ? '加标签' : '去标签'} ${names} × ${changes.length}`, changes)
      return { changed: changes.length }
    },
  }
}
