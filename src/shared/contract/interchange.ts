// Contract methods of the interchange area: the archive out as one JSON document, records in
// from JSON. Merged into the one method map in ../api.ts; implemented in
// src/main/areas/interchange/handlers.ts.
import { z } from 'zod'
import type { ArchiveDocument } from '../domain'

export const interchangeMethods = {
  'io.exportJson': { input: z.object({}).strict() },
  /** Bulk records in the interchange format (see README): all or nothing. */
  'io.importJson': { input: z.object({ data: z.unknown() }).strict() },
} as const satisfies Record<string, { input: z.ZodType }>

export interface InterchangeResults {
  'io.exportJson': ArchiveDocument
  'io.importJson': { created: number; tags: number; links: number }
}
