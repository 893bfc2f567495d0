// The links area: typed links between records, one or many at a time. That both ends
// exist, that a pair is linked once per type, and the 参见号 a link gives a photo are the
// kernel's (rules link_ends_exist, link_unique, ref_no_derived).
import type { linksMethods } from '../../../shared/contract/links'
import type { Link } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { AreaHandlers, ArchiveService } from '../../core/service'

type Methods = keyof typeof linksMethods

export function linksHandlers(svc: ArchiveService): AreaHandlers<Methods> {
  return {
    'links.create': async ({ from, to, type, note }) => {
      const a = svc.record(from)
      const b = svc.record(to)
      if (from === to) throw new ApiError('invalid_input', 'link.self', {}, { field: 'to' })
      const res = await svc.apply('links.create', `关联 ${a.title} → ${b.title}`, [{ op: 'create', coll: 'links', value: { from, to, type, note: note ?? '' } }])
      return res.get<Link>('links', res.ids[0]!)!
    },
    'links.delete': async ({ id }) => {
      if (!svc.store.links.get(id)) throw new ApiError('not_found', 'link.not_found', { id })
      await svc.apply('links.delete', '删除关联', [{ op: 'delete', coll: 'links', id }])
      return { id }
    },
    'links.bulkCreate': async ({ ids, target, type, direction, note }) => {
      const t = svc.record(target)
      // Pairs already linked this way are skipped, not refused: the rest go ahead.
      const linked = new Set<string>()
      for (const l of svc.store.linksOf(target)) if (l.type === type) linked.add(l.from === target ? l.to : l.from)
      let skipped = 0
      const changes = [...new Set(ids)].flatMap((id) => {
        svc.record(id)
        if (id === target || linked.has(id)) {
          skipped++
          return []
        }
        const [from, to] = direction === 'out' ? [id, target] : [target, id]
        return [{ op: 'create' as const, coll: 'links' as const, value: { from, to, type, note: note ?? '' } }]
      })
      await svc.apply('links.bulkCreate', `批量关联 ${changes.length} 条 → ${t.title}`, changes)
      return { created: changes.length, skipped }
    },
  }
}
