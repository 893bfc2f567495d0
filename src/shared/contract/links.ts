// Contract methods of the links area: input schemas here, result types in LinksResults.
// Merged into the one method map in ../api.ts; implemented in src/main/areas/links/handlers.ts.
import { z } from 'zod'
import { Id, LinkType, type Link } from '../domain'

export const linksMethods = {
  'links.create': { input: z.object({ from: Id, to: Id, type: LinkType, note: z.string().max(1000).optional() }).strict() },
  'links.delete': { input: z.object({ id: Id }).strict() },
  /** Links every record of a selection to one target as one step; existing links are skipped. */
  'links.bulkCreate': {
    input: z
      .object({
        ids: z.array(Id).min(1).max(100000),
        target: Id,
        type: LinkType,
        /** 'out': each selected record → target (e.g. photo 佐证 achievement); 'in': target → each. */
        direction: z.enum(['out', 'in']).default('out'),
        note: z.string().max(1000).optional(),
      })
      .strict(),
  },
} as const satisfies Record<string, { input: z.ZodType }>

export interface LinksResults {
  'links.create': Link
  'links.delete': { id: string }
  'links.bulkCreate': { created: number; skipped: number }
}
