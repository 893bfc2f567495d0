// The 全宗号 as the welcome step and the settings take it: written the way archives write
// it (upper case), checked by the settings schema's own rule, so both screens and the
// core refuse the same codes in the same words.
import { Settings } from '@shared/domain'
import { renderRefCode } from '@shared/archival'
import { isReason } from '@shared/i18n/format'
import { errorText } from './errors'

export function normaliseFondsCode(code: string): string {
  return code.trim().toUpperCase()
}

/** The rule's message for a code that breaks it, else ''. */
export function fondsCodeProblem(code: string): string {
  const r = Settings.shape.fondsCode.safeParse(normaliseFondsCode(code))
  if (r.success) return ''
  const reason = r.error.issues[0]?.message
  return errorText({ reason: isReason(reason) ? reason : 'field.fonds_code' })
}

/** A 档号 as this fonds would issue it (the first 文书 of the year), to show what the code is for. */
export function exampleRefCode(code: string, orgCode: string, year = new Date().getFullYear()): string {
  return renderRefCode(normaliseFondsCode(code), 'WS', { year, retention: 'Y', orgCode, itemNo: 1 })
}
