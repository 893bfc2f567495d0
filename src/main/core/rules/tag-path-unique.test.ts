import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { tagPathUnique } from './tag-path-unique'
import { reader, staged, tag } from './testing'

describe('tag_path_unique', () => {
  it('refuses a second tag with a path the archive has', () => {
    const { view, scope } = staged({ tags: [tag('tag_a', '产业/煤化工')] }, { tags: [tag('tag_b', '产业/煤化工')] })
    expect(tagPathUnique.check(view, scope)).toEqual([
      { rule: 'tag_path_unique', code: 'conflict', reason: 'rule.tag_path_unique', params: { path: '产业/煤化工' }, ids: ['tag_b', 'tag_a'], field: 'path' },
    ])
  })

  it('refuses renaming a tag onto another one’s path', () => {
    const { view, scope } = staged({ tags: [tag('tag_a', '产业'), tag('tag_b', '教育')] }, { tags: [tag('tag_b', '产业')] })
    expect(tagPathUnique.check(view, scope)).toMatchObject([{ ids: ['tag_b', 'tag_a'] }])
  })

  it('accepts distinct paths, and a colour change on tags that already share a path', () => {
    const ok = staged({ tags: [tag('tag_a', '产业')] }, { tags: [tag('tag_b', '产业/煤化工')] })
    expect(tagPathUnique.check(ok.view, ok.scope)).toEqual([])
    const colour = staged({ tags: [tag('tag_a', '产业'), tag('tag_b', '产业')] }, { tags: [tag('tag_b', '产业', { color: '#ff0000' })] })
    expect(tagPathUnique.check(colour.view, colour.scope)).toEqual([])
  })

  it('under verify reports a shared path once', () => {
    const store = reader({ tags: [tag('tag_a', '产业'), tag('tag_b', '产业'), tag('tag_c', '教育')] })
    expect(tagPathUnique.check(new Draft(store), wholeScope(store))).toMatchObject([{ rule: 'tag_path_unique', ids: ['tag_a', 'tag_b'] }])
  })
})
