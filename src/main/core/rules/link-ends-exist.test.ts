import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { linkEndsExist } from './link-ends-exist'
import { achievement, link, photo, reader, staged } from './testing'

const records = [photo('pho_1'), achievement('ach_1')]

describe('link_ends_exist', () => {
  it('refuses a link to a record that does not exist, naming the end', () => {
    const to = staged({ records }, { links: [link('lnk_1', 'pho_1', 'ach_gone')] })
    expect(linkEndsExist.check(to.view, to.scope)).toEqual([
      { rule: 'link_ends_exist', code: 'invalid_input', reason: 'rule.link_ends_exist', params: { id: 'lnk_1', missing: 'ach_gone' }, ids: ['lnk_1'], field: 'to' },
    ])
    const from = staged({ records }, { links: [link('lnk_1', 'pho_gone', 'ach_1')] })
    expect(linkEndsExist.check(from.view, from.scope)).toMatchObject([{ ids: ['lnk_1'], field: 'from', params: { missing: 'pho_gone' } }])
  })

  it('refuses deleting a record whose links stay', () => {
    const { view, scope } = staged({ records, links: [link('lnk_1', 'pho_1', 'ach_1')] }, { records: ['pho_1'] })
    expect(linkEndsExist.check(view, scope)).toMatchObject([{ rule: 'link_ends_exist', ids: ['lnk_1'], params: { id: 'lnk_1', missing: 'pho_1' } }])
  })

  it('accepts a link between records that exist, and a deleted record that took its links', () => {
    const ok = staged({ records }, { links: [link('lnk_1', 'pho_1', 'ach_1')] })
    expect(linkEndsExist.check(ok.view, ok.scope)).toEqual([])
    const cut = staged({ records, links: [link('lnk_1', 'pho_1', 'ach_1')] }, { records: ['pho_1'], links: ['lnk_1'] })
    expect(linkEndsExist.check(cut.view, cut.scope)).toEqual([])
  })

  it('under verify finds a dangling link, and the fix removes it', () => {
    const store = reader({ records, links: [link('lnk_ok', 'pho_1', 'ach_1'), link('lnk_1', 'pho_1', 'ach_gone')] })
    const view = new Draft(store)
    const found = linkEndsExist.check(view, wholeScope(store))
    expect(found).toMatchObject([{ ids: ['lnk_1'] }])
    expect(linkEndsExist.fix!(view, found[0]!)).toEqual([{ op: 'delete', coll: 'links', id: 'lnk_1' }])
  })
})
