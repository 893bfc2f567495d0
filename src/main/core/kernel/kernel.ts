// The one write path. Every change from every area and host comes here as a list of
// Changes and leaves as one journal entry:
//   stage (ids, who, when; each item parsed by its schema) → derive (cascades, 照片号,
//   参见号) → rules (refuse the whole change, naming the rule) → store.commit (journal
//   fsync) → feed the search index from what was committed.
// Nothing else writes the store.
import { IMMUTABLE_FIELDS } from '../../../shared/api'
import { ArchiveRecord, Conflict, EXCHANGED_COLLS, Link, PhotoGroup, SavedSearch, Settings, StoredRecord, Tag, type ItemVersion, type VersionVector } from '../../../shared/domain'
import { ApiError, type Reason } from '../../../shared/errors'
import { invalid } from '../../../shared/validation'
import { newId } from '../ids'
import { same } from '../same'
import { RULES, type Scope, type Violation } from '../rules'
import { parseRecord } from '../rules/record-schema'
import { affectedRecords } from '../store/affected'
import type { ArchiveStore, CommitInfo } from '../store/archive-store'
import type { HeaderExtra, Mutation } from '../store/journal'
import type { ArchiveReader } from '../store/reader'
import type { Change, Coll, VersionSpec } from './changes'
import { cascade, deriveRefNos, issuePhotoNos, type Stamp } from './derive'
import { Draft } from './draft'

const NOT_FOUND: Record<Coll, Reason> = {
  records: 'record.not_found',
  tags: 'tag.not_found',
  links: 'link.not_found',
  photoGroups: 'group.not_found',
  savedSearches: 'saved_search.not_found',
  conflicts: 'conflict.not_found',
}
const PREFIX = { tags: 'tag', links: 'link', photoGroups: 'group', savedSearches: 'saved' } as const
const SCHEMAS = { tags: Tag, links: Link, photoGroups: PhotoGroup, savedSearches: SavedSearch, conflicts: Conflict }

export interface Applied {
  seq: number
  /** For each change given, the id it touched (issued here for creates without one). */
  ids: string[]
  mutations: Mutation[]
  /** An item as committed. */
  get<T = unknown>(coll: Coll, id: string): T | undefined
  /** The backup taken just before, where the method takes one (its file name in backups/). */
  backup?: string | null
}

export interface KernelOptions {
  user: string
  /** Records whose index entries are stale after a commit (search). */
  onCommitted?: (recordIds: string[], info: CommitInfo) => void
}

/**
 * Methods that change or add many items at once get a backup just before (the store
 * throttles it per method). Not the demo (it loads only into an empty archive), nor photo
 * and report intake (they only add records, in chunks, each undoable).
 */
const BACKUP_BEFORE = new Set(['records.bulkDelete', 'records.bulkUpdate', 'io.importJson', 'intake.catalogue', 'archive.fix'])
/** Every merge from another archive gets its own backup, never skipped by the throttle. */
const BACKUP_ALWAYS = new Set(['exchange.merge'])

export class Kernel {
  constructor(
    private readonly store: ArchiveStore,
    private readonly opts: KernelOptions,
  ) {}

  get reader(): ArchiveReader {
    return this.store
  }
  get user(): string {
    return this.opts.user
  }

  /** Stages, derives and checks without committing: what apply would write, or its refusal. */
  plan(changes: Change[]): { draft: Draft; ids: string[]; mutations: Mutation[] } {
    const { draft, ids, given, at, s } = this.derive(changes)
    const scope = scopeOf(draft)
    for (const rule of RULES) {
      const v = rule.check(draft, scope)[0]
      if (v) throw refusal(v, at)
    }
    let mutations = mutationsOf(draft)
    const versions = this.versionsOf(mutations, given, draft, s)
    // versionsOf may have kept a conflict's other versions apart from a new one (see keepApart).
    if (draft.conflictsKeptApart) mutations = mutationsOf(draft)
    return { draft, ids, mutations: [...mutations, ...versions] }
  }

