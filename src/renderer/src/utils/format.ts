// Small display helpers shared by views. Sorting of Chinese text uses the zh collator.
import { zhCollator as collator } from '@shared/collate'
import type { RecordKind } from '@shared/domain'

export { collator }
export const byZh = <T>(key: (x: T) => string) => (a: T, b: T) => collator.compare(key(a), key(b))

export const KINDS: RecordKind[] = ['batch', 'report', 'achievement', 'photo']

/** Element Plus tag colour per kind, so a kind reads the same everywhere. */
export const KIND_TYPE: Record<RecordKind, 'info' | 'primary' | 'success' | 'warning'> = {
  batch: 'info',
  report: 'primary',
  achievement: 'success',
  photo: 'warning',
}

/** ISO timestamp → local "YYYY-MM-DD HH:mm". */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** Splits text into plain and highlighted segments from [start, end) ranges. */
export function segments(text: string, ranges: [number, number][]): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = []
  let pos = 0
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  for (const [s0, e0] of sorted) {
    const s = Math.max(s0, pos)
    const e = Math.min(e0, text.length)
    if (e <= s) continue
    if (s > pos) out.push({ text: text.slice(pos, s), hit: false })
    out.push({ text: text.slice(s, e), hit: true })
    pos = e
  }
  if (pos < text.length) out.push({ text: text.slice(pos), hit: false })
  return out
}

export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): ((...a: A) => void) & { cancel(): void } {
  let t: ReturnType<typeof setTimeout> | null = null
  const d = (...a: A) => {
    if (t) clearTimeout(t)
    t = setTimeout(() => ((t = null), fn(...a)), ms)
  }
  d.cancel = () => t && clearTimeout(t)
  return d
}
