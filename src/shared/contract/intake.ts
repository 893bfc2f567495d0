// Contract methods of the intake area: input schemas here, result types in IntakeResults.
// Merged into the one method map in ../api.ts; implemented in src/main/io/intake/handlers.ts.
import type { z } from 'zod'

export const intakeMethods = {} as const satisfies Record<string, { input: z.ZodType }>

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntakeResults {}
