import { describe, expect, it } from 'vitest'
import { timelineSlots } from './timeline'

const m = (month: string, achievement: string[] = [], photo: string[] = []) => ({ month, achievement, photo })

describe('the dashboard timeline', () => {
  it('shows every year from the first to the last, empty ones too, for a long span', () => {
    const t = timelineSlots([m('2021-07', ['a2']), m('2019-07', ['a1'], ['p1']), m('2019-08', ['a3']), m('2025-05', [], ['p2'])])
    expect(t.unit).toBe('year')
    expect(t.slots.map((s) => s.key)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025'])
    expect(t.slots[0]).toEqual({ key: '2019', achievement: ['a1', 'a3'], photo: ['p1'] })
    expect(t.slots[1]).toEqual({ key: '2020', achievement: [], photo: [] })
  })

  it('shows every month, empty ones too, for a span of up to two years', () => {
    const t = timelineSlots([m('2024-11', ['a']), m('2025-02', [], ['p'])])
    expect(t.unit).toBe('month')
    expect(t.slots.map((s) => s.key)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02'])
    expect(t.slots[3]!.photo).toEqual(['p'])
  })

  it('is empty with nothing dated', () => {
    expect(timelineSlots([]).slots).toEqual([])
  })
})
