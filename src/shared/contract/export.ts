// Contract methods of the export area: input schemas here, result types in ExportResults.
// Merged into the one method map in ../api.ts; implemented in src/main/io/export/handlers.ts.
import type { z } from 'zod'

export const exportMethods = {} as const satisfies Record<string, { input: z.ZodType }>

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ExportResults {}
