// Contract methods of the export area: input schemas here, result types in ExportResults.
// Merged into the one method map in ../api.ts; implemented in src/main/areas/export/handlers.ts.
import { z } from 'zod'
import { Id } from '../domain'
import { DateField } from '../dates'
import type { Envelope } from '../api'

/** pdf is printed from the app's print view (/print/summary); run() refuses it with a hint. */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'docx', 'md', 'pdf', 'json', 'photos'] as const
export const ExportFormat = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof ExportFormat>

/** Which records: every given criterion narrows (AND); none = the whole archive. */
export const ExportScope = z
  .object({
    batchId: Id.optional(),
    /** Area id (settings.areas), e.g. education. */
    area: z.string().max(100).optional(),
    /** Inclusive date range on the record's date (YYYY, YYYY-MM or YYYY-MM-DD). */
    from: DateField.optional(),
    to: DateField.optional(),
    /** A search query in the app's query language, or the id of a saved search. */
    query: z.string().max(1000).optional(),
    savedSearchId: Id.optional(),
    /** An explicit selection (the library's). */
    ids: z.array(Id).max(100_000).optional(),
  })
  .strict()
export type ExportScope = z.input<typeof ExportScope>

export const ExportOptions = z
  .object({
    /** Summary: include linked photos with their captions. */
    photos: z.boolean().default(true),
    /** Summary: the title; else derived from the scope (batch name + 成果汇编). */
    title: z.string().max(200).optional(),
  })
  .strict()

const request = z
  .object({ format: ExportFormat, scope: ExportScope.default({}), options: ExportOptions.default({ photos: true }) })
  .strict()
export type ExportRequest = z.input<typeof request>

export const exportMethods = {
  /** What an export would contain: counts and its first rows / lines, for the dialog. */
  'export.preview': { input: request },
  /** The export itself, as bytes (base64) with its file name and MIME type. */
  'export.run': { input: request },
  /** The summary (成果汇编) as data, for the print view (PDF). */
  'export.summary': { input: z.object({ scope: ExportScope.default({}), options: ExportOptions.default({ photos: true }) }).strict() },
} as const satisfies Record<string, { input: z.ZodType }>

// ---- results ------------------------------------------------------------

export interface SummaryMetric {
  label: string
  /** Before the work, with its unit ("3.15万立方米"), or ''. */
  before: string
  /** The value with qualifier and unit, as sources write it ("5万立方米以上", "2000余人"). */
  after: string
  note: string
}

export interface SummaryPhoto {
  id: string
  title: string
  photoNo: string
  /** The caption as one sentence from its six elements. */
  caption: string
  placeholder: boolean
  mime: string
}

export interface SummaryItem {
  id: string
  title: string
  /** 时间 / 地点 / 单位 line, e.g. "时间：2024年9月；地点：阜康市". */
  facts: string
  summary: string
  metrics: SummaryMetric[]
  photos: SummaryPhoto[]
}

export interface SummarySource {
  refCode: string
  title: string
  docNumber: string
  responsible: string
  /** YYYYMMDD, as in the catalogue. */
  date: string
}

/** The 成果汇编 as data: what the docx, the Markdown and the print view render. */
export interface SummaryModel {
  title: string
  /** The scope in words: 批次、领域、日期范围、检索. */
  subtitle: string
  intro: string
  areas: { id: string; name: string; items: SummaryItem[] }[]
  sources: SummarySource[]
  generatedAt: string
}

export interface ExportPreview {
  format: ExportFormat
  /** Records the export will contain (rows of a catalogue, achievements of a summary, photos of a package). */
  count: number
  /** Records in scope left out, with why (e.g. reports not filed yet have no place in a catalogue). */
  skipped: { count: number; reason: string }[]
  /** Table formats: the header and the first rows. */
  columns: string[]
  /** The columns' widths in the exported file (characters): the preview keeps their proportions. */
  widths: number[]
  rows: string[][]
  /** Text formats: the first lines (Markdown of the summary, the JSON manifest…). */
  text: string
  fileName: string
}

export interface ExportFile {
  fileName: string
  mime: string
  size: number
  count: number
  /** The file's bytes, base64. */
  base64: string
}

export interface ExportResults {
  'export.preview': ExportPreview
  'export.run': ExportFile
  'export.summary': SummaryModel
}

// ---- the Electron host's 另存为 / 在文件夹中显示 (src/main/electron/export-files.ts) ------
// The renderer asks for an export and gets a token back; the main process runs it, asks
// where to save (its own dialog) and keeps the path. The renderer never sends a path.

export const EXPORT_SAVE_CHANNEL = 'aid-archive:export-save'
export const EXPORT_SHOW_CHANNEL = 'aid-archive:export-show'

export const ExportShowRequest = z.object({ token: z.string().uuid() }).strict()

export type ExportSaveResult =
  | { saved: false }
  | {
      saved: true
      /** Names the saved file for 在文件夹中显示. */
      token: string
      /** Where it went, for the message only. */
      path: string
      fileName: string
      size: number
    }

/** What the preload adds to window.aidArchive in Electron (the browser host downloads instead). */
export interface ExportFilesApi {
  save(request: ExportRequest): Promise<Envelope<ExportSaveResult>>
  show(token: string): Promise<Envelope<{ shown: true }>>
}
