// What a journal entry changed, as data the journal view puts into words: the items an
// entry touched (records with kind and title, tags, links with both ends), which fields
// changed and from what to what. The stored summary is Chinese text written at commit
// time; this is what lets the view speak the user's language and show titles, not ids.
import { refCodeFor } from '../../../shared/archival'
import type { JournalItem, JournalRef, JournalValue } from '../../../shared/contract/relations'
import type { ArchiveRecord, Filing, Link, RecordKind } from '../../../shared/domain'
import type { ArchiveService } from '../../core/service'
import { same } from '../../core/same'
import { BOOKKEEPING, type JournalEntry, type Mutation } from '../../core/store/journal'

/** Items described per entry in the list (the count says how many there were). */
export const ITEMS_PER_ENTRY = 5
const RECORDS_PER_ENTRY = 3
/** Stamps change with every edit; saying so would drown what the user changed. */
const STAMPS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'kind'])
/** Values that are not words (a file reference, camera data): said to have changed, not shown. */
const OPAQUE = new Set(['file', 'exif', 'attachments'])
const LONG = 60

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A value as the view needs it: text cut short, a filing as its 档号, files not at all. */
function value(svc: ArchiveService, key: string, v: unknown): JournalValue {
  if (OPAQUE.has(key)) return v === null || (Array.isArray(v) && !v.length) ? null : { opaque: true }
  if (key === 'filing') return v ? refCodeFor(svc.store.settings, v as Filing) : null
  if (typeof v === 'string') return v.length > LONG ? `${v.slice(0, LONG)}…` : v
  if (Array.isArray(v)) return v.slice(0, 20).map((x) => (typeof x === 'string' && x.length > LONG ? `${x.slice(0, LONG)}…` : x)) as JournalValue
  return v as JournalValue
}

function ref(svc: ArchiveService, id: string, entry: JournalEntry): JournalRef {
  const now = svc.store.records.get(id)
  if (now) return { id, kind: now.kind, title: now.title, exists: true }
  // Gone since: its title as this entry (or, failing that, nothing) knew it.
  const m = entry.changes.find((c) => c.coll === 'records' && c.id === id)
  const r = (m?.before ?? m?.after) as Partial<ArchiveRecord> | null | undefined
  return { id, kind: (r?.kind as RecordKind | undefined) ?? null, title: r?.title ?? '', exists: false }
}

/** First before and last after of each item, counters left out (a number issued is not an edit). */
function netChanges(e: JournalEntry): Mutation[] {
  const first = new Map<string, Mutation>()
  const last = new Map<string, Mutation>()
  for (const c of e.changes) {
    // Exchange bookkeeping: the entry's summary says how many conflicts a merge left.
    if (BOOKKEEPING.has(c.coll) || c.coll === 'conflicts') continue
    const k = `${c.coll}\u0000${c.id}`
    if (!first.has(k)) first.set(k, c)
    last.set(k, c)
  }
  return [...last].map(([k, c]) => ({ coll: c.coll, id: c.id, before: first.get(k)!.before, after: c.after }))
}

export function describeEntry(svc: ArchiveService, e: JournalEntry): { items: JournalItem[]; itemCount: number; refs: Record<string, string>; records: JournalRef[]; recordCount: number } {
  const refs: Record<string, string> = {}
  const items: JournalItem[] = []
  const name = (id: unknown) => {
    if (typeof id !== 'string' || id in refs) return
    const r = svc.store.records.get(id) ?? svc.store.tags.get(id) ?? svc.store.photoGroups.get(id)
    const gone = e.changes.find((c) => c.id === id)
    const then = (gone?.before ?? gone?.after) as Obj | null | undefined
    const label = r ? ('path' in r ? r.path : r.title) : ((then?.path ?? then?.title ?? '') as string)
    if (label) refs[id] = label
  }
  const net = netChanges(e)
  for (const c of net.slice(0, ITEMS_PER_ENTRY)) {
    const before = isObj(c.before) ? c.before : null
    const after = isObj(c.after) ? c.after : null
    const op = before && after ? 'update' : after ? 'create' : 'delete'
    const fields: JournalItem['fields'] = []
    if (op === 'update' && before && after)
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (STAMPS.has(key) || same(before[key] ?? null, after[key] ?? null)) continue
        for (const v of [before[key], after[key]]) {
          if (key === 'batchId' || key === 'groupId') name(v)
          if (key === 'tags' && Array.isArray(v)) v.forEach(name)
        }
        fields.push({ key, before: value(svc, key, before[key] ?? null), after: value(svc, key, after[key] ?? null) })
      }
    const item: JournalItem = { coll: c.coll as JournalItem['coll'], id: c.id, op, title: '', record: null, fields }
    const it = (after ?? before) as Obj
    if (c.coll === 'records') item.record = ref(svc, c.id, e)
    else if (c.coll === 'links') {
      const l = it as unknown as Link
      item.link = { from: ref(svc, l.from, e), to: ref(svc, l.to, e), type: l.type }
    } else if (c.coll === 'tags') item.title = String(it.path ?? '')
    else if (c.coll === 'photoGroups' || c.coll === 'savedSearches') item.title = String(it.title ?? it.name ?? '')
    items.push(item)
  }
  // 涉及: the records touched, by title (a deleted one by the title it had).
  // A step that only linked records involves the records at both ends.
  let recordIds = net.filter((c) => c.coll === 'records').map((c) => c.id)
  if (!recordIds.length)
    recordIds = [...new Set(net.filter((c) => c.coll === 'links').flatMap((c) => {
      const l = (c.after ?? c.before) as Link | null
      return l ? [l.from, l.to] : []
    }))]
  const records = recordIds.slice(0, RECORDS_PER_ENTRY).map((id) => ref(svc, id, e))
  return { items, itemCount: net.length, refs, records, recordCount: recordIds.length }
}
