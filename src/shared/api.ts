// The contract: every method any host can call, its input schema and its result type.
// Hosts (IPC, HTTP, CLI) all go through dispatch(method, input) in the core, which
// validates with these schemas, so a malformed call gets the same typed error anywhere.
import { z } from 'zod'
import {
  AchievementRecord,
  ArchiveRecord,
  BatchRecord,
  Id,
  LinkType,
  PhotoRecord,
  RecordKind,
  ReportRecord,
  Retention,
  SettingsPatch,
  type Settings,
  type Area,
  type ArchiveDocument,
  type Link,
  type PhotoGroup,
  type SavedSearch,
  type Tag,
} from './domain'
import type { ApiErrorShape, ErrorData } from './errors'
import { exportMethods, type ExportResults } from './contract/export'
import { intakeMethods, type IntakeResults } from './contract/intake'
import { relationsMethods, type RelationsResults } from './contract/relations'

// ---- inputs -------------------------------------------------------------

const auto = { id: true, createdAt: true, updatedAt: true, createdBy: true, updatedBy: true } as const
/** A new record: any kind, without the fields the core fills in (id is optional, for imports). */
export const RecordDraft = z.discriminatedUnion('kind', [
  BatchRecord.omit(auto).extend({ id: Id.optional() }),
  ReportRecord.omit(auto).extend({ id: Id.optional() }),
  AchievementRecord.omit(auto).extend({ id: Id.optional() }),
  PhotoRecord.omit(auto).extend({ id: Id.optional() }),
])
export type RecordDraft = z.input<typeof RecordDraft>

const empty = z.object({}).strict()
const idInput = z.object({ id: Id }).strict()
const SortKey = z.enum(['updatedAt', 'date', 'title', 'kind'])

export const ListQuery = z
  .object({
    kinds: z.array(RecordKind).optional(),
    batchId: Id.optional(),
    area: z.string().max(100).optional(),
    tagId: Id.optional(),
    sort: SortKey.default('updatedAt'),
    desc: z.boolean().default(true),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(200),
  })
  .strict()
export type ListQuery = z.input<typeof ListQuery>

