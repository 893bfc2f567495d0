// Contract methods of the relations area: input schemas here, result types in RelationsResults.
// Merged into the one method map in ../api.ts; implemented in src/main/areas/relations/handlers.ts.
import { z } from 'zod'
import { Id, type ArchiveRecord, type Link, type LinkType, type Metric, type RecordKind } from '../domain'
import type { RecordSummary } from '../api'

const empty = z.object({}).strict()
const ids = z.array(Id).min(1).max(100000)

export const relationsMethods = {
  /** Reverses the newest undoable step as a new journal entry (the journal stays append-only). */
  'history.undo': { input: empty },
  /** Reverses the newest undo, again as a new entry. */
  'history.redo': { input: empty },
  'history.state': { input: empty },
  /** The journal with filters (who, method, text, date range, record). */
  'journal.query': {
    input: z
      .object({
        recordId: Id.optional(),
        who: z.string().max(200).optional(),
        method: z.string().max(100).optional(),
        text: z.string().max(200).optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        beforeSeq: z.number().int().optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  },
  /** The whole 延续 chain an achievement belongs to, in batch order, with metrics side by side. */
  'relations.chain': { input: z.object({ id: Id }).strict() },
  /** A record's neighbourhood: its links and their links (depth 1 or 2). */
  'relations.graph': { input: z.object({ id: Id, depth: z.number().int().min(1).max(2).default(2) }).strict() },
  /** Achievements with no 佐证 (evidence) link. */
  'relations.unbacked': { input: z.object({ batchId: Id.optional() }).strict() },
  /** Photos and reports linked to nothing. */
  'relations.orphans': { input: z.object({ batchId: Id.optional() }).strict() },
  'batches.detail': { input: z.object({ id: Id }).strict() },
  /** Per-batch comparison: achievements per area, metrics by label, a timeline by month. */
  'batches.compare': { input: empty },
  /** Moves many records to a batch and/or an area as one step (null batchId: no batch). */
  'records.bulkUpdate': {
    input: z
      .object({ ids, patch: z.object({ batchId: Id.nullable().optional(), area: z.string().max(100).optional() }).strict() })
      .strict(),
  },
  /** Deletes many records and every link touching them as one step. */
  'records.bulkDelete': { input: z.object({ ids }).strict() },
} as const satisfies Record<string, { input: z.ZodType }>

export interface HistoryStep {
  seq: number
  at: string
  who: string
  method: string
  summary: string
}
export interface HistoryState {
  canUndo: boolean
  canRedo: boolean
  /** What Ctrl+Z would undo / Ctrl+Shift+Z would redo. */
  undo: HistoryStep | null
  redo: HistoryStep | null
  undoDepth: number
  redoDepth: number
}
export interface HistoryResult {
  seq: number
  /** The step that was reversed. */
  step: HistoryStep
  ids: string[]
  state: HistoryState
}

/** A field's value in a journal entry: as stored, long text cut short; a file is only said to be there. */
export type JournalValue = string | number | boolean | null | JournalValue[] | { [key: string]: JournalValue } | { opaque: true }

/** A record an entry touched, by title; one deleted since keeps the title the journal knew. */
export interface JournalRef {
  id: string
  kind: RecordKind | null
  title: string
  exists: boolean
}

/** One item an entry changed, for the journal view to put into words. */
export interface JournalItem {
  coll: 'records' | 'tags' | 'links' | 'photoGroups' | 'savedSearches' | 'settings'
  id: string
  op: 'create' | 'update' | 'delete'
  /** records: the record. */
  record: JournalRef | null
  /** links: both ends and the type. */
  link?: { from: JournalRef; to: JournalRef; type: LinkType }
  /** tags: the path; photo groups, saved searches: the name. */
  title: string
  /** update: the fields that changed (bookkeeping stamps left out). */
  fields: { key: string; before: JournalValue; after: JournalValue }[]
}

export interface JournalQueryEntry extends HistoryStep {
  ids: string[]
  count: number
  /** The first items the entry changed, and how many it changed. */
  items: JournalItem[]
  itemCount: number
  /** Titles (records, photo groups) and paths (tags) of ids found in the items' values. */
  refs: Record<string, string>
  /** 涉及: the first records touched, and how many it touched. */
  records: JournalRef[]
  recordCount: number
  undoOf: number | null
  redoOf: number | null
  /** This step is currently undone (its undo has not been redone). */
  undone: boolean
}

export interface ChainLink {
  summary: RecordSummary
  batchTitle: string
  metrics: Metric[]
}
export interface ChainResult {
  /** Earliest batch first. */
  items: ChainLink[]
  links: Link[]
  /** One row per metric label; cells follow items (null where that batch has no such metric). */
  metrics: { label: string; cells: (Metric | null)[] }[]
}

export interface GraphResult {
  center: string
  nodes: (RecordSummary & { depth: number })[]
  edges: Link[]
}

/** A metric label summed over records; mixed units are listed apart, never summed. */
export interface MetricTotal {
  label: string
  unit: string
  /** null where values are ratios (%, ‰) of several records: those are never added up. */
  total: number | null
  /** How exact the total is (5万以上 + 3万 is 8万以上): see totalQualifier in shared/metrics.ts. */
  qualifier: Metric['qualifier']
  count: number
  ids: string[]
  /** The same label occurs with other units too: shown apart, not added. */
  mixed: boolean
}

export interface BatchDetail {
  batch: Extract<ArchiveRecord, { kind: 'batch' }>
  byArea: { area: string; items: RecordSummary[] }[]
  metrics: MetricTotal[]
  photos: RecordSummary[]
  reports: RecordSummary[]
}

export interface BatchCompare {
  batches: { id: string; number: number; title: string; sample: boolean }[]
  areas: string[]
  /** area → batch id → achievement ids. */
  byArea: Record<string, Record<string, string[]>>
  /** One series per metric label (and unit) found in more than one record. */
  metrics: { label: string; unit: string; points: Record<string, { total: number | null; qualifier: Metric['qualifier']; ids: string[] }> }[]
  /** YYYY-MM → kind → ids (achievements and photos). */
  timeline: { month: string; achievement: string[]; photo: string[] }[]
}

export interface RelationsResults {
  'history.undo': HistoryResult
  'history.redo': HistoryResult
  'history.state': HistoryState
  'journal.query': JournalQueryEntry[]
  'relations.chain': ChainResult
  'relations.graph': GraphResult
  'relations.unbacked': RecordSummary[]
  'relations.orphans': RecordSummary[]
  'batches.detail': BatchDetail
  'batches.compare': BatchCompare
  'records.bulkUpdate': { changed: number }
  'records.bulkDelete': { deleted: number; linksRemoved: number }
}
