import { describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '@shared/domain'
import { useRecordEditor } from './editor'

const photo = (over: Partial<Extract<ArchiveRecord, { kind: 'photo' }>> = {}): ArchiveRecord => ({
  id: 'pho_1', kind: 'photo', title: '义诊现场', tags: [], sample: false, notes: '',
  createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', createdBy: 'a', updatedBy: 'a',
  batchId: null, area: '', places: [], people: [], date: '2025',
  caption: { event: '', time: '', place: '', people: '', background: '', photographer: '' },
  photoNo: '', refNo: '', groupId: null, description: '', file: null, exif: null, ...over,
})

describe('record editor', () => {
  it('patches only the fields that changed, nested ones whole', () => {
    const ed = useRecordEditor()
    ed.reset(photo())
    expect(ed.dirty.value).toBe(false)
    ;(ed.draft.value.caption as { place: string }).place = '准东'
    ed.draft.value.title = '准东义诊现场'
    expect(Object.keys(ed.patch.value).sort()).toEqual(['caption', 'title'])
    expect(ed.patch.value).not.toHaveProperty('tags')
  })

  it('adopts a fresh copy whose form fields did not change (a tag was added)', () => {
    const ed = useRecordEditor()
    ed.reset(photo())
    ed.draft.value.title = '改了题名'
    ed.merge(photo({ tags: ['tag_x'], updatedAt: '2025-02-01T00:00:00Z' }))
    expect(ed.stale.value).toBe(false)
    expect(ed.base.value?.updatedAt).toBe('2025-02-01T00:00:00Z')
    expect(ed.draft.value.title).toBe('改了题名')
  })

  it('flags a fresh copy that changed what the user is editing', () => {
    const ed = useRecordEditor()
    ed.reset(photo())
    ed.draft.value.title = '我的修改'
    ed.merge(photo({ title: '别人的修改', updatedAt: '2025-02-01T00:00:00Z' }))
    expect(ed.stale.value).toBe(true)
    expect(ed.base.value?.updatedAt).toBe('2025-01-01T00:00:00Z')
  })

  it('simply takes a fresh copy when nothing is being edited', () => {
    const ed = useRecordEditor()
    ed.reset(photo())
    ed.merge(photo({ title: '别人的修改', updatedAt: '2025-02-01T00:00:00Z' }))
    expect(ed.draft.value.title).toBe('别人的修改')
  })
})

describe('a save that lands while the user types on', () => {
  it('keeps what was typed after the save left, and takes the saved values for the rest', () => {
    const ed = useRecordEditor()
    ed.reset(photo())
    ed.draft.value.title = '  准东义诊现场 '
    ;(ed.draft.value.places as string[]).push('准东')
    const sent = ed.outgoing()
    // Typed while the save is on its way, into a field sent and one not sent.
    ;(ed.draft.value.places as string[]).push('阜康市')
    ed.draft.value.notes = '补记'
    // The core trims the title.
    ed.landed(photo({ title: '准东义诊现场', places: ['准东'], updatedAt: '2025-02-01T00:00:00Z' }), sent)
    expect(ed.draft.value.title).toBe('准东义诊现场')
    expect(ed.draft.value.places).toEqual(['准东', '阜康市'])
    expect(ed.draft.value.notes).toBe('补记')
    expect(Object.keys(ed.patch.value).sort()).toEqual(['notes', 'places'])
    expect(ed.base.value?.updatedAt).toBe('2025-02-01T00:00:00Z')
  })

  it('is clean when nothing was typed meanwhile', () => {
    const ed = useRecordEditor()
    ed.reset(photo())
    ed.draft.value.date = '2025年3月18日'
    const sent = ed.outgoing()
    ed.landed(photo({ date: '2025-03-18', updatedAt: '2025-02-01T00:00:00Z' }), sent)
    expect(ed.draft.value.date).toBe('2025-03-18')
    expect(ed.dirty.value).toBe(false)
  })

  it('compares long texts by value', () => {
    const ed = useRecordEditor()
    const body = '正文'.repeat(200_000)
    ed.reset(photo({ description: body }))
    ed.draft.value.description = `${'正文'.repeat(200_000)}`
    expect(ed.dirty.value).toBe(false)
    ed.draft.value.description = `${body}。`
    expect(Object.keys(ed.patch.value)).toEqual(['description'])
  })
})
