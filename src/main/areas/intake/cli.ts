// The CLI's import commands: `import` takes photos and documents together and routes each file
// by its type (shared/intake-routing.ts, the drop zone's rule); `import-reports` takes documents
// only. Paths stay on this machine, the core reads them directly (no base64 detour), progress
// goes to stderr, Ctrl-C stops after the files in flight.
import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { Command, Option } from 'commander'
import { ApiError, type ErrorData } from '../../../shared/errors'
import type { ArchiveService } from '../../core/service'
import { importPhotos } from './photos'
import { importReports } from './reports'
import { collectFiles, collectImport } from './sources'
import { REPORT_TYPES } from './extract'
import { bytesText, limits } from './limits'
import { safeText } from '../../cli/safe-text'

export interface ImportCliDeps {
  out: (s: string) => void
  err: (s: string) => void
  archiveOpt: () => Option
  positiveInt: (v: string) => number
  withArchive: <T>(dir: string | undefined, readOnly: boolean, fn: (svc: ArchiveService) => Promise<T>) => Promise<T>
  /** An error in the user's words (the CLI's locale). */
  describe: (e: ErrorData) => string
}

function failures(list: { name: string; error: ErrorData }[], d: ImportCliDeps): void {
  for (const f of list) d.err(`aid-archive: ${safeText(f.name)}: ${safeText(d.describe(f.error))}`)
  if (list.length) throw new ApiError('invalid_input', 'files.some_failed', { count: list.length })
}

/** Documents read from disk for report intake; one over the size limit is refused unread. */
async function readDocuments(list: string[]): Promise<{ files: { name: string; data: Buffer }[]; unread: { name: string; error: ErrorData }[] }> {
  const unread: { name: string; error: ErrorData }[] = []
  const max = limits().fileBytes
  const read = await Promise.all(
    list.map(async (f) => {
      const name = basename(f)
      // Reading a file over the limit would only fill memory.
      const size = await stat(f).then((s) => s.size, () => 0)
      if (size > max) return void unread.push({ name, error: { reason: 'file.too_large', params: { limit: bytesText(max) } } })
      const data = await readFile(f).catch((e: NodeJS.ErrnoException) => void unread.push({ name, error: { reason: 'file.read_failed', params: { file: name, detail: e.code ?? e.message } } }))
      return data && { name, data }
    }),
  )
  return { files: read.filter((f) => f !== undefined), unread }
}

/** Imports documents and prints one line per report with its suggestions, then the counts. */
async function importDocuments(svc: ArchiveService, list: string[], d: ImportCliDeps): Promise<{ name: string; error: ErrorData }[]> {
  const { files, unread } = await readDocuments(list)
  const res = await importReports(svc, files)
  // Suggestions come from the file's own text: escaped so it cannot drive the terminal.
  for (const r of res.imported) d.out(`${r.id}\t${r.suggested.date || '-'}\t${safeText(r.suggested.docNumber) || '-'}\t${safeText(r.suggested.title)}`)
  d.out(`Imported ${res.imported.length} reports, ${res.duplicates.length} duplicates, ${res.failed.length + unread.length} failed.`)
  for (const dup of res.duplicates) d.err(`duplicate: ${safeText(dup.name)} = ${dup.existingId}`)
  return [...res.failed, ...unread]
}

export function addImportCommands(program: Command, d: ImportCliDeps): void {
  program
    .command('import')
    .description('import photos and documents (files or whole folders), each by its type: photos (a .txt beside a photo is its caption) and reports (.docx, .pdf, .txt, .md)')
    .argument('<paths...>')
    .addOption(d.archiveOpt())
    .option('--batch <n>', 'photo records per commit', d.positiveInt, 50)
    .option('--group <title>', 'put the photos into a new photo group with this 题名')
    .action(async (paths: string[], o: { archive?: string; batch: number; group?: string }) => {
      const { photos: sources, reports, unsupported } = await collectImport(paths)
      const refused = unsupported.map((f) => ({ name: basename(f), error: { reason: 'file.unknown_kind' as const, params: { ext: extname(f) || '—' } } }))
      await d.withArchive(o.archive, false, async (svc) => {
        const failed: { name: string; error: ErrorData }[] = []
        if (sources.length || !reports.length) {
          let groupId: string | null = null
          if (o.group && sources.length) groupId = (await svc.handlers['groups.create']({ title: o.group })).id
          const ac = new AbortController()
          const stop = () => ac.abort()
          process.once('SIGINT', stop)
          const tty = process.stderr.isTTY
          try {
            const res = await importPhotos(svc, sources, {
              batchSize: o.batch,
              groupId,
              signal: ac.signal,
              onProgress: (p) => {
                if (tty) process.stderr.write(`\r${p.done}/${p.total} ${p.current.slice(0, 40).padEnd(40)} ~${Math.ceil(p.etaMs / 1000)}s left `)
              },
            })
            if (tty) process.stderr.write('\n')
            d.out(`Imported ${res.imported.length} photos, ${res.duplicates.length} duplicates, ${res.failed.length} failed${res.cancelled ? ' (cancelled)' : ''}.`)
            for (const dup of res.duplicates) d.err(`duplicate: ${safeText(dup.name)} = ${dup.existingId}`)
            failed.push(...res.failed)
            if (res.cancelled) return failures(failed, d)
          } finally {
            process.off('SIGINT', stop)
          }
        }
        if (reports.length) failed.push(...(await importDocuments(svc, reports, d)))
        if (refused.length) d.out(`Not imported: ${refused.length} files neither photos nor documents.`)
        failures([...failed, ...refused], d)
      })
    })

  program
    .command('import-reports')
    .description('import reports only (.docx, .pdf, .txt, .md): original kept, text searchable, fields suggested')
    .argument('<paths...>')
    .addOption(d.archiveOpt())
    .action(async (paths: string[], o: { archive?: string }) => {
      const list = await collectFiles(paths, (f) => extname(f).toLowerCase() in REPORT_TYPES)
      await d.withArchive(o.archive, false, async (svc) => failures(await importDocuments(svc, list, d), d))
    })
}