  /**
   * Every rule the changes would break, instead of refusing at the first: for a merge, which
   * mends what another archive's items break here before it applies them (by the same rules).
   * An item its schema refuses still throws, as in plan.
   */
  violations(changes: Change[]): Violation[] {
    const { draft } = this.derive(changes)
    const scope = scopeOf(draft)
    return RULES.flatMap((rule) => rule.check(draft, scope))
  }

  private derive(changes: Change[]) {
    const draft = new Draft(this.store)
    const s: Stamp = { now: new Date().toISOString(), who: this.opts.user }
    const renumber = new Set<string>()
    const at = new Map<string, string>()
    const ids = changes.map((c) => this.stage(draft, c, s, renumber, at))
    const given = new Map<string, { spec: VersionSpec; value: unknown }>()
    changes.forEach((c, i) => {
      if ((c.op === 'restore' || c.op === 'update' || c.op === 'delete') && c.version) {
        given.set(`${c.coll}/${ids[i]}`, { spec: c.version, value: draft.get(c.coll, ids[i]!) ?? null })
        if (c.version.hold) draft.hold.add(ids[i]!)
      }
    })
    // A 照片号 under an open number conflict stays withheld until the user settles it (looked
    // up only while conflicts are open: a bulk import of 100,000 photos pays nothing for it).
    if (this.store.conflicts.size) for (const id of draft.pending.records.keys()) {
      const key = `records/${id}#photoNo`
      if (this.store.conflicts.has(key) && draft.pending.conflicts.get(key) !== null) draft.hold.add(id)
    }
    cascade(draft, s)
    issuePhotoNos(draft, renumber, s)
    deriveRefNos(draft, s)
    return { draft, ids, given, at, s }
  }

  /**
   * The version of every exchanged item a change touched: this replica's clock on top of
   * the item's version, except where an item arrives exactly as another archive has it.
   */
  private versionsOf(mutations: Mutation[], given: Map<string, { spec: VersionSpec; value: unknown }>, draft: Draft, s: Stamp): Mutation[] {
    if (this.store.readOnly) return []
    const out: Mutation[] = []
    const touched = new Map<string, Mutation | null>()
    for (const m of mutations) if (travels(m)) touched.set(`${m.coll}/${m.id}`, m)
    // A version given explicitly is written even where the item did not change: an item already
    // as the other archive has it takes that archive's version; a settled conflict, a new one.
    for (const key of given.keys()) if (!touched.has(key)) touched.set(key, null)
    for (const [key, m] of touched) {
      const slash = key.indexOf('/')
      const after = m ? (m.after ?? null) : (draft.get(key.slice(0, slash) as Coll, key.slice(slash + 1)) ?? null)
      const before = this.store.versions.get(key) ?? null
      const g = given.get(key)
      let vv: VersionVector
      let at = s.now
      let by = this.store.replicaId
      if (g?.spec.keep && same(g.value, after)) {
        vv = g.spec.vv
        at = g.spec.at ?? s.now
        by = g.spec.from ?? ''
      } else {
        vv = { ...(g?.spec.vv ?? before?.vv ?? {}), [this.store.replicaId]: this.store.nextClock() }
        this.keepApart(draft, key, vv)
      }
      const next: ItemVersion = { id: key, vv, deleted: after === null, at, by }
      if (!same(before, next)) out.push({ coll: 'versions', id: key, before, after: next })
    }
    return out
  }

  /**
   * A change made here to an item with an open conflict is one more version beside the
   * others, not a settlement: this replica's new clock would otherwise claim to have seen
   * every version this replica holds, and the others would count as superseded on the next
   * exchange and be lost. So each other version takes a newer tick of this replica's clock
   * too (its content unchanged), which keeps it apart from the new one.
   */
  private keepApart(draft: Draft, key: string, vv: VersionVector): void {
    const c = draft.get('conflicts', key)
    if (!c || c.kind === 'number' || !c.leaves.length) return
    const me = this.store.replicaId
    const covered = (l: VersionVector) => Object.entries(l).every(([k, n]) => n <= (vv[k] ?? 0))
    if (!c.leaves.some((l) => covered(l.vv))) return
    const leaves = c.leaves.map((l) => (covered(l.vv) ? { ...l, vv: { ...l.vv, [me]: this.store.nextClock() } } : l))
    draft.set('conflicts', key, { ...c, leaves })
    draft.conflictsKeptApart = true
  }

