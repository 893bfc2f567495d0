// What a sync document must look like. Every item is one document `<coll>/<itemId>` carrying
// its version vector; a deletion is `value: null` (never CouchDB's _deleted, so the vector
// survives); `others` carries the versions an open conflict keeps. The server is hostile
// input like any file: every document read is checked and capped.
import { z } from 'zod'
import { Id } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { TRAVELLING, type Leaf } from './leaves'

/** A leaf as a document holds it (the name of the archive it came from is not the server's). */
export type RemoteLeaf = Omit<Leaf, 'fromName'>

export interface RemoteDoc {
  leaf: RemoteLeaf
  rev: string
  /** Versions the writer kept as an open conflict: they travel with the document so that no side's edit is lost. */
  others?: RemoteLeaf[]
}

/** CouchDB's default max_document_size; a larger "document" is not one a CouchDB would hold. */
export const MAX_DOC_CHARS = 8_000_000
export const FILE_PREFIX = 'file/'
const ITEM_PREFIXES = TRAVELLING.map((c) => `${c}/`)

const Rev = z.string().regex(/^[1-9]\d{0,9}-[0-9A-Za-z]{1,128}$/)
const ItemDoc = z.object({
  _id: z.string(),
  _rev: Rev,
  _conflicts: z.array(Rev).max(10_000).optional(),
  coll: z.enum(TRAVELLING as [Leaf['coll'], ...Leaf['coll'][]]),
  id: z.union([Id, z.string().regex(/^records\/[a-z]+[-_][A-Za-z0-9_-]{1,64}#(photoNo|filing|number)$/)]),
  vv: z
    .record(z.string().min(1).max(200), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
    .refine((v) => Object.keys(v).length <= 10_000),
  value: z.record(z.string(), z.unknown()).nullable(),
  at: z.iso.datetime({ offset: true }),
  from: z.string().min(1).max(200),
  others: z
    .array(
      z.object({
        vv: z.record(z.string().min(1).max(200), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
        value: z.record(z.string(), z.unknown()).nullable(),
        at: z.string().max(40),
        from: z.string().max(200),
      }),
    )
    .max(100)
    .optional(),
})
type ItemDoc = z.infer<typeof ItemDoc>

export const Change = z.object({
  id: z.string(),
  deleted: z.boolean().optional(),
  doc: z.unknown().optional(),
})
export const ChangesPage = z.object({ results: z.array(Change), last_seq: z.union([z.string(), z.number()]) })
export const BulkGet = z.object({
  results: z.array(z.object({ id: z.string(), docs: z.array(z.object({ ok: z.unknown().optional() }).loose()) })),
})
export const AllDocs = z.object({
  rows: z.array(
    z
      .object({
        key: z.string(),
        error: z.string().optional(),
        value: z.object({ rev: z.string(), deleted: z.boolean().optional() }).loose().nullish(),
        doc: z.unknown().optional(),
      })
      .loose(),
  ),
})
export const BulkResult = z.array(z.object({ rev: z.string().optional(), status: z.number().optional(), error: z.unknown().optional() }).loose())

export const isOurs = (id: string) => ITEM_PREFIXES.some((p) => id.startsWith(p))

/** A readable, bounded id for an error message (the id came from the server). */
export const shownId = (id: string) => (id.length > 120 ? `${id.slice(0, 120)}…` : id)

/** An item document as a leaf, or a refusal if it is not of our shape. */
export function toRemoteDoc(id: string, raw: unknown): RemoteDoc & { conflicts: string[] } {
  const bad = () => new ApiError('invalid_input', 'sync.bad_document', { id: shownId(id) })
  let size: number
  try {
    size = JSON.stringify(raw)?.length ?? 0
  } catch {
    throw bad()
  }
  if (size > MAX_DOC_CHARS) throw bad()
  const parsed = ItemDoc.safeParse(raw)
  if (!parsed.success || parsed.data._id !== id || id !== `${parsed.data.coll}/${parsed.data.id}`) throw bad()
  const d: ItemDoc = parsed.data
  // The value as the server sent it (already checked above): zod's copy would rebuild the
  // object key by key, and a key such as __proto__ must stay a plain own key.
  const value = (raw as { value: Record<string, unknown> | null }).value
  const others = (d.others ?? []).map((o) => ({ coll: d.coll, id: d.id, vv: { ...o.vv }, value: o.value, at: o.at, from: o.from }))
  return { leaf: { coll: d.coll, id: d.id, vv: { ...d.vv }, value, at: d.at, from: d.from }, rev: d._rev, conflicts: d._conflicts ?? [], ...(others.length ? { others } : {}) }
}
