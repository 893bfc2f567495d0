// The CLI's export command: the same export.run as the app, written to --out. Text
// formats (json, md, csv) may go to standard output; binary ones need --out.
import { writeFile } from 'node:fs/promises'
import { Option, type Command } from 'commander'
import { EXPORT_FORMATS, type ExportFormat, type ExportScope } from '../../../shared/contract/export'
import { ApiError } from '../../../shared/errors'
import { dispatch } from '../../core/dispatch'
import { batchIdOf } from '../../core/numbering'
import type { ArchiveService } from '../../core/service'
import { escapeJsonText } from '../../cli/safe-text'

export interface ExportCliDeps {
  out: (s: string) => void
  err: (s: string) => void
  archiveOpt: () => Option
  withArchive: <T>(dir: string | undefined, readOnly: boolean, fn: (svc: ArchiveService) => Promise<T>) => Promise<T>
}

interface Opts {
  archive?: string
  format: ExportFormat
  out?: string
  batch?: string
  area?: string
  query?: string
  from?: string
  to?: string
  photos: boolean
  title?: string
}

/** An area by id (education) or by name (教育援疆). */
function areaId(svc: ArchiveService, v: string): string {
  return svc.store.settings.areas.find((a) => a.id === v || a.name === v)?.id ?? v
}

export function addExportCommand(program: Command, d: ExportCliDeps): void {
  program
    .command('export')
    .description('export: summary (docx, md), catalogue (xlsx, csv), photo package (photos → zip), whole archive (json)')
    .addOption(d.archiveOpt())
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('json'))
    .option('--out <file>', 'write to this file (json, md and csv may go to standard output)')
    .option('--batch <n>', 'only this batch (number or id)')
    .option('--area <area>', 'only this area of work (id or name, e.g. education or 教育援疆)')
    .option('--query <q>', 'only records matching this search, e.g. "阜康 year:2024"')
    .option('--from <date>', 'from this date (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'up to this date')
    .option('--no-photos', 'summary without photos')
    .option('--title <title>', 'summary title')
    .action(async (o: Opts) => {
      if (o.format === 'pdf')
        throw new ApiError('invalid_input', 'export.pdf_in_app')
      if (!o.out && !['json', 'md', 'csv'].includes(o.format)) throw new ApiError('invalid_input', 'export.needs_out', { format: o.format })
      await d.withArchive(o.archive, true, async (svc) => {
        const scope: ExportScope = {
          ...(o.batch ? { batchId: batchIdOf(svc.store, o.batch) } : {}),
          ...(o.area ? { area: areaId(svc, o.area) } : {}),
          ...(o.query ? { query: o.query } : {}),
          ...(o.from ? { from: o.from } : {}),
          ...(o.to ? { to: o.to } : {}),
        }
        const options = { photos: o.photos, ...(o.title ? { title: o.title } : {}) }
        const f = await dispatch(svc, 'export.run', { format: o.format, scope, options })
        const bytes = Buffer.from(f.base64, 'base64')
        if (!o.out) {
          const text = bytes.toString('utf8').replace(/^\uFEFF/, o.format === 'csv' ? '\uFEFF' : '')
          // JSON can carry C1 and direction characters as escapes at no cost to the data; md
          // and CSV are the file's own bytes, as a file written with --out would hold them.
          return d.out(o.format === 'json' ? escapeJsonText(text) : text)
        }
        await writeFile(o.out, bytes)
        d.err(`Exported ${f.count} records to ${o.out} (${f.size} bytes)`)
      })
    })
}
