// Contract methods of the archive area (what the archive is, its settings, the demo, the
// rule check, saved searches, the plain journal list and search): input schemas here,
// result types in ArchiveResults. Merged into the one method map in ../api.ts; implemented
// in src/main/areas/archive/handlers.ts.
import { z } from 'zod'
import { Id, RecordKind, SettingsPatch, type SavedSearch, type Settings, type ThesaurusEntry } from '../domain'
import type { ErrorData } from '../errors'
import type { ArchiveInfo, JournalEntryView, SearchResult } from '../api'

const empty = z.object({}).strict()

export const archiveMethods = {
  'archive.info': { input: empty },
  /** Loads the demo archive built from the seed; refused unless the archive is empty. */
  'archive.loadDemo': { input: empty },
  /** Runs every archive rule over the whole archive and lists what breaks one. */
  'archive.verify': {
    input: z
      .object({
        limit: z.number().int().min(1).max(10000).default(1000),
        /** Also read every original and check its sha256 (slow on a large archive). */
        files: z.boolean().default(false),
      })
      .strict(),
  },
  /** Applies the mechanical repair of one rule (or of every fixable rule) as one change. */
  'archive.fix': { input: z.object({ rule: z.string().max(60).optional() }).strict() },

  'settings.get': { input: empty },
  'settings.update': { input: z.object({ patch: SettingsPatch }).strict() },

  'search.query': {
    input: z
      .object({
        q: z.string().max(1000),
        limit: z.number().int().min(1).max(1000).default(50),
        /** Hits before this rank are skipped: the UI fetches the next screenful as the user scrolls. */
        offset: z.number().int().min(0).max(100_000).default(0),
        kinds: z.array(RecordKind).optional(),
        /** Only records with every word (exports, counts): no partial matches appended. */
        strict: z.boolean().optional(),
      })
      .strict(),
  },
  /** The thesaurus shipped with the app (read-only; the office's own lines are in the settings). */
  'search.thesaurus': { input: empty },

  'savedSearches.list': { input: empty },
  'savedSearches.create': { input: z.object({ name: z.string().min(1).max(100), query: z.string().min(1).max(1000) }).strict() },
  'savedSearches.delete': { input: z.object({ id: Id }).strict() },

  'journal.list': {
    input: z
      .object({ recordId: Id.optional(), limit: z.number().int().min(1).max(1000).default(100), beforeSeq: z.number().int().optional() })
      .strict(),
  },
} as const satisfies Record<string, { input: z.ZodType }>

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

export interface ArchiveResults {
  'archive.info': ArchiveInfo
  'archive.loadDemo': ArchiveInfo
  'archive.verify': VerifyReport
  'archive.fix': { fixed: number; remaining: number }
  'settings.get': Settings
  'settings.update': Settings
  'search.query': SearchResult
  'search.thesaurus': { shipped: ThesaurusEntry[] }
  'savedSearches.list': SavedSearch[]
  'savedSearches.create': SavedSearch
  'savedSearches.delete': { id: string }
  'journal.list': JournalEntryView[]
}