  async apply(method: string, summary: string, changes: Change[], extra: HeaderExtra = {}): Promise<Applied> {
    // Before planning: nothing may await between a plan and its commit.
    const backup = BACKUP_ALWAYS.has(method) ? await this.store.backupBefore(method, true) : BACKUP_BEFORE.has(method) ? await this.store.backupBefore(method) : undefined
    const { draft, ids, mutations } = this.plan(changes)
    const get = <T>(coll: Coll, id: string) => draft.get(coll, id) as T | undefined
    if (!mutations.length) return { seq: this.store.seq, ids, mutations, get, backup }
    const info = await this.store.commit(method, this.opts.user, summary, mutations, extra)
    this.opts.onCommitted?.(affectedRecords(this.store, mutations), info)
    return { seq: info.seq, ids, mutations, get, backup }
  }

  private stage(draft: Draft, c: Change, s: Stamp, renumber: Set<string>, at: Map<string, string>): string {
    const fail = (e: ApiError) => (c.op !== 'counter' && c.at ? e.under(c.at) : e)
    switch (c.op) {
      case 'counter':
        draft.counters.set(c.key, c.value)
        return c.key
      case 'settings': {
        const next = Settings.safeParse(c.replace ? c.patch : { ...draft.settings, ...c.patch })
        if (!next.success) throw fail(invalid(next.error.issues))
        draft.settings = next.data
        draft.settingsChanged = true
        return 'settings'
      }
      case 'delete': {
        // A deletion from an exchange for an item this archive does not have: only its tombstone is kept.
        if (!draft.get(c.coll, c.id) && c.version) return c.id
        if (!draft.get(c.coll, c.id)) throw fail(new ApiError('not_found', NOT_FOUND[c.coll], { id: c.id }, { field: 'id' }))
        draft.set(c.coll, c.id, null)
        if (c.at) at.set(c.id, c.at)
        return c.id
      }
      case 'restore': {
        const schema = c.coll === 'records' ? StoredRecord : (SCHEMAS[c.coll] as unknown as typeof Tag)
        const parsed = schema.safeParse(c.value)
        if (!parsed.success) throw fail(invalid(parsed.error.issues))
        draft.set(c.coll, c.id, parsed.data as never)
        if (c.at) at.set(c.id, c.at)
        return c.id
      }
      case 'create': {
        const kind = c.coll === 'records' && typeof c.value.kind === 'string' ? (c.value.kind as ArchiveRecord['kind']) : null
        const given = typeof c.value.id === 'string' ? c.value.id : undefined
        const id = given ?? newId(c.coll === 'records' ? (kind ?? ('record' as never)) : PREFIX[c.coll as keyof typeof PREFIX])
        if (draft.get(c.coll, id)) throw fail(new ApiError('conflict', c.coll === 'records' ? 'record.exists' : 'field.invalid', { id }, { field: 'id' }))
        const stamped =
          c.coll === 'records'
            ? { ...c.value, id, createdAt: s.now, updatedAt: s.now, createdBy: s.who, updatedBy: s.who }
            : c.coll === 'links'
              ? { ...c.value, id, createdAt: s.now, createdBy: s.who }
              : { ...c.value, id, createdAt: s.now }
        draft.set(c.coll, id, this.parse(c.coll, stamped, fail) as never)
        if (c.at) at.set(id, c.at)
        return id
      }
      case 'update': {
        const cur = draft.get(c.coll, c.id)
        if (!cur) throw fail(new ApiError('not_found', NOT_FOUND[c.coll], { id: c.id }, { field: 'id' }))
        const patch = { ...c.patch }
        if (c.coll === 'records') {
          checkPatch(cur as ArchiveRecord, patch, fail)
          // photoNo: null asks for a new number from the sequence (see issuePhotoNos).
          if (patch.photoNo === null) {
            patch.photoNo = ''
            renumber.add(c.id)
          }
        }
        const next = c.coll === 'records' ? { ...cur, ...patch, updatedAt: s.now, updatedBy: s.who } : { ...cur, ...patch }
        draft.set(c.coll, c.id, this.parse(c.coll, next, fail) as never)
        if (c.at) at.set(c.id, c.at)
        return c.id
      }
    }
  }

