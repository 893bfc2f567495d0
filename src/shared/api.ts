// The contract: every method any host can call, its input schema and its result type.
// Hosts (IPC, HTTP, CLI) all go through dispatch(method, input) in the core, which
// validates with these schemas, so a malformed call gets the same typed error anywhere.
import { z } from 'zod'
import {
  ArchiveRecord,
  type Settings,
  type Area,
  type Link,
  type PhotoGroup,
  type Tag,
} from './domain'
import type { ApiErrorShape } from './errors'
import { archiveMethods, type ArchiveResults } from './contract/archive'
import { recordsMethods, type RecordsResults } from './contract/records'
import { tagsMethods, type TagsResults } from './contract/tags'
import { linksMethods, type LinksResults } from './contract/links'
import { interchangeMethods, type InterchangeResults } from './contract/interchange'
import { exportMethods, type ExportFilesApi, type ExportResults } from './contract/export'
import { intakeMethods, type IntakeResults } from './contract/intake'
import { relationsMethods, type RelationsResults } from './contract/relations'
import { exchangeMethods, type ExchangeResults } from './contract/exchange'

// ---- inputs: each area's methods live in ./contract/<area>.ts ----------------

export { RecordDraft, ListQuery, IMMUTABLE_FIELDS } from './contract/records'
export type { VerifyReport, VerifyViolation } from './contract/archive'

/** Every method of every area, declared once; each area keeps its own file in ./contract. */
const methods = {
  ...archiveMethods,
  ...recordsMethods,
  ...tagsMethods,
  ...linksMethods,
  ...interchangeMethods,
  ...intakeMethods,
  ...relationsMethods,
  ...exportMethods,
  ...exchangeMethods,
} as const

export const API = methods
export type Method = keyof typeof methods
export const METHODS = Object.keys(methods) as Method[]
export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(methods, name)
}

// ---- results ------------------------------------------------------------

/** One row of the library: enough to list, filter and sort without loading bodies. */
export interface RecordSummary {
  id: string
  kind: ArchiveRecord['kind']
  title: string
  date: string
  batchId: string | null
  batchNumber: number | null
  area: string
  places: string[]
  tags: string[]
  sample: boolean
  updatedAt: string
  /** Rendered 档号 of a filed report, else ''. */
  refCode: string
  photoNo: string
  hasFile: boolean
  placeholder: boolean
}

export interface LinkView {
  link: Link
  /** The record at the other end, seen from the record asked for. */
  other: RecordSummary
  /** 'out' when the asked record is link.from (佐证 →), 'in' when it is link.to (被佐证 ←). */
  direction: 'out' | 'in'
}

export interface RecordDetail {
  record: ArchiveRecord
  summary: RecordSummary
  links: LinkView[]
  tags: Tag[]
}

export interface ArchiveInfo {
  path: string
  schemaVersion: number
  user: string
  empty: boolean
  counts: Record<ArchiveRecord['kind'], number> & { tags: number; links: number }
  settings: Settings
  seq: number
}

export interface TagWithCount extends Tag {
  count: number
}

export interface BatchSummary {
  batch: Extract<ArchiveRecord, { kind: 'batch' }>
  counts: { report: number; achievement: number; photo: number }
  byArea: Record<string, number>
}

export interface HighlightRange {
  field: string
  /** [start, end) offsets into the field's text. */
  ranges: [number, number][]
  /** The field's text, or a window of it for long bodies (offsets refer to this). */
  text: string
}

export interface SearchHit {
  id: string
  kind: ArchiveRecord['kind']
  title: string
  score: number
  summary: RecordSummary
  highlights: HighlightRange[]
  /** A partial match: the query's words this record lacks (absent when it has them all). */
  missing?: string[]
}

/**
 * A filter read from the query's own words (第四批 → batch 4, 2024年 → year 2024, a
 * closing 成果 → achievements). To take the word literally instead, quote it in the
 * query ("第四批"): quoted text is never interpreted.
 */
export interface SearchChip {
  type: 'batch' | 'year' | 'kind'
  /** The words as typed (normalised), to quote when the user removes the chip. */
  source: string
  /** batch: numbers; year: years. */
  lo?: number
  hi?: number
  kind?: ArchiveRecord['kind']
  /** The archive has no such batch: the words were searched as text instead. */
  unmatched?: boolean
}

/**
 * Something about the query the user should know: an unknown field, a value that is not one,
 * a filter nothing passes. Words in the locale files (search.warning.<code>) and the CLI's.
 */
export interface SearchWarning {
  code: 'unknown_field' | 'missing_value' | 'bad_batch' | 'bad_year' | 'bad_type' | 'bad_has' | 'no_batch' | 'no_area' | 'too_common' | 'sound'
  params: Record<string, string>
}

/** A word of the query found through other words. */
export interface SearchRewrite {
  word: string
  used: string[]
  how: 'synonym' | 'abbreviation' | 'number' | 'sound'
}

/** How the engine read a query; shown above the results. */
export interface SearchUnderstanding {
  chips: SearchChip[]
  /** Only rewrites that found something. */
  rewrites: SearchRewrite[]
  /** Function words given no weight (的, 在, 做了什么). */
  ignored: string[]
  /** Words no record has (within the filters). */
  missing: string[]
  /** The first strictTotal hits have every word; the rest (total - strictTotal) only some. */
  strictTotal: number
}

