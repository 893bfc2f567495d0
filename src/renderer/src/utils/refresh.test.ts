import { describe, expect, it } from 'vitest'
import type { ChangeEvent } from '@shared/api'
import { affects, REFRESH_ON } from './refresh'

const ev = (colls: ChangeEvent['colls']): ChangeEvent => ({ type: 'change', seq: 1, method: 'm', ids: [], colls, refs: [], kinds: [], complete: true })

describe('affects', () => {
  it('an edit of a report: lists with counts and the record lists refetch; saved searches, conflicts, photos do not', () => {
    const e = { ...ev(['records', 'versions']), kinds: ['report' as const] }
    const yes = (Object.keys(REFRESH_ON) as (keyof typeof REFRESH_ON)[]).filter((k) => affects(e, k))
    expect(yes.sort()).toEqual(['batch', 'batches', 'dashboard', 'info', 'library', 'search', 'tags', 'todo', 'verify'])
  })
  it('an edit of a photo: the photo grid and its groups too', () => {
    const e = { ...ev(['records', 'versions']), kinds: ['photo' as const] }
    expect(affects(e, 'photos')).toBe(true)
    expect(affects(e, 'photoGroups')).toBe(true)
    expect(affects({ ...ev(['photoGroups']) }, 'photos')).toBe(false)
    expect(affects({ ...ev(['photoGroups']) }, 'photoGroups')).toBe(true)
  })
  it('a saved search: only the saved searches', () => {
    const e = ev(['savedSearches', 'versions'])
    expect((Object.keys(REFRESH_ON) as (keyof typeof REFRESH_ON)[]).filter((k) => affects(e, k))).toEqual(['savedSearches'])
  })
  it('a tag renamed: tags, search, the checks; not the library rows nor the photos', () => {
    const e = ev(['tags', 'versions'])
    expect(affects(e, 'tags')).toBe(true)
    expect(affects(e, 'search')).toBe(true)
    expect(affects(e, 'library')).toBe(false)
    expect(affects(e, 'photos')).toBe(false)
    expect(affects(e, 'batches')).toBe(false)
  })
  it('a resolved conflict: the conflict list and the exchange badge', () => {
    const e = ev(['conflicts'])
    expect(affects(e, 'conflicts')).toBe(true)
    expect(affects(e, 'exchange')).toBe(true)
    expect(affects(e, 'library')).toBe(false)
  })
  it('before any event (first load) everything loads', () => {
    expect(affects(null, 'savedSearches')).toBe(true)
  })
})