  private parse(coll: Coll, value: unknown, fail: (e: ApiError) => ApiError): unknown {
    if (coll === 'records') {
      const p = parseRecord(value)
      if (!p.ok) {
        const first = p.issues[0]!
        throw fail(new ApiError('invalid_input', first.reason, first.params ?? {}, { field: first.path, issues: p.issues }))
      }
      return p.record
    }
    const r = SCHEMAS[coll].safeParse(value)
    if (!r.success) throw fail(invalid(r.error.issues))
    return r.data
  }
}

/** Identity and bookkeeping belong to the kernel; a patch names only fields of its kind. */
function checkPatch(cur: ArchiveRecord, patch: Record<string, unknown>, fail: (e: ApiError) => ApiError): void {
  for (const k of Object.keys(patch)) {
    if ((IMMUTABLE_FIELDS as readonly string[]).includes(k)) throw fail(new ApiError('invalid_input', 'field.immutable', {}, { field: k }))
  }
  const shape = kindShape(cur.kind)
  const unknown = Object.keys(patch).filter((k) => !Object.prototype.hasOwnProperty.call(shape, k))
  // Placed on the patch, not on the key: it is no field of this kind, and a key such as
  // constructor or toString is not a name to look up among the field labels.
  if (unknown.length) throw fail(new ApiError('invalid_input', 'field.unknown_for_kind', { fields: unknown.join(', ') }))
}

function kindShape(kind: ArchiveRecord['kind']): Record<string, unknown> {
  const opt = ArchiveRecord.options.find((o) => o.shape.kind.value === kind)
  return opt ? opt.shape : {}
}

/**
 * What carries a version: the items archives exchange, and number conflicts (a clash only
 * the archive that met both numbers can see: its finding travels, and so does its settling).
 */
function travels(m: Mutation): boolean {
  if ((EXCHANGED_COLLS as readonly string[]).includes(m.coll)) return true
  return m.coll === 'conflicts' && ((m.after ?? m.before) as Conflict | null)?.kind === 'number'
}

function scopeOf(draft: Draft): Scope {
  const deltas = <C extends Coll>(coll: C) =>
    [...draft.pending[coll]].map(([id, after]) => ({ id, before: draft.before(coll, id), after: after ?? undefined }))
  return { records: deltas('records'), links: deltas('links'), tags: deltas('tags'), groups: deltas('photoGroups'), whole: false } as Scope
}

function mutationsOf(draft: Draft): Mutation[] {
  const out: Mutation[] = []
  if (draft.settingsChanged && !same(draft.settings, draft.store.settings))
    out.push({ coll: 'settings', id: 'settings', before: draft.store.settings, after: draft.settings })
  for (const coll of ['tags', 'photoGroups', 'records', 'links', 'savedSearches', 'conflicts'] as const) {
    for (const [id, after] of draft.pending[coll]) {
      const before = draft.before(coll, id) ?? null
      if (!same(before, after)) out.push({ coll, id, before, after })
    }
  }
  for (const [key, value] of draft.counters) {
    const before = draft.store.counters.get(key) ?? null
    if (before !== value) out.push({ coll: 'counters', id: key, before, after: value })
  }
  return out
}

/** Records whose search entries a commit made stale: themselves, link ends, carriers of a renamed tag. */
function refusal(v: Violation, at: Map<string, string>): ApiError {
  const prefix = at.get(v.ids[0] ?? '')
  const field = v.field ? (prefix ? `${prefix}.${v.field}` : v.field) : prefix
  return new ApiError(v.code, v.reason, v.params, {
    rule: v.rule,
    ...(field ? { field, issues: [{ path: field, reason: v.reason, params: v.params }] } : {}),
    details: { ids: v.ids.slice(0, 50) },
  })
}
