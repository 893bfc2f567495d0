// aid-archive verify: every archive rule over the whole archive, in the user's words; with
// --fix, the rules' mechanical repairs (the same archive.verify / archive.fix as the
// 待办清单). An archive written before a rule existed opens anyway; this is how it is mended.
import type { Command, Option } from 'commander'
import type { VerifyReport, VerifyViolation } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import { formatReason, type Locale } from '../../shared/i18n/format'
import { dispatch, type ArchiveService } from '../app'
import { cliLocale } from './locale'
import { safeJson, safeText } from './safe-text'

export interface VerifyCliDeps {
  out: (s: string) => void
  archiveOpt: () => Option
  withArchive: <T>(dir: string | undefined, readOnly: boolean, fn: (svc: ArchiveService) => Promise<T>) => Promise<T>
}

interface Opts {
  archive?: string
  json?: boolean
  /** --fix alone: every fixable rule; --fix RULE: that rule only. */
  fix?: boolean | string
  files?: boolean
}

// The CLI's own sentences; the violations' words come from the shared reason messages.
const WORDS = {
  'zh-CN': {
    clean: (checked: number) => `共检查 ${checked} 项，未发现问题。`,
    found: (checked: number, total: number, fixable: number) =>
      `共检查 ${checked} 项，发现 ${total} 个问题` + (fixable ? `，其中 ${fixable} 个可自动修复（aid-archive verify --fix）。` : '。'),
    more: (n: number) => `……另有 ${n} 个问题未列出。`,
    fixed: (fixed: number, remaining: number) => `已修复 ${fixed} 处；` + (remaining ? `仍有 ${remaining} 个问题。` : '未发现其他问题。'),
  },
  en: {
    clean: (checked: number) => `Checked ${checked} items: no problems found.`,
    found: (checked: number, total: number, fixable: number) =>
      `Checked ${checked} items: ${total} problem(s)` + (fixable ? `, ${fixable} fixable with aid-archive verify --fix.` : '.'),
    more: (n: number) => `… and ${n} more not listed.`,
    fixed: (fixed: number, remaining: number) => `Fixed ${fixed} item(s); ` + (remaining ? `${remaining} problem(s) remain.` : 'no other problems found.'),
  },
} satisfies Record<Locale, unknown>

/**
 * One line: the rule, the items at fault, what is wrong. Record text (titles, and the
 * values a reason quotes) is escaped (safe-text.ts), so a tab or newline in a title cannot
 * add a column or a line, nor an escape sequence reach the terminal.
 */
export function violationLine(locale: Locale, v: VerifyViolation): string {
  const sep = locale === 'en' ? ', ' : '、'
  const titles = v.titles.filter(Boolean).map(safeText).join(sep) || v.ids.map(safeText).join(sep)
  const params = Object.fromEntries(Object.entries(v.params ?? {}).map(([k, x]) => [k, typeof x === 'string' ? safeText(x) : x]))
  // The reason's own words may wrap: one line all the same.
  return `${v.rule}\t${titles}\t${formatReason(locale, v.reason, params).replace(/\s*\n\s*/g, ' ')}`
}

function printReport(out: (s: string) => void, locale: Locale, rep: VerifyReport): void {
  for (const v of rep.violations) out(violationLine(locale, v))
  if (rep.total > rep.violations.length) out(WORDS[locale].more(rep.total - rep.violations.length))
}

/**
 * A broken archive is the command's failure: like any failing command it exits 1 with one
 * line on stderr (how many, with a code for scripts), the full list being on stdout above it.
 */
function failWith(total: number): never {
  throw new ApiError('invalid_input', 'verify.found', { count: total })
}

export function addVerifyCommand(program: Command, d: VerifyCliDeps): void {
  program
    .command('verify')
    .description("check the archive against its rules; --fix applies the rules' mechanical repairs")
    .addOption(d.archiveOpt())
    .option('--json', 'print the report as JSON')
    .option('--files', 'also read every original file and check its sha256 (slow on a large archive)')
    .option('--fix [rule]', 'repair what can be repaired (every fixable rule, or the one named as verify prints it)')
    .action(async (o: Opts) => {
      const locale = cliLocale()
      const rule = typeof o.fix === 'string' ? o.fix : undefined
      // Plain verify only reads, so it runs beside an app that has the archive open.
      await d.withArchive(o.archive, !o.fix, async (svc) => {
        const fix = o.fix ? await dispatch(svc, 'archive.fix', rule ? { rule } : {}) : null
        const rep = await dispatch(svc, 'archive.verify', { files: !!o.files })
        if (o.json) d.out(safeJson(fix ? { ...fix, report: rep } : rep, 2))
        else {
          printReport(d.out, locale, rep)
          const fixable = rep.violations.filter((v) => v.fixable).length
          if (fix) d.out(WORDS[locale].fixed(fix.fixed, rep.total))
          else d.out(rep.total ? WORDS[locale].found(rep.checked, rep.total, fixable) : WORDS[locale].clean(rep.checked))
        }
        if (rep.total) failWith(rep.total)
      })
    })
}
