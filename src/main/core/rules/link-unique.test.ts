import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { linkUnique } from './link-unique'
import { achievement, link, photo, reader, staged } from './testing'

const records = [photo('pho_1'), achievement('ach_1')]
const first = link('lnk_old', 'pho_1', 'ach_1', 'evidence', { createdAt: '2024-01-01T00:00:00.000Z' })

describe('link_unique', () => {
  it('refuses a second link of the same type between the same pair, whichever way round', () => {
    for (const again of [link('lnk_new', 'pho_1', 'ach_1', 'evidence'), link('lnk_new', 'ach_1', 'pho_1', 'evidence')]) {
      const { view, scope } = staged({ records, links: [first] }, { links: [{ ...again, createdAt: '2024-02-01T00:00:00.000Z' }] })
      expect(linkUnique.check(view, scope)).toEqual([{ rule: 'link_unique', code: 'conflict', reason: 'rule.link_unique', params: {}, ids: ['lnk_new', 'lnk_old'], field: 'to' }])
    }
  })

  it('accepts another type between the same pair', () => {
    const { view, scope } = staged({ records, links: [first] }, { links: [link('lnk_new', 'pho_1', 'ach_1', 'related')] })
    expect(linkUnique.check(view, scope)).toEqual([])
  })

  it('under verify lists both copies, whichever the archive holds first, and the fix removes the later', () => {
    const later = link('lnk_later', 'ach_1', 'pho_1', 'evidence', { createdAt: '2024-03-01T00:00:00.000Z' })
    for (const links of [[later, first], [first, later]]) {
      const store = reader({ records, links })
      const view = new Draft(store)
      const found = linkUnique.check(view, wholeScope(store))
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ rule: 'link_unique', ids: expect.arrayContaining(['lnk_later']) })
      expect(linkUnique.fix!(view, found[0]!)).toEqual([{ op: 'delete', coll: 'links', id: 'lnk_later' }])
    }
  })

  it('under verify, the fix for three copies of one link keeps only the oldest', () => {
    const mid = link('lnk_mid', 'ach_1', 'pho_1', 'evidence', { createdAt: '2024-02-01T00:00:00.000Z' })
    const late = link('lnk_late', 'pho_1', 'ach_1', 'evidence', { createdAt: '2024-03-01T00:00:00.000Z' })
    const store = reader({ records, links: [first, mid, late] })
    const view = new Draft(store)
    const found = linkUnique.check(view, wholeScope(store))
    expect(found).toHaveLength(1)
    expect(new Set(found[0]!.ids)).toEqual(new Set(['lnk_old', 'lnk_mid', 'lnk_late']))
    const fixes = found.flatMap((v) => linkUnique.fix!(view, v))
    expect(fixes).toEqual([
      { op: 'delete', coll: 'links', id: 'lnk_mid' },
      { op: 'delete', coll: 'links', id: 'lnk_late' },
    ])
  })
})
