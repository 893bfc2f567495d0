// Contract methods of the exchange area: transfer packages (.aidpkg) between workstations,
// sync through a CouchDB server, and the conflicts both leave for the user. Merged into the
// one method map in ../api.ts; implemented in src/main/areas/exchange/handlers.ts.
import { z } from 'zod'
import { Id, type RecordKind } from '../domain'

/** The collections that travel between archives (settings and counters stay local). */
export const EXCHANGED = ['records', 'tags', 'links', 'photoGroups', 'savedSearches'] as const
export type ExchangedColl = (typeof EXCHANGED)[number]

/** A destination's name as the office calls it: 后方办公室, 奇台工作组, a USB stick's label. */
const Destination = z.string().trim().min(1).max(100)

export const PackScope = z
  .object({
    /** Only this batch: the batch record and what belongs to it (with their tags, links, groups). */
    batchId: Id.optional(),
    /** Only these records (the library's selection), with their tags, links and groups. */
    ids: z.array(Id).min(1).max(100_000).optional(),
    /** Only what changed since the last package made for this destination. */
    sinceLast: Destination.optional(),
  })
  .strict()
export type PackScope = z.input<typeof PackScope>

/** How a conflict is settled. */
export const Resolution = z.discriminatedUnion('take', [
  /** Keep the version this archive shows now. */
  z.object({ take: z.literal('current') }).strict(),
  /** Take another version whole (others[index]); for a deletion, the item is deleted. */
  z.object({ take: z.literal('other'), index: z.number().int().min(0).max(99).default(0) }).strict(),
  /** Field by field: each named field from the other version, the rest as now. */
  z
    .object({ take: z.literal('fields'), index: z.number().int().min(0).max(99).default(0), fields: z.array(z.string().min(1).max(60)).min(1).max(100) })
    .strict(),
  /** A number collision: this number (a 照片号, a 件号 or a batch number, as text); '' issues the next free one. */
  z.object({ take: z.literal('number'), value: z.string().trim().max(50) }).strict(),
])
export type Resolution = z.input<typeof Resolution>

export const exchangeMethods = {
  /** This archive's identity for exchange, open conflicts, destinations packed for, sync servers used. */
  'exchange.info': { input: z.object({}).strict() },
  /** A transfer package as bytes (base64), and a note of what it holds. */
  'exchange.pack': { input: z.object({ scope: PackScope.default({}), destination: Destination.optional() }).strict() },
  /** Reads a package (base64) and says what applying it would do; nothing changes. */
  'exchange.preview': { input: z.object({ data: z.string().min(1).max(400_000_000), name: z.string().max(500).default('') }).strict() },
  /** Applies a package read by preview (by the id preview returned). */
  'exchange.apply': { input: z.object({ packageId: z.string().regex(/^[0-9a-f]{64}$/) }).strict() },
  /** The open conflicts, each with every version side by side. */
  'exchange.conflicts': { input: z.object({}).strict() },
  'exchange.resolve': { input: z.object({ id: z.string().min(1).max(300), resolution: Resolution }).strict() },
  /**
   * Sync with a CouchDB database (URL names the database). Credentials come with the call
   * and are never stored; the URL (without them) is remembered beside the archive.
   */
  'exchange.sync': {
    input: z
      .object({
        url: z.string().url().max(2000),
        username: z.string().max(200).optional(),
        password: z.string().max(500).optional(),
      })
      .strict(),
  },
} as const satisfies Record<string, { input: z.ZodType }>

// ---- results ------------------------------------------------------------

export interface MergeCounts {
  /** Items this archive did not have. */
  added: number
  /** Items changed on the other side only, taken. */
  updated: number
  /** Deletions taken. */
  deleted: number
  /** Items already the same here (or newer here). */
  unchanged: number
  /** New conflicts (changed on both sides, or a number both sides gave out). */
  conflicts: number
  /** Files copied into the archive (verified by sha256). */
  files: number
}

export interface PreviewItem {
  change: 'added' | 'updated' | 'deleted' | 'conflict'
  coll: ExchangedColl
  id: string
  title: string
  recordKind?: RecordKind
}

export interface ConflictVersion {
  /** The item as that version has it; null: deleted there. */
  value: Record<string, unknown> | null
  /** The archive the version came from (its id and name), where known. */
  from: string
  fromName: string
  at: string
}

export interface ConflictView {
  id: string
  kind: 'edit' | 'delete' | 'number'
  coll: ExchangedColl
  itemId: string
  title: string
  recordKind?: RecordKind
  /** The version the archive shows now (null: deleted here). */
  current: Record<string, unknown> | null
  others: ConflictVersion[]
  /** Fields that differ between current and others[0] (stamps left out). */
  fields: string[]
  /** A number collision: which number, who keeps it, what to give this record instead. */
  number?: { field: 'photoNo' | 'filing' | 'number'; value: string; holderId: string; holderTitle: string; suggestion: string }
  at: string
}

export interface ExchangeResults {
  'exchange.info': {
    archiveId: string
    name: string
    conflicts: number
    destinations: { name: string; at: string; items: number }[]
    syncs: { url: string; at: string }[]
  }
  'exchange.pack': { name: string; mime: string; data: string; items: number; files: number; bytes: number }
  'exchange.preview': {
    packageId: string
    source: { archiveId: string; name: string; createdAt: string }
    counts: MergeCounts
    /** The first items of each kind of change (at most 200 in all). */
    items: PreviewItem[]
  }
  'exchange.apply': { seq: number; counts: MergeCounts; backup: string | null }
  'exchange.conflicts': ConflictView[]
  'exchange.resolve': { seq: number; remaining: number }
  'exchange.sync': { pulled: MergeCounts; pushed: number; seq: number }
}
