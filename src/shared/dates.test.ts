import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DateField, comparePartialDates, formatDate, parseHumanDate, periodReversed } from './dates'

const iso = (s: string) => {
  const r = parseHumanDate(s)
  return r.ok ? r.iso : r.reason
}

describe('parseHumanDate', () => {
  it('reads the forms staff write', () => {
    const cases: [string, string][] = [
      ['2025年3月18日', '2025-03-18'],
      ['2025年03月08日', '2025-03-08'],
      ['2025年3月18号', '2025-03-18'],
      ['2025年3月', '2025-03'],
      ['2025年', '2025'],
      ['2025.03.18', '2025-03-18'],
      ['2025.3.18', '2025-03-18'],
      ['2025.3', '2025-03'],
      ['2025/3/18', '2025-03-18'],
      ['2025/03', '2025-03'],
      ['2025-3-18', '2025-03-18'],
      ['20250318', '2025-03-18'],
      ['202503', '2025-03'],
      ['2025', '2025'],
      ['2025-03', '2025-03'],
      ['2025-03-18', '2025-03-18'],
    ]
    for (const [s, want] of cases) expect(iso(s), s).toBe(want)
  })

  it('reads full-width digits, spaces and Chinese numerals', () => {
    expect(iso('２０２５年３月１８日')).toBe('2025-03-18')
    expect(iso('２０２５－０３－１８')).toBe('2025-03-18')
    expect(iso('２０２５．３')).toBe('2025-03')
    expect(iso(' 2025 年 3 月 18 日 ')).toBe('2025-03-18')
    expect(iso('2025 - 03 - 18')).toBe('2025-03-18')
    expect(iso('\u30002025.3.18\u3000')).toBe('2025-03-18')
    expect(iso('二〇二五年三月十八日')).toBe('2025-03-18')
    expect(iso('二〇二四年十二月三十一日')).toBe('2024-12-31')
    expect(iso('二零二五年十月')).toBe('2025-10')
    expect(iso('二○二五年二月二十日')).toBe('2025-02-20')
    expect(iso('二〇二五年')).toBe('2025')
  })

  it('takes the date part of a timestamp', () => {
    expect(iso('2025-03-18T10:00:00Z')).toBe('2025-03-18')
    expect(iso('2025-03-18T10:00:00.123+08:00')).toBe('2025-03-18')
    expect(iso('2025-03-18 10:00')).toBe('2025-03-18')
    expect(iso('2024-02-30T10:00:00Z')).toBe('date.not_in_calendar')
  })

  it('treats blank as no date', () => {
    expect(parseHumanDate('')).toEqual({ ok: true, iso: '' })
    expect(parseHumanDate('   ')).toEqual({ ok: true, iso: '' })
    expect(parseHumanDate('\u3000')).toEqual({ ok: true, iso: '' })
  })

  it('checks the calendar', () => {
    expect(iso('2024-02-29')).toBe('2024-02-29')
    expect(iso('2000年2月29日')).toBe('2000-02-29')
    for (const s of ['2024-02-30', '2023-02-29', '1900-02-29', '2025-13-01', '2025年13月', '2025-3-32', '2025-04-31', '20251301', '2025-00', '0999', '3000'])
      expect(iso(s), s).toBe('date.not_in_calendar')
  })

  it('refuses what is not a date', () => {
    for (const s of ['abc', '2025-03/18', '25-3-18', '2025318', '2025年3', '3月18日', '十十年', '2O25', '2025-03-18T', 'Oct 2025'])
      expect(iso(s), s).toBe('date.unreadable')
  })
})

describe('DateField', () => {
  it('outputs the stored form', () => {
    expect(DateField.parse('2025年3月18日')).toBe('2025-03-18')
    expect(DateField.parse('')).toBe('')
    expect(z.object({ date: DateField }).parse({ date: '2025.3' })).toEqual({ date: '2025-03' })
  })

  it('fails with one issue naming the reason and quoting the input', () => {
    const r = DateField.safeParse('2024-02-30', { reportInput: true })
    expect(r.success).toBe(false)
    expect(r.error!.issues).toHaveLength(1)
    expect(r.error!.issues[0]).toMatchObject({ code: 'custom', message: 'date.not_in_calendar', input: '2024-02-30', path: [] })
    // Without reportInput zod drops `input`; the written text still travels in params.
    const plain = DateField.safeParse('2024-02-30')
    expect(plain.error!.issues).toHaveLength(1)
    expect(plain.error!.issues[0]).toMatchObject({ message: 'date.not_in_calendar', params: { value: '2024-02-30' } })
    const u = z.object({ date: DateField }).safeParse({ date: 'abc' })
    expect(u.error!.issues).toHaveLength(1)
    expect(u.error!.issues[0]).toMatchObject({ message: 'date.unreadable', params: { value: 'abc' }, path: ['date'] })
  })
})

describe('periods', () => {
  it('is reversed only when the end is certainly before the start', () => {
    expect(periodReversed('2022-01', '2021-12')).toBe(true)
    expect(periodReversed('2022-05', '2022')).toBe(false)
    expect(periodReversed('2022-05-10', '2022-05')).toBe(false)
    expect(periodReversed('2022-05-10', '2022-05-09')).toBe(true)
    expect(periodReversed('2023', '2022-12-31')).toBe(true)
    expect(periodReversed('2022-05-10', '2022-05-10')).toBe(false)
    expect(periodReversed('2022', '')).toBe(false)
    expect(periodReversed('', '2021')).toBe(false)
  })

  it('compares on the shared precision', () => {
    expect(comparePartialDates('2021', '2022-01')).toBeLessThan(0)
    expect(comparePartialDates('2022-02', '2022-01-31')).toBeGreaterThan(0)
    expect(comparePartialDates('2022', '2022-06-01')).toBe(0)
  })
})

describe('formatDate', () => {
  it('writes Chinese dates without leading zeros', () => {
    expect(formatDate('2025-03-18', 'zh-CN')).toBe('2025年3月18日')
    expect(formatDate('2025-03', 'zh-CN')).toBe('2025年3月')
    expect(formatDate('2025', 'zh-CN')).toBe('2025年')
    expect(formatDate('2025-12-01', 'zh-CN')).toBe('2025年12月1日')
  })
  it('keeps the ISO form in English and shows odd values as they are', () => {
    expect(formatDate('2025-03-18', 'en')).toBe('2025-03-18')
    expect(formatDate('2025-03', 'en')).toBe('2025-03')
    expect(formatDate('', 'zh-CN')).toBe('')
    expect(formatDate('', 'en')).toBe('')
    expect(formatDate('2025年3月', 'zh-CN')).toBe('2025年3月')
  })
})
