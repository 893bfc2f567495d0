import { describe, expect, it } from 'vitest'
import { chipsThatFit, textWidth } from './chips-fit'

describe('chipsThatFit', () => {
  it('shows every chip when they all fit', () => {
    expect(chipsThatFit(['产业援疆', '阜康市'], 200)).toBe(2)
  })

  it('keeps room for the +N chip when some do not fit', () => {
    // 88 + 4+52 = 144 px for the first two; the third (+68) and the +N (+34) would pass 200.
    const labels = ['交往交流交融', '阜康市', '文艺演出', '青少年']
    const n = chipsThatFit(labels, 200)
    expect(n).toBe(2)
    const shown = labels.slice(0, n).reduce((w, l, i) => w + (i ? 4 : 0) + textWidth(l) + 16, 0)
    expect(shown + 4 + 30).toBeLessThanOrEqual(200)
  })

  it('shows at least one chip, however long', () => {
    expect(chipsThatFit(['一个非常非常非常非常非常非常长的标签名称'], 100)).toBe(1)
    expect(chipsThatFit(['一个非常非常非常非常非常非常长的标签名称', '短'], 100)).toBe(1)
  })

  it('counts Latin letters narrower than Chinese characters', () => {
    expect(textWidth('BDO')).toBeLessThan(textWidth('煤化工'))
    expect(chipsThatFit([], 200)).toBe(0)
  })
})
