// Contract methods of the tags area: input schemas here, result types in TagsResults.
// Merged into the one method map in ../api.ts; implemented in src/main/areas/tags/handlers.ts.
import { z } from 'zod'
import { Id, type Tag } from '../domain'
import type { TagWithCount } from '../api'

const colour = z.string().regex(/^(#[0-9a-fA-F]{6})?$/, 'field.colour')

export const tagsMethods = {
  'tags.list': { input: z.object({}).strict() },
  'tags.create': { input: z.object({ path: z.string().min(1).max(200), color: colour.optional() }).strict() },
  'tags.update': { input: z.object({ id: Id, path: z.string().min(1).max(200).optional(), color: colour.optional() }).strict() },
  'tags.delete': { input: z.object({ id: Id }).strict() },
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
} as const satisfies Record<string, { input: z.ZodType }>

export interface TagsResults {
  'tags.list': TagWithCount[]
  'tags.create': Tag
  'tags.update': Tag
  'tags.delete': { id: string; recordsChanged: number }
  'tags.apply': { changed: number }
}
