// Forward migrations of archive.json, one function per schema version step.
// The store backs the file up before calling migrate and validates the result.
import { SCHEMA_VERSION } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'

type Step = (doc: Record<string, unknown>) => Record<string, unknown>

/** MIGRATIONS[v] turns a version-v document into version v+1. */
const MIGRATIONS: Record<number, Step> = {}

export function migrate(raw: unknown): unknown {
  let doc = raw as Record<string, unknown>
  let v = doc.schemaVersion as number
  while (v < SCHEMA_VERSION) {
    const step = MIGRATIONS[v]
    if (!step) throw new ApiError('archive_damaged', 'archive.no_migration', { version: v })
    doc = { ...step(doc), schemaVersion: v + 1 }
    v++
  }
  return doc
}
