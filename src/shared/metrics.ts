// How a figure is written in Chinese reports, in one place: the record page, the 延续
// chain, search text and every export read a metric through these words.
import type { Metric } from './domain'

/** Value, qualifier and unit as sources write them: 约100人, 2000余人, 60多人, 5万立方米以上. */
export function metricValue(value: number, unit: string, qualifier: Metric['qualifier']): string {
  const v = String(value)
  if (qualifier === '约') return `约${v}${unit}`
  if (qualifier === '余' || qualifier === '多') return `${v}${qualifier}${unit}`
  return `${v}${unit}${qualifier}`
}

/** A metric's figure with its before-value: "1.8→5万立方米以上" (unit once, at the end). */
export function metricText(m: Pick<Metric, 'value' | 'unit' | 'qualifier' | 'before'>): string {
  const after = metricValue(m.value, m.unit, m.qualifier)
  return m.before === null ? after : `${m.before}→${after}`
}

/**
 * How exact a sum is, from how exact its parts are: a sum with a part "5万以上" (or 2000余,
 * 60多) is at least the sum, so it is 以上; with a part 以下 it is at most the sum; with a
 * part 约, or with bounds both ways, it is 约. Exact parts only: exact.
 */
export function totalQualifier(parts: readonly Metric['qualifier'][]): Metric['qualifier'] {
  const lower = parts.some((q) => q === '以上' || q === '余' || q === '多')
  const upper = parts.includes('以下')
  if (parts.includes('约') || (lower && upper)) return '约'
  if (lower) return '以上'
  if (upper) return '以下'
  return ''
}
