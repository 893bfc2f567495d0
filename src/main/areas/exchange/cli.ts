// The CLI's exchange commands: pack, unpack (preview, then apply), sync and conflicts.
// The same functions as the app's handlers; a package is read from disk here (it may be
// larger than a request body), with the same checks.
import { open, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline/promises'
import type { Command, Option } from 'commander'
import type { MergeCounts } from '../../../shared/contract/exchange'
import { ApiError } from '../../../shared/errors'
import { dispatch } from '../../core/dispatch'
import { batchIdOf } from '../../core/numbering'
import type { ArchiveService } from '../../core/service'
import { cliLocale } from '../../cli/locale'
import { safeText } from '../../cli/safe-text'
import { DEFAULT_LIMITS } from './container-format'
import { applyPackage, newFiles } from './apply'
import { planMerge } from './merge'
import { readPackage } from './package'
import { publicUrl } from './couch-url'

export interface ExchangeCliDeps {
  out: (s: string) => void
  err: (s: string) => void
  archiveOpt: () => Option
  withArchive: <T>(dir: string | undefined, readOnly: boolean, fn: (svc: ArchiveService) => Promise<T>) => Promise<T>
}

const zh = () => cliLocale() === 'zh-CN'
const t = (cn: string, en: string) => (zh() ? cn : en)

export function countsLine(c: MergeCounts): string {
  return zh()
    ? `新增 ${c.added}，更新 ${c.updated}，删除 ${c.deleted}，未变 ${c.unchanged}，冲突 ${c.conflicts}，文件 ${c.files}`
    : `${c.added} new, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged, ${c.conflicts} conflicts, ${c.files} files`
}

async function readCapped(file: string): Promise<Buffer> {
  try {
    const fh = await open(file, 'r')
    try {
      const size = (await fh.stat()).size
      if (size > DEFAULT_LIMITS.maxPackageBytes) throw new ApiError('invalid_input', 'package.too_large', { limit: `${DEFAULT_LIMITS.maxPackageBytes} B` })
      return await fh.readFile()
    } finally {
      await fh.close()
    }
  } catch (e) {
    if (e instanceof ApiError) throw e
    throw new ApiError('invalid_input', 'file.read_failed', { file, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message })
  }
}

/** The password for a sync server: the environment, else asked on a terminal (never an argument: it would show in ps). */
async function password(): Promise<string | undefined> {
  if (process.env.AID_SYNC_PASSWORD) return process.env.AID_SYNC_PASSWORD
  if (!process.stdin.isTTY) return undefined
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  try {
    // Keystrokes are not echoed while the password is typed.
    const out = rl as unknown as { _writeToOutput?: (s: string) => void }
    const prompt = t('同步服务器密码：', 'Sync server password: ')
    process.stderr.write(prompt)
    out._writeToOutput = () => {}
    const answer = await rl.question('')
    process.stderr.write('\n')
    return answer || undefined
  } finally {
    rl.close()
  }
}

export function addExchangeCommands(program: Command, d: ExchangeCliDeps): void {
  program
    .command('pack')
    .description('make a transfer package (.aidpkg) for another workstation: everything, a batch, or what changed since the last package to a destination')
    .addOption(d.archiveOpt())
    .requiredOption('--out <file>', 'the package file to write')
    .option('--batch <n>', 'only this batch (number or id)')
    .option('--since-last <destination>', 'only what changed since the last package made for this destination (e.g. 后方办公室)')
    .option('--to <destination>', 'remember this package as sent to a destination')
    .action(async (o: { archive?: string; out: string; batch?: string; sinceLast?: string; to?: string }) => {
      await d.withArchive(o.archive, false, async (svc) => {
        const scope = { ...(o.batch ? { batchId: batchIdOf(svc.store, o.batch) } : {}), ...(o.sinceLast ? { sinceLast: o.sinceLast } : {}) }
        const res = await dispatch(svc, 'exchange.pack', { scope, ...(o.to ? { destination: o.to } : {}) })
        await writeFile(o.out, Buffer.from(res.data, 'base64'))
        d.out(t(`已写入交换包 ${o.out}：${res.items} 个条目，${res.files} 个文件，${res.bytes} 字节`, `Wrote ${o.out}: ${res.items} items, ${res.files} files, ${res.bytes} bytes`))
      })
    })

  program
    .command('unpack')
    .description('take a transfer package: show what it would change, then apply it (a backup is taken first)')
    .argument('<file>')
    .addOption(d.archiveOpt())
    .option('--dry-run', 'only show what would change')
    .action(async (file: string, o: { archive?: string; dryRun?: boolean }) => {
      const bytes = await readCapped(file)
      await d.withArchive(o.archive, !!o.dryRun, async (svc) => {
        const pkg = await readPackage(bytes)
        if (pkg.meta.archiveId === svc.store.replicaId) throw new ApiError('invalid_input', 'exchange.own_package')
        const plan = planMerge(svc, pkg.leaves, new Date().toISOString())
        d.out(t(`来自：${safeText(pkg.meta.name)}（${pkg.meta.createdAt}）`, `From: ${safeText(pkg.meta.name)} (${pkg.meta.createdAt})`))
        d.out(countsLine({ ...plan.counts, files: (await newFiles(svc.store.dir, pkg.files)).length }))
        if (o.dryRun) return
        const res = await applyPackage(svc, pkg, file)
        d.out(t(`已合并（日志第 ${res.seq} 条）`, `Merged (journal entry ${res.seq})`) + (res.backup ? t(`；合并前备份：${res.backup}`, `; backup before the merge: ${res.backup}`) : ''))
        if (res.counts.conflicts) d.out(t(`有 ${res.counts.conflicts} 个冲突待处理：aid-archive conflicts`, `${res.counts.conflicts} conflicts to settle: aid-archive conflicts`))
      })
    })

  program
    .command('sync')
    .description('sync with a CouchDB database (the URL names it, e.g. http://server:5984/aid-archive); user and password from AID_SYNC_USER / AID_SYNC_PASSWORD or asked')
    .argument('<url>')
    .addOption(d.archiveOpt())
    .option('--user <name>', 'the server user (else AID_SYNC_USER)')
    .action(async (url: string, o: { archive?: string; user?: string }) => {
      const username = o.user ?? process.env.AID_SYNC_USER
      const pass = username ? await password() : undefined
      await d.withArchive(o.archive, false, async (svc) => {
        const res = await dispatch(svc, 'exchange.sync', { url, ...(username ? { username } : {}), ...(pass ? { password: pass } : {}) })
        d.out(t(`已与 ${publicUrl(url)} 同步。取回：`, `Synced with ${publicUrl(url)}. Pulled: `) + countsLine(res.pulled) + t(`；推送 ${res.pushed} 个条目`, `; pushed ${res.pushed} items`))
      })
    })

  program
    .command('conflicts')
    .description('list the open conflicts left by exchanges (settle them in the app)')
    .addOption(d.archiveOpt())
    .option('--json', 'print JSON')
    .action(async (o: { archive?: string; json?: boolean }) => {
      await d.withArchive(o.archive, true, async (svc) => {
        const list = await dispatch(svc, 'exchange.conflicts', {})
        if (o.json) return d.out(JSON.stringify(list.map((c) => ({ id: c.id, kind: c.kind, title: c.title, fields: c.fields, number: c.number ?? null }))))
        if (!list.length) return d.out(t('没有待处理的冲突。', 'No open conflicts.'))
        const kind = { edit: t('修改冲突', 'edited on both sides'), delete: t('删除冲突', 'deleted on one side'), number: t('编号冲突', 'number given twice') }
        for (const c of list) d.out(`${kind[c.kind]}  ${safeText(c.title)}  ${c.kind === 'number' ? (c.number?.value ?? '') : c.fields.join(', ')}`)
      })
    })
}
