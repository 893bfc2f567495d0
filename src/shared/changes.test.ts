import { describe, expect, it } from 'vitest'
import type { ChangeEvent } from './api'
import { CHANGE_IDS_MAX, changeEventOf, touches, touchesIds, touchesKinds } from './changes'

const link = (id: string, from: string, to: string) => ({ id, from, to, type: 'related' })

describe('changeEventOf', () => {
  it('names the collections, the changed items (not their versions) and both ends of a link', () => {
    const e = changeEventOf({
      seq: 7,
      method: 'links.create',
      changes: [
        { coll: 'links', id: 'lnk_1', before: null, after: link('lnk_1', 'rep_a', 'ach_b') },
        { coll: 'versions', id: 'links/lnk_1', before: null, after: { id: 'links/lnk_1' } },
        { coll: 'records', id: 'rep_a', before: { kind: 'report' }, after: { kind: 'report' } },
      ],
    })
    expect(e).toEqual({ type: 'change', seq: 7, method: 'links.create', ids: ['lnk_1', 'rep_a'], colls: ['records', 'links', 'versions'], refs: ['rep_a', 'ach_b'], kinds: ['report'], complete: true })
  })
  it('a removed link names the records it joined', () => {
    const e = changeEventOf({ seq: 1, method: 'links.delete', changes: [{ coll: 'links', id: 'lnk_1', before: link('lnk_1', 'rep_a', 'pho_c'), after: null }] })
    expect(e.refs).toEqual(['rep_a', 'pho_c'])
  })
  it('a bulk change is cut short and says so', () => {
    const changes = Array.from({ length: CHANGE_IDS_MAX + 1 }, (_, i) => ({ coll: 'records', id: `rep_${i}`, before: null, after: {} }))
    const e = changeEventOf({ seq: 2, method: 'intake.reports', changes })
    expect(e.ids).toHaveLength(CHANGE_IDS_MAX)
    expect(e.complete).toBe(false)
    expect(touchesIds(e, ['rep_nothing'])).toBe(true)
  })
})

const ev = (p: Partial<ChangeEvent>): ChangeEvent => ({ type: 'change', seq: 1, method: 'm', ids: [], colls: [], refs: [], kinds: [], complete: true, ...p })

describe('touches / touchesIds', () => {
  it('touches: any of the collections', () => {
    const e = ev({ colls: ['records', 'versions'] })
    expect(touches(e, 'tags', 'records')).toBe(true)
    expect(touches(e, 'tags', 'savedSearches')).toBe(false)
  })
  it('no event yet, or an event that does not say, counts as touching everything', () => {
    expect(touches(null, 'tags')).toBe(true)
    expect(touchesIds(undefined, ['x'])).toBe(true)
    const old = { type: 'change', seq: 1, method: 'm', ids: [] } as unknown as ChangeEvent
    expect(touches(old, 'tags')).toBe(true)
    expect(touchesIds(old, ['x'])).toBe(true)
  })
  it('touchesKinds: records of those kinds (a deleted one counts by what it was)', () => {
    const del = changeEventOf({ seq: 3, method: 'records.delete', changes: [{ coll: 'records', id: 'pho_1', before: { kind: 'photo' }, after: null }] })
    expect(touchesKinds(del, 'photo')).toBe(true)
    expect(touchesKinds(ev({ colls: ['records'], kinds: ['report'] }), 'photo')).toBe(false)
    expect(touchesKinds(ev({ colls: ['tags'], kinds: [] }), 'photo')).toBe(false)
  })
  it('touchesIds: a changed item, or a link at it', () => {
    expect(touchesIds(ev({ ids: ['rep_a'] }), ['rep_b', 'rep_a'])).toBe(true)
    expect(touchesIds(ev({ refs: ['rep_b'] }), ['rep_b'])).toBe(true)
    expect(touchesIds(ev({ ids: ['rep_a'], refs: ['rep_c'] }), ['rep_b'])).toBe(false)
  })
})
