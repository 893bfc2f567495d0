// Highlight ranges: merging overlaps and cutting a long field to a window around its
// first match (offsets then refer to the window).
import type { HighlightRange } from '../../shared/api'

export function mergeRanges(r: [number, number][]): [number, number][] {
  if (r.length < 2) return r
  r.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: [number, number][] = [r[0]!]
  for (const x of r.slice(1)) {
    const last = out[out.length - 1]!
    if (x[0] <= last[1]) last[1] = Math.max(last[1], x[1])
    else out.push(x)
  }
  return out
}

export const WINDOW = 120
/** A long field is cut to a window around its first match; offsets then refer to the window. */
export function window(field: string, text: string, ranges: [number, number][]): HighlightRange {
  if (text.length <= WINDOW * 1.5) return { field, text, ranges }
  const first = ranges[0]![0]
  let start = Math.max(0, first - 30)
  const end = Math.min(text.length, start + WINDOW)
  if (end - start < WINDOW) start = Math.max(0, end - WINDOW)
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const shift = prefix.length - start
  return {
    field,
    text: prefix + text.slice(start, end) + suffix,
    ranges: ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift] as [number, number]),
  }
}
