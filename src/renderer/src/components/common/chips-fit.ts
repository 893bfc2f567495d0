// How many tag chips fit a fixed width, leaving room for a "+N" chip when some do not.
// Estimated from the text, not measured: the library draws ~30 rows at a time while
// scrolling, and measuring each would force a layout per row.

/** Width of text at `px` font size: CJK characters are square, others about 0.62em. */
export function textWidth(s: string, px = 12): number {
  let w = 0
  for (const ch of s) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? px : px * 0.62
  return w
}

export interface ChipMetrics {
  /** Font size of the chip text. */
  px: number
  /** Padding plus border of one chip, both sides. */
  pad: number
  gap: number
  /** Width kept for the "+N" chip. */
  more: number
}

export const CHIP: ChipMetrics = { px: 12, pad: 16, gap: 4, more: 30 }

/** The number of leading labels shown in `width`; at least one (it is then cut with …). */
export function chipsThatFit(labels: string[], width: number, m: ChipMetrics = CHIP): number {
  let used = 0
  for (let i = 0; i < labels.length; i++) {
    const w = (i ? m.gap : 0) + textWidth(labels[i]!, m.px) + m.pad
    const reserve = i < labels.length - 1 ? m.gap + m.more : 0
    if (used + w + reserve > width) return Math.max(1, i)
    used += w
  }
  return labels.length
}
