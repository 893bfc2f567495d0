import { describe, expect, it } from 'vitest'
import zh from '@renderer/i18n/areas/intake.zh-CN'
import en from '@renderer/i18n/areas/intake.en'
import { needsDims, photoFacts, photoInfoRows } from './photo-info'
import { fileKindText, sizeText } from './file-kind'

/** A stand-in for vue-i18n's t over one area's messages. */
const tr = (tree: Record<string, unknown>) => (key: string, p: Record<string, unknown> = {}) => {
  const msg = key.replace(/^intake\./, '').split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], tree)
  if (typeof msg !== 'string') throw new Error(`no message ${key}`)
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k]))
}

const stored = { takenAt: '2024-06-23T10:15:00', make: 'Canon', model: 'Canon EOS R6', orientation: 1, gps: { lat: 44.15, lon: 87.98 } }

describe('拍摄信息 in words', () => {
  it('zh-CN: 拍摄时间, 相机, 位置 as 北纬/东经, 像素 — no stored key, no [object Object]', () => {
    const rows = photoInfoRows(photoFacts(stored, { width: 2400, height: 1600 }), tr(zh), 'zh-CN')
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['拍摄时间', '2024年6月23日 10:15'],
      ['相机', 'Canon EOS R6'],
      ['位置', '北纬 44.15000°，东经 87.98000°'],
      ['像素', '2400 × 1600'],
    ])
    expect(rows.map((r) => r.label + r.value).join()).not.toMatch(/takenAt|make|model|gps|object Object/)
  })

  it('en, the southern and western hemispheres, a camera whose model omits the make', () => {
    const rows = photoInfoRows(photoFacts({ takenAt: '2024-06-23T10:15:00', make: 'NIKON CORPORATION', model: 'Z 6', gps: { lat: -33.5, lon: -70.25 } }), tr(en), 'en')
    expect(rows.map((r) => r.value)).toEqual(['2024-06-23 10:15', 'NIKON CORPORATION Z 6', '33.50000° S, 70.25000° W', ''])
  })

  it('takes the size from the stored EXIF first, turns it for orientations 5–8, and asks the host only when it is missing', () => {
    expect(photoInfoRows(photoFacts({ width: 1600, height: 2400 }, { width: 1, height: 1 }), tr(zh), 'zh-CN')[3]!.value).toBe('1600 × 2400')
    expect(photoInfoRows(photoFacts({ width: 4000, height: 3000, orientation: 6 }), tr(zh), 'zh-CN')[3]!.value).toBe('3000 × 4000')
    expect(needsDims(photoFacts({ make: 'Canon' }))).toBe(true)
    expect(needsDims(photoFacts({ width: 10, height: 10 }))).toBe(false)
  })

  it('reads anything else defensively (an archive imported from JSON may hold odd values)', () => {
    expect(photoFacts({ gps: { lat: 'x', lon: 2 }, width: -5, make: 7 })).toEqual({
      takenAt: undefined, make: undefined, model: undefined, orientation: undefined, gps: undefined, width: undefined, height: undefined,
    })
    expect(photoFacts(null)).toMatchObject({ gps: undefined })
  })
})

describe('files in words', () => {
  it('names the kind and size as a file manager would', () => {
    expect(fileKindText('application/vnd.openxmlformats-officedocument.wordprocessingml.document', '通知.docx', tr(zh))).toBe('Word 文档')
    expect(fileKindText('application/octet-stream', '表.xlsx', tr(zh))).toBe('XLSX 文件')
    expect(fileKindText('', '无扩展名', tr(zh))).toBe('文件')
    expect([sizeText(10), sizeText(250_000), sizeText(3 * 1024 * 1024)]).toEqual(['1 KB', '244 KB', '3.0 MB'])
  })
})
