// The dashboard's timeline on a continuous axis: every month (or year) from the first to
// the last is a slot, empty ones included, so 2019 and 2021 never stand side by side as
// if they followed each other. Spans longer than two years go by year.
import type { BatchCompare } from '@shared/contract/relations'

export interface Slot {
  /** 2024-05 (by month) or 2024 (by year). */
  key: string
  achievement: string[]
  photo: string[]
}

/** Months a timeline shows one by one; a longer span goes by year. */
export const MAX_MONTHS = 24

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
const monthKey = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`

export function timelineSlots(months: BatchCompare['timeline']): { unit: 'month' | 'year'; slots: Slot[] } {
  if (!months.length) return { unit: 'month', slots: [] }
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month))
  const first = monthIndex(sorted[0]!.month)
  const last = monthIndex(sorted[sorted.length - 1]!.month)
  const unit = last - first + 1 > MAX_MONTHS ? 'year' : 'month'
  const keyOf = (m: string) => (unit === 'year' ? m.slice(0, 4) : m.slice(0, 7))
  const slots = new Map<string, Slot>()
  if (unit === 'month') for (let i = first; i <= last; i++) slots.set(monthKey(i), { key: monthKey(i), achievement: [], photo: [] })
  else for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++) slots.set(String(y), { key: String(y), achievement: [], photo: [] })
  for (const m of sorted) {
    const s = slots.get(keyOf(m.month))!
    s.achievement.push(...m.achievement)
    s.photo.push(...m.photo)
  }
  return { unit, slots: [...slots.values()] }
}
