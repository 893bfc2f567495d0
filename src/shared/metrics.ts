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
