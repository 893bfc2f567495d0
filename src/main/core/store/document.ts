// archive.json as a document: the empty one, reading one (validated, migrated in memory,
// never written back here) and writing one in chunks. The store keeps it as maps; this is
// its form on disk.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ArchiveDocument, SCHEMA_VERSION, defaultSettings } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { migrate } from './migrate'
import { ARCHIVE_FILE } from './names'

export function emptyDocument(): ArchiveDocument {
  return { schemaVersion: SCHEMA_VERSION, seq: 0, settings: defaultSettings(), records: [], tags: [], links: [], photoGroups: [], savedSearches: [], counters: {}, versions: [], conflicts: [] }
}

/** The problem in words for each locale; the parser's own (English) text stays in details, for developers. */
function damaged(file: string, problem: string, reason: 'archive.damaged_json' | 'archive.damaged_schema', params: Record<string, string>): ApiError {
  return new ApiError('archive_damaged', reason, { file, ...params }, { details: { file, problem } })
}

/**
 * Reads and validates an archive.json (the archive's own, or a backup): null if there is no
 * such file, archive_damaged if it is not JSON or fails the schema. A document of an older
 * schema version is migrated in memory (migratedFrom says from which); nothing is written.
 */
export async function readDocument(file: string): Promise<{ doc: ArchiveDocument; migratedFrom?: number } | null> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    if (e instanceof SyntaxError) throw damaged(file, `not valid JSON (${e.message})`, 'archive.damaged_json', { position: /position (\d+)/.exec(e.message)?.[1] ?? '?' })
    throw new ApiError('io_error', 'io.failed', { file, detail: (e as Error).message })
  }
  const version = (raw as { schemaVersion?: unknown })?.schemaVersion
  const migratedFrom = typeof version === 'number' && version < SCHEMA_VERSION ? version : undefined
  if (migratedFrom !== undefined) raw = migrate(raw)
  const parsed = ArchiveDocument.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw damaged(file, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, 'archive.damaged_schema', { path: issue?.path.join('.') || '—' })
  }
  return migratedFrom === undefined ? { doc: parsed.data } : { doc: parsed.data, migratedFrom }
}

const CHUNK = 1000

/**
 * archive.json as chunks of about a thousand items. Items are never mutated in place (a
 * change replaces the object), so the arrays taken at the start are a consistent view
 * even while new commits arrive between chunks.
 */
export function* serialiseDocument(doc: ArchiveDocument): Generator<string> {
  const { records, tags, links, photoGroups, savedSearches, versions, conflicts, ...head } = doc // head: version, seq, settings, counters
  yield JSON.stringify(head).slice(0, -1)
  const lists: [string, unknown[]][] = [['records', records], ['tags', tags], ['links', links], ['photoGroups', photoGroups], ['savedSearches', savedSearches], ['versions', versions], ['conflicts', conflicts]]
  for (const [key, list] of lists) {
    yield `,"${key}":[`
    for (let i = 0; i < list.length; i += CHUNK) yield (i ? ',' : '') + list.slice(i, i + CHUNK).map((x) => JSON.stringify(x)).join(',')
    yield ']'
  }
  yield '}'
}

/** Used by tests and the demo writer: an archive.json written in one go. */
export async function writeDocument(dir: string, doc: ArchiveDocument): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, ARCHIVE_FILE), JSON.stringify(doc))
}
