// The store's lookups built lazily or in slices hold exactly what a build at once holds,
// whatever changes come before, during or after the build.
import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../../../bench/generate'
import type { ArchiveRecord, Link } from '../../../shared/domain'
import { LazyIndexes, StoreIndexes } from './indexes'

const g = generateArchive({ records: 600, seed: 5 })

function maps() {
  const records = new Map<string, ArchiveRecord>(g.records.map((r) => [r.id, r]))
  const links = new Map<string, Link>()
  for (let i = 0; i + 1 < g.records.length; i += 2) {
    const l = { id: `lnk-${i}`, from: g.records[i]!.id, to: g.records[i + 1]!.id } as Link
    links.set(l.id, l)
  }
  return { records, links }
}

/** What a build at once from these maps holds, as plain data. */
function atOnce(records: ReadonlyMap<string, ArchiveRecord>, links: ReadonlyMap<string, Link>) {
  const ix = new StoreIndexes()
  for (const r of records.values()) ix.record(r.id, null, r)
  for (const l of links.values()) ix.link(l.id, null, l)
  return plain(ix)
}
const plain = (ix: StoreIndexes) => ({
  linksByRecord: sorted(ix.linksByRecord),
  byPhotoNo: sorted(ix.byPhotoNo),
  byFiling: sorted(ix.byFiling),
  byBatchNo: sorted(ix.byBatchNo),
})
const sorted = (m: Map<string, Set<string>>) => [...m].map(([k, s]) => [k, [...s].sort()] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))

/** A change as the store applies it: the lookups (if any) first, then the maps. */
function apply(lazy: LazyIndexes, m: ReturnType<typeof maps>, change: { record?: [string, ArchiveRecord | null]; link?: [string, Link | null] }) {
  const ix = lazy.current()
  if (change.record) {
    const [id, after] = change.record
    ix?.record(id, m.records.get(id) ?? null, after)
    if (after) m.records.set(id, after)
    else m.records.delete(id)
  }
  if (change.link) {
    const [id, after] = change.link
    ix?.link(id, m.links.get(id) ?? null, after)
    if (after) m.links.set(id, after)
    else m.links.delete(id)
  }
}

type Photo = Extract<ArchiveRecord, { kind: 'photo' }>
const photo = g.records.find((r): r is Photo => r.kind === 'photo' && !!r.photoNo)!

describe('LazyIndexes', () => {
  it('built in slices holds what a build at once holds, and has real entries', () => {
    const m = maps()
    const lazy = new LazyIndexes(m.records, m.links)
    let steps = 0
    while (!lazy.step(97)) steps++
    expect(steps).toBeGreaterThan(5)
    const got = plain(lazy.get())
    expect(got).toEqual(atOnce(m.records, m.links))
    expect(got.byPhotoNo.length).toBeGreaterThan(50)
    expect(got.linksByRecord.length).toBe(600)
  })

  it('changes before the build, halfway through it and after it all end in the lookups', () => {
    const m = maps()
    const lazy = new LazyIndexes(m.records, m.links)
    // Before: nothing to apply to (current() is null); the build reads the maps as they are.
    expect(lazy.current()).toBeNull()
    apply(lazy, m, { record: [photo.id, { ...photo, photoNo: 'ZP-NEW-1' }] })
    apply(lazy, m, { link: ['lnk-0', null] })
    // Halfway: the rest is built before the change is applied.
    lazy.step(250)
    const first = g.records[0]!
    apply(lazy, m, { record: [first.id, null] })
    apply(lazy, m, { link: ['lnk-new', { ...m.links.get('lnk-2')!, id: 'lnk-new', to: g.records[599]!.id }] })
    // After.
    apply(lazy, m, { record: [photo.id, { ...photo, photoNo: 'ZP-NEW-2' }] })
    const got = plain(lazy.get())
    expect(got).toEqual(atOnce(m.records, m.links))
    const numbers = got.byPhotoNo.map(([k]) => k)
    expect(numbers).toContain('ZP-NEW-2')
    expect(numbers).not.toContain('ZP-NEW-1')
    expect(numbers).not.toContain(photo.photoNo)
  })

  it('builds while idle, and not once told to stop', async () => {
    const m = maps()
    const lazy = new LazyIndexes(m.records, m.links)
    lazy.idle(() => false, 0, 100, 0)
    await new Promise((r) => setTimeout(r, 200))
    expect(lazy.current()).not.toBeNull()
    expect(lazy.step(0)).toBe(true)

    const stopped = new LazyIndexes(m.records, m.links)
    stopped.idle(() => true, 0, 100, 0)
    await new Promise((r) => setTimeout(r, 50))
    expect(stopped.current()).toBeNull()
  })
})
