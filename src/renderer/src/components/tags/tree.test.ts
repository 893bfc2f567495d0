import { describe, expect, it } from 'vitest'
import type { TagWithCount } from '@shared/api'
import { buildTagTree } from './tree'

const tag = (id: string, path: string, count: number): TagWithCount => ({ id, path, count, color: '', createdAt: '2025-01-01T00:00:00Z' })

describe('tag tree', () => {
  it('nests paths, keeps levels that are not tags, and totals counts', () => {
    const tree = buildTagTree([tag('tag_a', '产业/煤化工', 3), tag('tag_b', '产业/煤层气', 1), tag('tag_c', '地点/阜康市', 8), tag('tag_d', '产业', 2)])
    expect(tree.map((n) => n.label)).toEqual(['产业', '地点'])
    const industry = tree[0]!
    expect(industry.tag?.id).toBe('tag_d')
    expect(industry.total).toBe(6)
    expect(industry.children.map((c) => c.label)).toEqual(['煤层气', '煤化工'])
    expect(tree[1]!.tag).toBeNull()
    expect(tree[1]!.total).toBe(8)
  })
})
