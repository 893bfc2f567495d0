import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { tagExists } from './tag-exists'
import { achievement, reader, staged, tag } from './testing'

describe('tag_exists', () => {
  it('refuses a record carrying a tag the archive does not have', () => {
    const { view, scope } = staged({ tags: [tag('tag_a', '产业')] }, { records: [achievement('ach_1', { title: '煤化工', tags: ['tag_a', 'tag_gone'] })] })
    expect(tagExists.check(view, scope)).toEqual([
      { rule: 'tag_exists', code: 'invalid_input', reason: 'rule.tag_exists', params: { title: '煤化工', tag: 'tag_gone' }, ids: ['ach_1'], field: 'tags' },
    ])
  })

  it('refuses deleting a tag that records still carry', () => {
    const { view, scope } = staged({ tags: [tag('tag_a', '产业')], records: [achievement('ach_1', { tags: ['tag_a'] }), achievement('ach_2')] }, { tags: ['tag_a'] })
    expect(tagExists.check(view, scope)).toMatchObject([{ rule: 'tag_exists', ids: ['ach_1'], params: { tag: 'tag_a' }, field: 'tags' }])
  })

  it('accepts existing tags, and a deleted tag taken off its records in the same change', () => {
    const ok = staged({ tags: [tag('tag_a', '产业')] }, { records: [achievement('ach_1', { tags: ['tag_a'] })] })
    expect(tagExists.check(ok.view, ok.scope)).toEqual([])
    const cut = staged({ tags: [tag('tag_a', '产业')], records: [achievement('ach_1', { tags: ['tag_a'] })] }, { tags: ['tag_a'], records: [achievement('ach_1', { tags: [] })] })
    expect(tagExists.check(cut.view, cut.scope)).toEqual([])
  })

  it('under verify finds a missing tag, and the fix keeps only the tags that exist', () => {
    const store = reader({ tags: [tag('tag_a', '产业'), tag('tag_b', '教育')], records: [achievement('ach_1', { tags: ['tag_a', 'tag_gone', 'tag_b'] })] })
    const view = new Draft(store)
    const found = tagExists.check(view, wholeScope(store))
    expect(found).toMatchObject([{ rule: 'tag_exists', ids: ['ach_1'], params: { tag: 'tag_gone' } }])
    expect(tagExists.fix!(view, found[0]!)).toEqual([{ op: 'update', coll: 'records', id: 'ach_1', patch: { tags: ['tag_a', 'tag_b'] } }])
  })
})