export interface SearchResult {
  query: string
  total: number
  hits: SearchHit[]
  countsByKind: Record<ArchiveRecord['kind'], number>
  tookMs: number
  /** Problems with the query (unknown field, bad range), shown to the user. */
  warnings: SearchWarning[]
  /** When nothing matched: e.g. the pinyin reading of the query. */
  suggestions: string[]
  understood: SearchUnderstanding
}

export interface JournalEntryView {
  seq: number
  at: string
  who: string
  method: string
  ids: string[]
  summary: string
}

export interface ApiResults
  extends ArchiveResults, RecordsResults, TagsResults, LinksResults, InterchangeResults, IntakeResults, RelationsResults, ExportResults, ExchangeResults {}

export type ApiInput<M extends Method> = z.input<(typeof methods)[M]['input']>
export type ApiParsedInput<M extends Method> = z.output<(typeof methods)[M]['input']>
export type ApiResult<M extends Method> = ApiResults[M]

// ---- events and media ---------------------------------------------------

/** The archive's collections, as a change event names them (the store's Collection). */
export const CHANGE_COLLS = ['records', 'tags', 'links', 'photoGroups', 'savedSearches', 'settings', 'counters', 'conflicts', 'versions'] as const
export type ChangeColl = (typeof CHANGE_COLLS)[number]

/**
 * Pushed to every window after a committed change (IPC event / server-sent event). Says what
 * changed, so each view refetches only when its data could have (see src/shared/changes.ts).
 */
export interface ChangeEvent {
  type: 'change'
  seq: number
  method: string
  /** Ids of the changed items (version bookkeeping left out), at most CHANGE_IDS_MAX. */
  ids: string[]
  /** The collections the commit changed. */
  colls: ChangeColl[]
  /** Records at either end of a created, removed or edited link, at most CHANGE_IDS_MAX. */
  refs: string[]
  /** The kinds of the changed records (a photo grid need not refetch for an edited report). */
  kinds: ArchiveRecord['kind'][]
  /** False when ids or refs were cut (a bulk change): anyone keyed on ids must assume theirs changed. */
  complete: boolean
}
export type ArchiveEvent = ChangeEvent

// ---- opening -------------------------------------------------------------

/**
 * Where a host is in opening its archive: taking the lock, reading archive.json, replaying
 * the journal, loading the search index, then ready. done/total (when known) measure the
 * phase, e.g. bytes read.
 */
export interface OpenProgress {
  phase: 'lock' | 'archive' | 'journal' | 'search' | 'ready'
  done?: number
  total?: number
}
/** What a host answers while it opens (GET /api/status, the status IPC channel): the open's error once it failed. */
export interface OpenStatus extends OpenProgress {
  error?: ApiErrorShape
}

export const MEDIA_VARIANTS = ['original', 'thumb', 'preview'] as const
export type MediaVariant = (typeof MEDIA_VARIANTS)[number]

/** What the renderer talks to; implemented over IPC (preload) and over HTTP (browser host). */
export interface ApiClient {
  call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>>
  mediaUrl(recordId: string, variant: MediaVariant): string
  onEvent(listener: (e: ArchiveEvent) => void): () => void
  /** How far the host is in opening the archive; methods are answered once it is 'ready'. */
  status(): Promise<OpenStatus>
  /** A record's original: a download link in the browser host, open/reveal in Electron. */
  files: FileAccess
}

/** What the desktop does with an original: open it in its program, or show it in its folder. */
export const FILE_ACTIONS = ['open', 'reveal'] as const
export type FileAction = (typeof FILE_ACTIONS)[number]
export interface FileAccess {
  downloadUrl?(recordId: string, sha256: string): string
  act?(action: FileAction, recordId: string, sha256: string): Promise<void>
}

/** Over IPC every answer is wrapped, so typed errors survive the structured clone. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorShape }

export const IPC_CHANNEL = 'aid-archive:call'
export const IPC_EVENT_CHANNEL = 'aid-archive:event'
export const MEDIA_SCHEME = 'aid-media'
export const IPC_FILE_CHANNEL = 'aid-archive:file'
export const IPC_STATUS_CHANNEL = 'aid-archive:status'

export type { Area, PhotoGroup }

/**
 * What the Electron preload exposes as window.aidArchive (contextBridge). The renderer
 * wraps it into an ApiClient; media URLs there are `${MEDIA_SCHEME}://media/<id>/<variant>`.
 */
export interface PreloadApi {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>
  /** The open's progress (answered at once, also while the archive opens). */
  status(): Promise<Envelope<OpenStatus>>
  onEvent(listener: (e: ArchiveEvent) => void): () => void
  /** Opens or reveals a record's original; the main process finds the file (src/main/electron/attachments.ts). */
  file(action: FileAction, recordId: string, sha256: string): Promise<Envelope<null>>
  /** Electron only: save an export where the user chooses, show it in its folder. */
  exportFiles: ExportFilesApi
}

export function electronMediaUrl(recordId: string, variant: MediaVariant): string {
  return `${MEDIA_SCHEME}://media/${encodeURIComponent(recordId)}/${variant}`
}
