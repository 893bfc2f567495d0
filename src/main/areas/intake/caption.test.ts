import { describe, expect, it } from 'vitest'
import { parseCaption, titleFrom } from './caption'

describe('parseCaption', () => {
  it('reads the date from “（2024年6月23日摄）”', () => {
    const p = parseCaption('援疆干部在阜康市走访慰问困难群众（2024年6月23日摄）')
    expect(p.date).toBe('2024-06-23')
    expect(p.caption.time).toBe('2024年6月23日')
    expect(p.caption.event).toBe('援疆干部在阜康市走访慰问困难群众')
    expect(p.caption.place).toBe('阜康市')
  })
  it('accepts a month-only date and ASCII brackets', () => {
    expect(parseCaption('开学典礼 (2023年9月摄)').date).toBe('2023-09')
  })
  it('reads the provider from “图片由…提供”', () => {
    const p = parseCaption('医疗队义诊现场。图片由山西援疆前方指挥部提供')
    expect(p.caption.photographer).toBe('山西援疆前方指挥部')
    expect(p.caption.event).toBe('医疗队义诊现场。')
  })
  it('reads the photographer from “新华社记者 X 摄”', () => {
    const p = parseCaption('准东开发区项目建设现场（新华社记者 李四 摄）')
    expect(p.caption.photographer).toBe('新华社记者 李四')
    expect(p.caption.event).toBe('准东开发区项目建设现场')
    expect(parseCaption('记者张三摄').caption.photographer).toBe('记者张三')
  })
  it('combines date and provider', () => {
    const p = parseCaption('文艺演出（2024年7月1日摄） 图片由昌吉州文旅局提供')
    expect(p).toMatchObject({ date: '2024-07-01', caption: { time: '2024年7月1日', photographer: '昌吉州文旅局' } })
  })
  it('leaves text that only looks like a caption alone', () => {
    for (const t of [
      '摄影展于2024年6月23日在昌吉市开幕',
      '指挥部（2024年6月23日）召开会议',
      '资金由山西省财政提供',
      '记者张三摄影作品展',
      '（2024年13月40日摄）',
    ]) {
      const p = parseCaption(t)
      expect(p.date, t).toBe('')
      expect(p.caption.photographer, t).toBeUndefined()
      expect(p.caption.time, t).toBeUndefined()
    }
  })
  it('titles from the first clause, else the file name', () => {
    expect(titleFrom('医疗队义诊。群众排队', 'a.jpg')).toBe('医疗队义诊')
    expect(titleFrom('', 'IMG_0001.JPG')).toBe('IMG_0001')
  })
})
