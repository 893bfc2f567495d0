// Handlers of the export area's contract methods (src/shared/contract/export.ts).
// Each export is (records in scope, settings) → bytes; files are read here and passed in.
import type { ExportFile, ExportPreview, ExportFormat } from '../../../shared/contract/export'
import type { exportMethods } from '../../../shared/contract/export'
import type { ApiParsedInput } from '../../../shared/api'
import type { PhotoRecord } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import { catalogueCsv, catalogueSheets, CATALOGUE_COLUMNS, CATALOGUE_WIDTHS } from './catalogue'
import { buildManifest, docxImage, readOriginal, verifiedExts, withManifest } from './files'
import { summaryMarkdown } from './markdown'
import { CAPTION_COLUMNS, captionWidth, packageNames, readme, zipPackage } from './photo-package'
import { render } from './offthread'
import { safeFileName } from './safe-output'
import { resolveScope, type ResolvedScope } from './scope'
import { buildSummary } from './summary-model'
import type { DocxImage } from './summary-docx'

type Req = ApiParsedInput<'export.run'>
const PREVIEW_ROWS = 20
const MIME: Record<Exclude<ExportFormat, 'pdf'>, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  photos: 'application/zip',
}


function baseName(svc: ArchiveService, scope: ResolvedScope, what: string): string {
  const words = scope.words.length ? scope.words.join('-') : svc.store.settings.fondsCode
  return safeFileName(`${words}-${what}`)
}

const photosOf = (scope: ResolvedScope) => scope.records.filter((r): r is PhotoRecord => r.kind === 'photo')

export function exportHandlers(svc: ArchiveService): AreaHandlers<keyof typeof exportMethods> {
  /** The package's names, the same in preview and export: extensions from each file's bytes. */
  const photoNames = async (photos: PhotoRecord[]) =>
    packageNames(photos, await verifiedExts(svc.store.dir, photos.flatMap((p) => (p.file ? [p.file] : []))))

  const summary = async (req: Pick<Req, 'scope' | 'options'>) => {
    const scope = await resolveScope(svc, req.scope)
    return { scope, model: buildSummary(svc.store, scope, req.options) }
  }

  const preview = async (req: Req): Promise<ExportPreview> => {
    const base: ExportPreview = { format: req.format, count: 0, skipped: [], columns: [], widths: [], rows: [], text: '', fileName: '' }
    if (req.format === 'json') {
      const m = await buildManifest(svc.store.dir, svc.store.records.values())
      const text = JSON.stringify({ records: svc.store.records.size, tags: svc.store.tags.size, links: svc.store.links.size, manifest: { files: m.files.slice(0, 5) } }, null, 1)
      return { ...base, count: svc.store.records.size, text, fileName: `${svc.store.settings.fondsCode}-整库备份.json` }
    }
    const scope = await resolveScope(svc, req.scope)
    const samples = scope.samples ? [{ count: scope.samples, reason: 'sample' }] : []
    if (req.format === 'xlsx' || req.format === 'csv') {
      const { sheets, unfiled } = catalogueSheets(svc.store, scope.records)
      const rows = sheets.flatMap((s) => s.rows).slice(0, PREVIEW_ROWS).map((r) => r.map(String))
      const skipped = [...(unfiled ? [{ count: unfiled, reason: 'unfiled' }] : []), ...samples]
      return { ...base, count: sheets.reduce((n, s) => n + s.rows.length, 0), skipped, columns: [...CATALOGUE_COLUMNS], widths: [...CATALOGUE_WIDTHS], rows, fileName: `${baseName(svc, scope, '归档文件目录')}.${req.format}` }
    }
    if (req.format === 'photos') {
      const photos = photosOf(scope)
      const names = await photoNames(photos)
      const rows = photos.slice(0, PREVIEW_ROWS).map((p) => [p.photoNo, names.get(p.id) ?? '', p.title, p.caption.event, p.caption.time, p.caption.place, p.caption.people, p.caption.background, p.caption.photographer])
      const missing = photos.length - names.size
      return { ...base, count: photos.length, skipped: [...(missing ? [{ count: missing, reason: 'nofile' }] : []), ...samples], columns: CAPTION_COLUMNS.slice(0, 9) as unknown as string[], widths: CAPTION_COLUMNS.slice(0, 9).map(captionWidth), rows, fileName: `${baseName(svc, scope, '照片')}.zip` }
    }
    const model = buildSummary(svc.store, scope, req.options)
    const text = summaryMarkdown(model).split('\n').slice(0, 60).join('\n')
    const count = model.areas.reduce((n, a) => n + a.items.length, 0)
    const ext = req.format === 'pdf' ? 'pdf' : req.format
    return { ...base, count, skipped: samples, text, fileName: `${safeFileName(model.title)}.${ext}` }
  }

  const run = async (req: Req): Promise<ExportFile> => {
    if (req.format === 'pdf') throw new ApiError('invalid_input', 'export.pdf_in_app', {}, { field: 'format' })
    const p = await preview(req)
    let bytes: Uint8Array
    let count = p.count
    if (req.format === 'json') {
      const doc = withManifest(svc.store.toDocument(), await buildManifest(svc.store.dir, svc.store.records.values()))
      bytes = new TextEncoder().encode(JSON.stringify(doc, null, 1))
    } else if (req.format === 'xlsx' || req.format === 'csv') {
      const scope = await resolveScope(svc, req.scope)
      const { sheets } = catalogueSheets(svc.store, scope.records)
      bytes = req.format === 'xlsx' ? await render({ kind: 'catalogue', settings: svc.store.settings, sheets }) : catalogueCsv(sheets)
    } else if (req.format === 'photos') {
      const scope = await resolveScope(svc, req.scope)
      const photos = photosOf(scope)
      const names = await photoNames(photos)
      const entries = []
      for (const ph of photos) {
        const name = names.get(ph.id)
        if (name && ph.file) entries.push({ name, data: await readOriginal(svc.store.dir, ph.file), deflate: name.endsWith('.svg') })
      }
      const groups = new Map([...svc.store.photoGroups].filter(([id]) => photos.some((ph) => ph.groupId === id)))
      entries.push({ name: '照片说明.xlsx', data: await render({ kind: 'captions', settings: svc.store.settings, photoGroups: groups, photos, names }), deflate: false })
      entries.push({ name: '说明.txt', data: new TextEncoder().encode(readme(svc.store, photos, names)), deflate: true })
      bytes = await zipPackage(entries)
    } else {
      const { model } = await summary(req)
      count = model.areas.reduce((n, a) => n + a.items.length, 0)
      if (req.format === 'md') bytes = new TextEncoder().encode(summaryMarkdown(model))
      else {
        const images = new Map<string, DocxImage>()
        for (const it of model.areas.flatMap((a) => a.items))
          for (const ph of it.photos) {
            const rec = svc.store.records.get(ph.id)
            const img = rec?.kind === 'photo' && rec.file ? await docxImage(svc.store.dir, rec.file) : null
            if (img) images.set(ph.id, img)
          }
        bytes = await render({ kind: 'docx', model, images })
      }
    }
    return { fileName: p.fileName, mime: MIME[req.format], size: bytes.length, count, base64: Buffer.from(bytes).toString('base64') }
  }

  return {
    'export.preview': preview,
    'export.run': run,
    'export.summary': async (req) => (await summary(req)).model,
  }
}
