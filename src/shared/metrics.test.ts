import { describe, expect, it } from 'vitest'
import { metricValue, totalQualifier } from './metrics'

describe('how exact a total is', () => {
  it('is at least the sum when a part is a lower bound (以上, 余, 多)', () => {
    expect(totalQualifier(['以上', ''])).toBe('以上')
    expect(totalQualifier(['', '余'])).toBe('以上')
    expect(totalQualifier(['多', '多'])).toBe('以上')
    expect(metricValue(8, '万立方米', totalQualifier(['以上', '']))).toBe('8万立方米以上')
  })

  it('is about the sum with a part 约, or with bounds both ways', () => {
    expect(totalQualifier(['约', ''])).toBe('约')
    expect(totalQualifier(['约', '以上'])).toBe('约')
    expect(totalQualifier(['以上', '以下'])).toBe('约')
    expect(metricValue(300, '人', totalQualifier(['约', '']))).toBe('约300人')
  })

  it('is at most the sum with a part 以下, and exact when every part is', () => {
    expect(totalQualifier(['以下', ''])).toBe('以下')
    expect(totalQualifier(['', ''])).toBe('')
    expect(totalQualifier([])).toBe('')
  })
})
