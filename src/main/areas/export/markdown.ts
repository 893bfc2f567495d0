// The 成果汇编 as Markdown: the same model as the docx, for mail, wikis and diffs.
import type { SummaryModel } from '../../../shared/contract/export'
import { cnNumber } from './context'

/** Table cells may not break the row: pipes escaped, line breaks flattened. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

export function summaryMarkdown(m: SummaryModel): string {
  const out: string[] = [`# ${m.title}`, '', `（${m.subtitle}）`, '', m.intro, '']
  let figure = 0
  m.areas.forEach((a, i) => {
    out.push(`## ${cnNumber(i + 1)}、${a.name}`, '')
    a.items.forEach((it, j) => {
      out.push(`### （${cnNumber(j + 1)}）${it.title}`, '')
      if (it.facts) out.push(it.facts, '')
      if (it.summary) out.push(it.summary, '')
      if (it.metrics.length) {
        out.push('| 指标 | 援前 | 现值 | 说明 |', '|---|---|---|---|')
        for (const x of it.metrics) out.push(`| ${cell(x.label)} | ${cell(x.before || '—')} | ${cell(x.after)} | ${cell(x.note)} |`)
        out.push('')
      }
      for (const p of it.photos) {
        const no = p.photoNo ? `（照片号 ${p.photoNo}）` : ''
        out.push(`**图${++figure}　${p.title}**${no}${p.placeholder ? '〔示意图，非原件〕' : ''}`, '', `> ${p.caption}`, '')
      }
    })
  })
  out.push(`## ${cnNumber(m.areas.length + 1)}、资料来源`, '')
  if (m.sources.length) {
    out.push('| 序号 | 档号 | 题名 | 责任者 | 日期 |', '|---|---|---|---|---|')
    m.sources.forEach((s, i) => out.push(`| ${i + 1} | ${cell(s.refCode || '（未归档）')} | ${cell(s.title)} | ${cell(s.responsible)} | ${s.date} |`))
  } else out.push('（无）')
  out.push('')
  return out.join('\n')
}
