// Suggestions for a report's catalogue fields, read from its text for the user to
// confirm: 题名, 日期 (成文日期, usually at the end), 文号 and 责任者.
import type { ReportSuggestion } from '../../../shared/contract/intake'
import { parseHumanDate } from '../../../shared/dates'

const DOC_NO = /[\u4e00-\u9fa5A-Za-z]{1,16}\s*[〔［\[【（(]\s*\d{4}\s*[〕］\]】）)]\s*\d{1,5}\s*号/
const ISSUE_NO = /(?:\d{4}\s*年\s*)?第\s*\d{1,4}\s*期/
const CN_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g
const ISO_DATE = /\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})\b/g
const ORG = /(指挥部|工作队|办公室|委员会|管委会|人民政府|政府|厅|局|中心|医院|学校|学院|公司|报社|新华社|编辑部)$/

function dates(text: string): string[] {
  const out: string[] = []
  // The regexes find dates inside running text; the calendar check is the archive's own.
  for (const re of [CN_DATE, ISO_DATE]) for (const m of text.matchAll(re)) {
    const d = parseHumanDate(`${m[1]}-${m[2]}-${m[3]}`)
    if (d.ok) out.push(d.iso)
  }
  return out
}

export function suggestReport(text: string, fileName: string): ReportSuggestion {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^#{1,6}\s+/, '').replace(/\s+/g, ' ').trim()).filter(Boolean)
  const docNumber = (DOC_NO.exec(text.slice(0, 2000))?.[0] ?? ISSUE_NO.exec(text.slice(0, 1000))?.[0] ?? '').replace(/\s+/g, '')
  // 成文日期 sits at the end of an official document; else the first date in the text.
  const tail = lines.slice(-8).join('\n')
  const date = dates(tail).at(-1) ?? dates(text.slice(0, 3000))[0] ?? ''
  const header = /(?:文件|简报|快报|通讯)$/
  const title =
    lines.slice(0, 12).find((l) => l.length >= 4 && l.length <= 120 && !DOC_NO.test(l) && !ISSUE_NO.test(l) && !header.test(l) && !dates(l).length && !/^[（(]?\d/.test(l)) ??
    fileName.replace(/\.[^.]+$/, '')
  // 责任者: the signature near the end, else the issuing body in the letterhead ("…文件").
  const sign = lines.slice(-6).reverse().find((l) => l.length <= 30 && ORG.test(l))
  const head = lines.slice(0, 4).find((l) => l.length <= 40 && header.test(l))
  const responsible = sign ?? head?.replace(header, '').trim() ?? ''
  return { title: title.slice(0, 500), date, docNumber: docNumber.slice(0, 100), responsible: responsible.slice(0, 200) }
}

export function guessReportType(text: string, fileName: string): '简报' | '综述' | '总结' | '报道' | '通知' | '报告' {
  const s = `${fileName}\n${text.slice(0, 300)}`
  if (/简报|快报/.test(s)) return '简报'
  if (/综述/.test(s)) return '综述'
  if (/总结/.test(s)) return '总结'
  if (/通知/.test(s)) return '通知'
  if (/记者|新华社|日报|报道/.test(s)) return '报道'
  return '报告'
}
