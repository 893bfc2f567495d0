// The aid-archive command. Every command goes through the same dispatch() as the app;
// errors print one line on stderr and exit non-zero, having changed nothing.
import { open } from 'node:fs/promises'
import { Command, CommanderError, Option } from 'commander'
import { ApiError } from '../../shared/errors'
import type { ApiInput, ApiResult, Method } from '../../shared/api'
import { dispatch, openArchive, resolveArchiveDir, type ArchiveService } from '../app'
import { formatRecord, formatHits } from './format'
import { serve } from './serve'
import { cliErrorLine, cliLocale } from './locale'
import { usageError } from './usage'
import { safeJson } from './safe-text'
import { formatError } from '../../shared/i18n/format'
import { addImportCommands } from '../areas/intake/cli'
import { addExportCommand } from '../areas/export/cli'
import { addVerifyCommand } from './verify'
import { addBackupCommands } from './backups'
import { addExchangeCommands } from '../areas/exchange/cli'

export interface CliIO {
  out: (s: string) => void
  err: (s: string) => void
}

const stdio: CliIO = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }

/**
 * Opens the archive for one command. The search index starts with the first query
 * (LazyEngine), except for a command that searches first thing (`searchNow`): its index
 * then loads in the worker while the archive is read.
 */
async function withArchive<T>(dirFlag: string | undefined, readOnly: boolean, fn: (svc: ArchiveService) => Promise<T>, opts: { searchNow?: boolean } = {}): Promise<T> {
  const svc = await openArchive(resolveArchiveDir(dirFlag), { readOnly, searchOnDemand: !opts.searchNow, oneShot: true })
  try {
    return await fn(svc)
  } finally {
    await svc.close()
  }
}

function call<M extends Method>(svc: ArchiveService, m: M, input: ApiInput<M>): Promise<ApiResult<M>> {
  return dispatch(svc, m, input)
}

function positiveInt(v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new ApiError('invalid_input', 'cli.not_positive', { value: v })
  return n
}

export function buildProgram(io: CliIO = stdio): Command {
  const program = new Command('aid-archive')
  program
    .description('援疆档案 Aid Archive — catalogue, search and export the aid program’s archive')
    .exitOverride()
    // Commander's own error text is English; main() prints it in the user's words instead.
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => {} })
  const archiveOpt = () => new Option('--archive <dir>', 'archive folder (else AID_ARCHIVE_DIR, else the user data folder)')

  program
    .command('init')
    .description('create an empty archive')
    .addOption(archiveOpt())
    .option('--fonds <code>', '全宗号 (4 letters or digits)')
    .action(async (o: { archive?: string; fonds?: string }) => {
      await withArchive(o.archive, false, async (svc) => {
        if (o.fonds) await call(svc, 'settings.update', { patch: { fondsCode: o.fonds } })
        const info = svc.info()
        io.out(`Archive ready at ${info.path} (${info.empty ? 'empty' : 'not empty'}; 全宗号 ${info.settings.fondsCode})`)
      })
    })

  program
    .command('demo')
    .description('write the demo archive (from the seed article) into an empty archive')
    .addOption(archiveOpt())
    .action(async (o: { archive?: string }) => {
      await withArchive(o.archive, false, async (svc) => {
        const info = await call(svc, 'archive.loadDemo', {})
        const c = info.counts
        io.out(`Demo archive written to ${info.path}: ${c.batch} batch, ${c.report} reports, ${c.achievement} achievements, ${c.photo} photos, ${c.tags} tags, ${c.links} links`)
      })
    })

  program
    .command('serve')
    .description('serve the app to a browser on 127.0.0.1 with a per-launch token')
    .addOption(archiveOpt())
    .option('--port <n>', 'port (0 = any free port)', '0')
    .action(async (o: { archive?: string; port: string }) => {
      const port = Number(o.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ApiError('invalid_input', 'cli.bad_port', { value: String(o.port) })
      await serve(resolveArchiveDir(o.archive), port, io)
    })

  program
    .command('search')
    .description('search the archive (same engine and order as the app)')
    .argument('<query...>', 'query, e.g. 阜康 焦化, fukang, type:photo year:2024..2025')
    .addOption(archiveOpt())
    .option('--limit <n>', 'most results', positiveInt, 20)
    .option('--json', 'print a JSON array (a partial match has "missing": the words it lacks)')
    .option('--strict', 'only records with every word (no partial matches)')
    .action(async (words: string[], o: { archive?: string; limit: number; json?: boolean; strict?: boolean }) => {
      await withArchive(o.archive, true, async (svc) => {
        const res = await call(svc, 'search.query', { q: words.join(' '), limit: o.limit, ...(o.strict ? { strict: true } : {}) })
        const row = (h: (typeof res.hits)[number]) => ({ id: h.id, kind: h.kind, title: h.title, score: h.score, refCode: h.summary.refCode, date: h.summary.date, ...(h.missing ? { missing: h.missing } : {}) })
        if (o.json) io.out(safeJson(res.hits.map(row)))
        else io.out(formatHits(res, cliLocale()))
      }, { searchNow: true })
    })

  program
    .command('show')
    .description('show one record with its tags and links')
    .argument('<id>')
    .addOption(archiveOpt())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { archive?: string; json?: boolean }) => {
      await withArchive(o.archive, true, async (svc) => {
        const d = await call(svc, 'records.get', { id })
        io.out(o.json ? safeJson(d, 2) : formatRecord(d))
      })
    })

  program
    .command('import-json')
    .description('import records in the JSON interchange format (all or nothing)')
    .argument('<file>')
    .addOption(archiveOpt())
    .action(async (file: string, o: { archive?: string }) => {
      // Read up to a cap, never whole: the path may name anything (a huge file, a device
      // that never ends), and JSON.parse needs several times the text in memory. The cap is
      // the browser host's for a request body, so a file one host takes, the other takes.
      const JSON_MAX = 256 * 1024 * 1024
      let data: unknown
      try {
        const fh = await open(file, 'r')
        const chunks: Buffer[] = []
        let size = 0
        try {
          for await (const chunk of fh.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
            size += chunk.length
            if (size > JSON_MAX) throw new ApiError('invalid_input', 'file.too_large', { limit: '256 MB' })
            chunks.push(chunk)
          }
        } finally {
          await fh.close()
        }
        data = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch (e) {
        throw e instanceof ApiError
          ? e
          : e instanceof SyntaxError
            ? new ApiError('invalid_input', 'file.bad_json', { file })
            : new ApiError('invalid_input', 'file.read_failed', { file, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message })
      }
      await withArchive(o.archive, false, async (svc) => {
        const r = await call(svc, 'io.importJson', { data })
        io.out(`Imported ${r.created} records, ${r.tags} new tags, ${r.links} links.`)
      })
    })

  addImportCommands(program, { out: io.out, err: io.err, archiveOpt, positiveInt, withArchive, describe: (e) => formatError(cliLocale(), e) })

  addExportCommand(program, { out: io.out, err: io.err, archiveOpt, withArchive })

  addVerifyCommand(program, { out: io.out, archiveOpt, withArchive })

  addBackupCommands(program, { out: io.out, archiveOpt })

  addExchangeCommands(program, { out: io.out, err: io.err, archiveOpt, withArchive })

  return program
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const program = buildProgram(io)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0
      // --help on a bad command line prints the help itself; anything else is a usage error.
      if (e.code !== 'commander.help' && e.code !== 'commander.helpDisplayed') io.err(cliErrorLine(usageError(e)))
      return 2
    }
    io.err(cliErrorLine(e))
    return 1
  }
}
