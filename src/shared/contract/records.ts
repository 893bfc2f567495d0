// Contract methods of the records area: input schemas here, result types in RecordsResults.
// Merged into the one method map in ../api.ts; implemented in src/main/areas/records/handlers.ts.
import { z } from 'zod'
import { AchievementRecord, BatchRecord, Id, PhotoRecord, RecordKind, ReportRecord, Retention, type ArchiveRecord } from '../domain'
import type { BatchSummary, RecordDetail, RecordSummary } from '../api'

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
/** Fields whose values are names staff retype: what records.names lists. */
export const NameField = z.enum(['people', 'organisations', 'responsible'])
export type NameField = z.infer<typeof NameField>

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

export const recordsMethods = {
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
  'batches.list': { input: empty },
  /**
   * 主题词 suggested from a report's text (title and body): nouns the text is about, the
   * archive's own names kept whole; never the words already chosen. Nothing is written. The
   * first call in a process loads the segmenter's dictionaries (~0.35 s).
   */
  'records.suggestKeywords': {
    input: z
      .object({
        text: z.string().max(200_000),
        limit: z.number().int().min(1).max(20).default(8),
        /** Words already chosen (the form's 主题词). */
        exclude: z.array(z.string().max(100)).max(200).default([]),
      })
      .strict(),
  },
  /**
   * The distinct names records hold in one field, for the pickers to offer: people (人物 of
   * reports, achievements and photos, roles in brackets kept as stored), organisations
   * (成果's 单位) or responsible (报告's 责任者). Trimmed, most used first, ties in pinyin
   * order. Sample records lend none: an invented name must not creep into real records.
   */
  'records.names': {
    input: z
      .object({
        field: NameField,
        limit: z.number().int().min(1).max(5000).default(2000),
      })
      .strict(),
  },
} as const satisfies Record<string, { input: z.ZodType }>

export interface RecordsResults {
  'records.list': { total: number; items: RecordSummary[] }
  'records.get': RecordDetail
  'records.create': ArchiveRecord
  'records.update': ArchiveRecord
  'records.delete': { id: string; linksRemoved: number }
  'records.file': ArchiveRecord
  'batches.list': BatchSummary[]
  'records.suggestKeywords': { words: string[] }
  'records.names': { names: { name: string; count: number }[] }
}
