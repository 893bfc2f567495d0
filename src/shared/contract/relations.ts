// Contract methods of the relations area: input schemas here, result types in RelationsResults.
// Merged into the one method map in ../api.ts; implemented in src/main/relations/handlers.ts.
import type { z } from 'zod'

export const relationsMethods = {} as const satisfies Record<string, { input: z.ZodType }>

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RelationsResults {}