/** Fields a patch may not touch: identity and bookkeeping belong to the core. */
export const IMMUTABLE_FIELDS = ['id', 'kind', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const

const coreMethods = {
  'archive.info': { input: empty },
  /** Loads the demo archive built from the seed; refused unless the archive is empty. */
  'archive.loadDemo': { input: empty },
  /** Runs every archive rule over the whole archive and lists what breaks one. */
  'archive.verify': { input: z.object({ limit: z.number().int().min(1).max(10000).default(1000) }).strict() },
  /** Applies the mechanical repair of one rule (or of every fixable rule) as one change. */
  'archive.fix': { input: z.object({ rule: z.string().max(60).optional() }).strict() },

  'settings.get': { input: empty },
  'settings.update': { input: z.object({ patch: SettingsPatch }).strict() },

  'records.list': { input: ListQuery },
  'records.get': { input: idInput },
  'records.create': { input: z.object({ record: RecordDraft }).strict() },
  'records.update': {
    input: z
      .object({
        id: Id,
        patch: z.record(z.string(), z.unknown()),
        /** Optimistic concurrency: refuse with `conflict` if the record changed since. */
        expectedUpdatedAt: z.string().optional(),
      })
      .strict(),
  },
  'records.delete': { input: idInput },
  /** Files a report: assigns the next 件号 in its (年度, 保管期限, 机构) class. */
  'records.file': {
    input: z
      .object({
        id: Id,
        year: z.number().int().min(1900).max(2999).optional(),
        retention: Retention.optional(),
        orgCode: z.string().regex(/^[A-Z0-9]{1,8}$/).optional(),
      })
      .strict(),
  },

  'tags.list': { input: empty },
  'tags.create': {
    input: z.object({ path: z.string().min(1).max(200), color: z.string().regex(/^(#[0-9a-fA-F]{6})?$/).optional() }).strict(),
  },
  'tags.update': {
    input: z
      .object({ id: Id, path: z.string().min(1).max(200).optional(), color: z.string().regex(/^(#[0-9a-fA-F]{6})?$/).optional() })
      .strict(),
  },
  'tags.delete': { input: idInput },
  /** Adds or removes tags on many records as one change. */
  'tags.apply': {
    input: z
      .object({
        recordIds: z.array(Id).min(1).max(100000),
        tagIds: z.array(Id).min(1).max(1000),
        mode: z.enum(['add', 'remove']),
      })
      .strict(),
  },

  'links.create': {
    input: z.object({ from: Id, to: Id, type: LinkType, note: z.string().max(1000).optional() }).strict(),
  },
  'links.delete': { input: idInput },

  'batches.list': { input: empty },

  'search.query': {
    input: z
      .object({
        q: z.string().max(1000),
        limit: z.number().int().min(1).max(1000).default(50),
        kinds: z.array(RecordKind).optional(),
      })
      .strict(),
  },

  'savedSearches.list': { input: empty },
  'savedSearches.create': { input: z.object({ name: z.string().min(1).max(100), query: z.string().min(1).max(1000) }).strict() },
  'savedSearches.delete': { input: idInput },

  'journal.list': {
    input: z
      .object({ recordId: Id.optional(), limit: z.number().int().min(1).max(1000).default(100), beforeSeq: z.number().int().optional() })
      .strict(),
  },

  'io.exportJson': { input: empty },
  /** Bulk records in the interchange format (see README): all or nothing. */
  'io.importJson': { input: z.object({ data: z.unknown() }).strict() },
} as const satisfies Record<string, { input: z.ZodType }>

/** Every method of every area, declared once; each area keeps its own file in ./contract. */
const methods = { ...coreMethods, ...intakeMethods, ...relationsMethods, ...exportMethods } as const

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
}

export interface SearchResult {
  query: string
  total: number
  hits: SearchHit[]
  countsByKind: Record<ArchiveRecord['kind'], number>
  tookMs: number
  /** Problems with the query (unknown field, bad range), shown to the user. */
  warnings: string[]
  /** When nothing matched: e.g. the pinyin reading of the query. */
  suggestions: string[]
}

export interface JournalEntryView {
  seq: number
  at: string
  who: string
  method: string
  ids: string[]
  summary: string
}

/** One broken rule, as verify reports it: data for the 待办清单 and the CLI. */
export interface VerifyViolation extends ErrorData {
  rule: string
  code: 'invalid_input' | 'conflict'
  ids: string[]
  /** Titles (or tag paths) of the first items at fault, to show. */
  titles: string[]
  field?: string
  /** The rule has a one-click repair (archive.fix). */
  fixable: boolean
}

export interface VerifyReport {
  checked: number
  total: number
  byRule: Record<string, number>
  violations: VerifyViolation[]
}

export interface ApiResults extends IntakeResults, RelationsResults, ExportResults {
  'archive.info': ArchiveInfo
  'archive.loadDemo': ArchiveInfo
  'archive.verify': VerifyReport
  'archive.fix': { fixed: number; remaining: number }
  'settings.get': Settings
  'settings.update': Settings
  'records.list': { total: number; items: RecordSummary[] }
  'records.get': RecordDetail
  'records.create': ArchiveRecord
  'records.update': ArchiveRecord
  'records.delete': { id: string; linksRemoved: number }
  'records.file': ArchiveRecord
  'tags.list': TagWithCount[]
  'tags.create': Tag
  'tags.update': Tag
  'tags.delete': { id: string; recordsChanged: number }
  'tags.apply': { changed: number }
  'links.create': Link
  'links.delete': { id: string }
  'batches.list': BatchSummary[]
  'search.query': SearchResult
  'savedSearches.list': SavedSearch[]
  'savedSearches.create': SavedSearch
  'savedSearches.delete': { id: string }
  'journal.list': JournalEntryView[]
  'io.exportJson': ArchiveDocument
  'io.importJson': { created: number; tags: number; links: number }
}

export type ApiInput<M extends Method> = z.input<(typeof methods)[M]['input']>
export type ApiParsedInput<M extends Method> = z.output<(typeof methods)[M]['input']>
export type ApiResult<M extends Method> = ApiResults[M]

// ---- events and media ---------------------------------------------------

/** Pushed to every window after a committed change (IPC event / server-sent event). */
export interface ChangeEvent {
  type: 'change'
  seq: number
  method: string
  ids: string[]
}
export type ArchiveEvent = ChangeEvent

export const MEDIA_VARIANTS = ['original', 'thumb', 'preview'] as const
export type MediaVariant = (typeof MEDIA_VARIANTS)[number]

/** What the renderer talks to; implemented over IPC (preload) and over HTTP (browser host). */
export interface ApiClient {
  call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>>
  mediaUrl(recordId: string, variant: MediaVariant): string
  onEvent(listener: (e: ArchiveEvent) => void): () => void
}

/** Over IPC every answer is wrapped, so typed errors survive the structured clone. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorShape }

export const IPC_CHANNEL = 'aid-archive:call'
export const IPC_EVENT_CHANNEL = 'aid-archive:event'
export const MEDIA_SCHEME = 'aid-media'

export type { Area, PhotoGroup }

/**
 * What the Electron preload exposes as window.aidArchive (contextBridge). The renderer
 * wraps it into an ApiClient; media URLs there are `${MEDIA_SCHEME}://media/<id>/<variant>`.
 */
export interface PreloadApi {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>
  onEvent(listener: (e: ArchiveEvent) => void): () => void
}

export function electronMediaUrl(recordId: string, variant: MediaVariant): string {
  return `${MEDIA_SCHEME}://media/${encodeURIComponent(recordId)}/${variant}`
}
