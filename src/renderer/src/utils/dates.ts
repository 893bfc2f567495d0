// Record dates (stored as YYYY, YYYY-MM or YYYY-MM-DD) as the UI shows and takes them.
import { formatDate, parseHumanDate } from '@shared/dates'
import { locale } from '@renderer/i18n'

/** 2025年3月18日 in Chinese, 2025-03-18 in English; reactive to the UI language in templates. */
export function displayDate(iso: string): string {
  return formatDate(iso, locale.value)
}

/**
 * What a date field shows once the user leaves it: the stored form when the text reads as a
 * date, else the text unchanged so the server can name what is wrong with it.
 */
export function normaliseDateInput(s: string): string {
  const r = parseHumanDate(s)
  return r.ok ? r.iso : s
}
