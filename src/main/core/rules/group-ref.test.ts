import { describe, expect, it } from 'vitest'
import { wholeScope } from '../verify'
import { Draft } from '../kernel/draft'
import { groupRef } from './group-ref'
import { group, photo, reader, staged } from './testing'

describe('group_ref', () => {
  it('refuses a photo naming a group that does not exist', () => {
    const { view, scope } = staged({}, { records: [photo('pho_1', { title: '现场', groupId: 'grp_gone' })] })
    expect(groupRef.check(view, scope)).toEqual([
      { rule: 'group_ref', code: 'invalid_input', reason: 'rule.group_ref', params: { title: '现场', groupId: 'grp_gone' }, ids: ['pho_1'], field: 'groupId' },
    ])
  })

  it('refuses deleting a group whose photos still name it', () => {
    const { view, scope } = staged({ groups: [group('grp_1')], records: [photo('pho_1', { groupId: 'grp_1' }), photo('pho_2')] }, { groups: ['grp_1'] })
    expect(groupRef.check(view, scope)).toMatchObject([{ rule: 'group_ref', ids: ['pho_1'], params: { groupId: 'grp_1' }, field: 'groupId' }])
  })

  it('accepts a photo in an existing group or in none, and a deleted group let go of', () => {
    const ok = staged({ groups: [group('grp_1')] }, { records: [photo('pho_1', { groupId: 'grp_1' }), photo('pho_2')] })
    expect(groupRef.check(ok.view, ok.scope)).toEqual([])
    const cut = staged({ groups: [group('grp_1')], records: [photo('pho_1', { groupId: 'grp_1' })] }, { groups: ['grp_1'], records: [photo('pho_1', { groupId: null })] })
    expect(groupRef.check(cut.view, cut.scope)).toEqual([])
  })

  it('under verify finds a dangling group, and the fix takes the photo out of it', () => {
    const store = reader({ records: [photo('pho_1', { groupId: 'grp_gone' })] })
    const view = new Draft(store)
    const found = groupRef.check(view, wholeScope(store))
    expect(found).toMatchObject([{ rule: 'group_ref', ids: ['pho_1'] }])
    expect(groupRef.fix!(view, found[0]!)).toEqual([{ op: 'update', coll: 'records', id: 'pho_1', patch: { groupId: null } }])
  })
})
