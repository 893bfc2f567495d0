import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { linkNotSelf } from './link-not-self'
import { achievement, link, photo, reader, staged } from './testing'

const records = [photo('pho_1'), achievement('ach_1')]

describe('link_not_self', () => {
  it('refuses a link from a record to itself', () => {
    const { view, scope } = staged({ records }, { links: [link('lnk_1', 'pho_1', 'pho_1', 'evidence')] })
    expect(linkNotSelf.check(view, scope)).toEqual([{ rule: 'link_not_self', code: 'invalid_input', reason: 'rule.link_not_self', params: {}, ids: ['lnk_1'], field: 'to' }])
  })

  it('accepts a link between two records', () => {
    const { view, scope } = staged({ records }, { links: [link('lnk_1', 'pho_1', 'ach_1', 'evidence')] })
    expect(linkNotSelf.check(view, scope)).toEqual([])
  })

  it('under verify finds a self link, and the fix removes it', () => {
    const store = reader({ records, links: [link('lnk_1', 'ach_1', 'ach_1'), link('lnk_2', 'pho_1', 'ach_1')] })
    const view = new Draft(store)
    const found = linkNotSelf.check(view, wholeScope(store))
    expect(found).toMatchObject([{ ids: ['lnk_1'] }])
    expect(linkNotSelf.fix!(view, found[0]!)).toEqual([{ op: 'delete', coll: 'links', id: 'lnk_1' }])
  })
})
