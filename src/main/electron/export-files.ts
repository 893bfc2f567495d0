// Where an export goes in Electron: 另存为… (the main process's own save dialog, starting in
// the user's Documents with the export's name) and, once saved, 在文件夹中显示. The renderer
// sends an export request (checked by export.run's schema, zod) and gets a token; the path
// stays here, so nothing the renderer sends is ever used as a path. Electron's objects are
// passed in (registerExportFiles), so the logic is tested without Electron.
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { basename, extname, isAbsolute, join } from 'node:path'
import type { IpcMain } from 'electron'
import type { Envelope } from '../../shared/api'
import { EXPORT_SAVE_CHANNEL, EXPORT_SHOW_CHANNEL, ExportShowRequest, type ExportSaveResult } from '../../shared/contract/export'
import { ApiError } from '../../shared/errors'
import { invalid } from '../../shared/validation'
import { dispatch } from '../app'
import type { ArchiveService } from '../core/service'
import { errorEnvelope } from './ipc'
import type { HostLocale } from './locale'
import type { SenderLike } from './security'

export interface SaveDialogOptions {
  title: string
  defaultPath: string
  buttonLabel: string
  filters: { name: string; extensions: string[] }[]
}

export interface ExportFilesDeps {
  service: () => ArchiveService | null
  isTrusted: (event: SenderLike) => boolean
  /** app.getPath('documents'). */
  documentsDir: () => string
  locale: () => HostLocale
  /** dialog.showSaveDialog, on the app's window. */
  showSaveDialog: (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>
  /** shell.showItemInFolder. */
  showItemInFolder: (path: string) => void
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>
}

const WORDS: Record<HostLocale, { title: string; button: string; file: (ext: string) => string }> = {
  'zh-CN': { title: '另存为', button: '保存', file: (ext) => `${ext.toUpperCase()} 文件` },
  en: { title: 'Save as', button: 'Save', file: (ext) => `${ext.toUpperCase()} file` },
}

/** Saved files remembered for 在文件夹中显示 (the last few are enough: it follows a save). */
const REMEMBERED = 20

/**
 * The export's own name as a file name and nothing more: no folder part, no character
 * Windows refuses, not empty. The name comes from the archive (a batch title may hold a /).
 */
export function safeSaveName(name: string): string {
  const base = name.replace(/[\\/]/g, '-')
  const clean = base.replace(/[<>:"|?*\u0000-\u001f]/g, '').replace(/^[.\s]+|[.\s]+$/g, '')
  return clean || 'export'
}

export interface ExportFilesHandlers {
  save: (event: SenderLike, input: unknown) => Promise<Envelope<ExportSaveResult>>
  show: (event: SenderLike, input: unknown) => Promise<Envelope<{ shown: true }>>
}

export function createExportFileHandlers(deps: ExportFilesDeps): ExportFilesHandlers {
  const saved = new Map<string, string>()
  const write = deps.writeFile ?? ((path: string, bytes: Uint8Array) => writeFile(path, bytes))

  const guard = (event: SenderLike): ArchiveService => {
    if (!deps.isTrusted(event)) throw new ApiError('forbidden', 'host.unknown_sender')
    const svc = deps.service()
    if (!svc) throw new ApiError('io_error', 'host.closing')
    return svc
  }

  return {
    async save(event, input) {
      try {
        const svc = guard(event)
        // Checked by export.run's own schema, as from the renderer's other calls.
        const file = await dispatch(svc, 'export.run', input)
        const name = safeSaveName(file.fileName)
        const ext = extname(name).slice(1)
        const words = WORDS[deps.locale()]
        const choice = await deps.showSaveDialog({
          title: words.title,
          defaultPath: join(deps.documentsDir(), name),
          buttonLabel: words.button,
          filters: ext ? [{ name: words.file(ext), extensions: [ext] }] : [],
        })
        if (choice.canceled || !choice.filePath) return { ok: true, result: { saved: false } }
        // The dialog answers a full path; one typed without the extension gets it back.
        if (!isAbsolute(choice.filePath)) throw new ApiError('invalid_input', 'io.failed', { file: choice.filePath, detail: 'not an absolute path' })
        const path = ext && extname(choice.filePath).toLowerCase() !== `.${ext.toLowerCase()}` ? `${choice.filePath}.${ext}` : choice.filePath
        try {
          await write(path, Buffer.from(file.base64, 'base64'))
        } catch (e) {
          throw new ApiError('io_error', 'io.failed', { file: basename(path), detail: (e as Error).message })
        }
        const token = randomUUID()
        saved.set(token, path)
        if (saved.size > REMEMBERED) saved.delete(saved.keys().next().value!)
        return { ok: true, result: { saved: true, token, path, fileName: basename(path), size: file.size } }
      } catch (e) {
        return errorEnvelope(e)
      }
    },

    async show(event, input) {
      try {
        guard(event)
        const parsed = ExportShowRequest.safeParse(input)
        if (!parsed.success) throw invalid(parsed.error.issues)
        const path = saved.get(parsed.data.token)
        if (!path) throw new ApiError('not_found', 'file.not_found')
        deps.showItemInFolder(path)
        return { ok: true, result: { shown: true } }
      } catch (e) {
        return errorEnvelope(e)
      }
    },
  }
}

/** The two channels on ipcMain (one line in app.ts). */
export function registerExportFiles(ipcMain: Pick<IpcMain, 'handle'>, deps: ExportFilesDeps): void {
  const h = createExportFileHandlers(deps)
  ipcMain.handle(EXPORT_SAVE_CHANNEL, (event, input: unknown) => h.save(event, input))
  ipcMain.handle(EXPORT_SHOW_CHANNEL, (event, input: unknown) => h.show(event, input))
}
