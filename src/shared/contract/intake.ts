// Contract methods of the intake area: input schemas here, result types in IntakeResults.
// Merged into the one method map in ../api.ts; implemented in src/main/areas/intake/handlers.ts.
// Files arrive as bytes (base64) in modest batches, so the same methods serve the browser
// host and Electron (File objects from a picker or a drop work in both); paths on disk
// are taken only by the CLI, which calls the core directly.
import { z } from 'zod'
import { Caption, Id, PhotoGroup } from '../domain'
import type { ErrorData } from '../errors'

/** base64 of one file; the UI sends batches well under the bridge's 256 MB cap. */
const Upload = z
  .object({
    name: z.string().min(1).max(500),
    data: z.string().max(120 * 1024 * 1024),
    /** Caption text sent with the photo (typed, pasted, or a sidecar .txt). */
    caption: z.string().max(4000).optional(),
  })
  .strict()

export const intakeMethods = {
  /** Imports a batch of photos: per-file results, duplicates recognised by hash. */
  'intake.photos': {
    input: z.object({ files: z.array(Upload).min(1).max(200), groupId: Id.nullable().optional(), batchId: Id.nullable().optional() }).strict(),
  },
  /** Imports reports (.docx, .pdf, .txt, .md): original kept, text as body, fields suggested. */
  'intake.reports': { input: z.object({ files: z.array(Upload).min(1).max(100), batchId: Id.nullable().optional() }).strict() },
  /** Reads 时间 and 摄影者 out of a typed or pasted caption (nothing is written). */
  'intake.parseCaption': { input: z.object({ text: z.string().max(4000) }).strict() },

  /** The photo grid's tiles: all photos, or one group's (null: photos in no group), in 照片号 order. */
  'intake.photoList': {
    input: z
      .object({ groupId: Id.nullable().optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(20000).default(2000) })
      .strict(),
  },
  /**
   * A photo's width and height in pixels, read from its stored file's header when its EXIF
   * does not say (photos imported before the size was kept). Nothing is written.
   */
  'intake.photoSize': { input: z.object({ id: Id }).strict() },
  /** A CSV/XLSX 归档文件目录: preview (commit false) or write the valid rows (commit true). */
  'intake.catalogue': { input: z.object({ name: z.string().min(1).max(500), data: z.string().max(80 * 1024 * 1024), commit: z.boolean().default(false) }).strict() },
  'groups.list': { input: z.object({}).strict() },
  'groups.create': {
    input: z.object({ title: z.string().min(1).max(500), description: z.string().max(20000).optional(), photoIds: z.array(Id).max(10000).optional() }).strict(),
  },
  'groups.update': { input: z.object({ id: Id, title: z.string().min(1).max(500).optional(), description: z.string().max(20000).optional() }).strict() },
  /** Puts photos into a group; each gets the next 照片号 of the group, in the order given. */
  'groups.addPhotos': { input: z.object({ id: Id, photoIds: z.array(Id).min(1).max(10000) }).strict() },
} as const satisfies Record<string, { input: z.ZodType }>

export interface PhotoImportResult {
  imported: { id: string; name: string }[]
  duplicates: { name: string; existingId: string }[]
  /** Why each file failed, as data: the UI words it in the user's locale. */
  failed: { name: string; error: ErrorData }[]
  cancelled: boolean
}

/** What the text suggests for a report; the UI asks the user to confirm. */
export interface ReportSuggestion {
  title: string
  date: string
  docNumber: string
  responsible: string
}

export interface ReportImportResult {
  /** keywords: the 主题词 filled in (the document's own, else suggested from its text). */
  imported: { id: string; name: string; suggested: ReportSuggestion; keywords: string[]; chars: number }[]
  duplicates: { name: string; existingId: string }[]
  /** Why each file failed, as data: the UI words it in the user's locale. */
  failed: { name: string; error: ErrorData }[]
}

export interface CatalogueResult {
  /** Each header and the report field it maps to (null: ignored). */
  columns: { header: string; field: string | null }[]
  total: number
  valid: number
  /** The first valid rows as they would be written. */
  preview: { row: number; title: string; date: string; docNumber: string; responsible: string }[]
  /** Row numbers as the spreadsheet shows them (header = row 1). */
  errors: { row: number; error: ErrorData }[]
  created: number
}

export type PhotoGroupView = PhotoGroup & { count: number }

/** One tile of the photo grid: what the grid and the viewer's strip need, no more. */
export interface PhotoTile {
  id: string
  title: string
  date: string
  photoNo: string
  groupId: string | null
  createdAt: string
  updatedAt: string
  hasFile: boolean
  placeholder: boolean
}

export interface IntakeResults {
  'intake.photos': PhotoImportResult
  'intake.reports': ReportImportResult
  'intake.parseCaption': { caption: Partial<Caption>; date: string }
  'intake.photoList': { total: number; items: PhotoTile[] }
  'intake.photoSize': { width: number; height: number } | null
  'intake.catalogue': CatalogueResult
  'groups.list': PhotoGroupView[]
  'groups.create': PhotoGroupView
  'groups.update': PhotoGroupView
  'groups.addPhotos': { changed: number }
}

