// ArchiveService: every method of the contract, on top of the store. Each changing
// method computes its mutations from the current state, commits them (journal fsync)
// and returns only then. No electron import here: the CLI, the browser host and the
// Electron main process all use this same class through dispatch().
import type { ApiParsedInput, ApiResult, ApiResults, Method, RecordSummary, LinkView } from '../../shared/api'
import { IMMUTABLE_FIELDS } from '../../shared/api'
import { refCodeFor } from '../../shared/archival'
import { ArchiveRecord, type Link, type Tag } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { SearchEngine } from '../search/engine'
import { currentUser, newId } from './ids'
import { nextItemNo } from './numbering'
import type { ArchiveStore } from './store/archive-store'
import type { Mutation } from './store/journal'
import { summarise } from './summaries'
import { ListCache } from './list'
import { exportDocument, importData } from '../io/json-interchange'
import { intakeHandlers } from '../io/intake/handlers'
import { exportHandlers } from '../io/export/handlers'
import { relationsHandlers } from '../relations/handlers'

export type Handlers = { [M in Method]: (input: ApiParsedInput<M>) => Promise<ApiResult<M>> }
/** The handlers of one area (its own file), merged into the service's one map. */
export type AreaHandlers<K extends Method> = { [M in K]: (input: ApiParsedInput<M>) => Promise<ApiResult<M>> }

export interface ServiceOptions {
  user?: string
  search: (store: ArchiveStore) => SearchEngine
  /** Builds the demo archive's data (resources/demo), kept out of the core's hot path. */
  demo?: () => Promise<unknown>
  /** Writes the demo's placeholder images; returns the data with file references. */
  demoFiles?: (archiveDir: string, data: unknown) => Promise<unknown>
}

export class ArchiveService {
  readonly user: string
  readonly search: SearchEngine
  private lists: ListCache

  constructor(
    readonly store: ArchiveStore,
    private readonly opts: ServiceOptions,
  ) {
    this.user = opts.user ?? currentUser()
    this.search = opts.search(store)
    this.lists = new ListCache(store)
  }

  async ready(): Promise<void> {
    await this.search.rebuild()
  }

  async close(): Promise<void> {
    await this.search.close()
    await this.store.close()
  }

  // ---- helpers -------------------------------------------------------------

  private now(): string {
    return new Date().toISOString()
  }

  record(id: string): ArchiveRecord {
    const r = this.store.records.get(id)
    if (!r) throw new ApiError('not_found', `No record with id ${id}.`, { id })
    return r
  }

  private tag(id: string): Tag {
    const t = this.store.tags.get(id)
    if (!t) throw new ApiError('not_found', `No tag with id ${id}.`, { id })
    return t
  }

  /** Validates a whole record; a failure names the field. */
  validate(candidate: unknown): ArchiveRecord {
    const parsed = ArchiveRecord.safeParse(candidate)
    if (!parsed.success) throw invalid(parsed.error.issues)
    const r = parsed.data
    this.checkRefs(r)
    return r
  }

  private checkRefs(r: ArchiveRecord): void {
    for (const t of r.tags) if (!this.store.tags.has(t)) throw new ApiError('invalid_input', `Unknown tag ${t}.`, { field: 'tags' })
    if (r.kind !== 'batch' && r.batchId) {
      const b = this.store.records.get(r.batchId)
      if (b?.kind !== 'batch') throw new ApiError('invalid_input', `batchId ${r.batchId} is not a batch.`, { field: 'batchId' })
    }
    if (r.kind === 'batch') {
      for (const other of this.store.records.values())
        if (other.kind === 'batch' && other.id !== r.id && other.number === r.number)
          throw new ApiError('conflict', `Batch number ${r.number} is already used by “${other.title}”.`, { field: 'number' })
    }
  }

  async commit(method: string, summary: string, changes: Mutation[]): Promise<void> {
    await this.store.commit(method, this.user, summary, changes)
    const recordIds = changes.filter((c) => c.coll === 'records').map((c) => c.id)
    if (recordIds.length) this.search.update(recordIds)
  }

  summary(r: ArchiveRecord): RecordSummary {
    return summarise(this.store, r)
  }

  linksOf(id: string): LinkView[] {
    const out: LinkView[] = []
    for (const l of this.store.links.values()) {
      if (l.from !== id && l.to !== id) continue
      const otherId = l.from === id ? l.to : l.from
      const other = this.store.records.get(otherId)
      if (other) out.push({ link: l, other: this.summary(other), direction: l.from === id ? 'out' : 'in' })
    }
    return out
  }

  // ---- the contract -----------------------------------------------------------

  readonly handlers: Handlers = {
    ...intakeHandlers(this),
    ...relationsHandlers(this),
    ...exportHandlers(this),
    'archive.info': async () => this.info(),
    'archive.loadDemo': async () => {
      if (this.store.records.size > 0) throw new ApiError('conflict', 'The demo can only be loaded into an empty archive.')
      if (!this.opts.demo) throw new ApiError('not_found', 'This build has no demo archive.')
      let data = await this.opts.demo()
      if (this.opts.demoFiles) data = await this.opts.demoFiles(this.store.dir, data)
      await importData(this, data, 'archive.loadDemo')
      return this.info()
    },

    'settings.get': async () => this.store.settings,
    'settings.update': async ({ patch }) => {
      const next = { ...this.store.settings, ...patch }
      await this.commit('settings.update', 'settings', [{ coll: 'settings', id: 'settings', before: this.store.settings, after: next }])
      return next
    },

    'records.list': async (q) => {
      const ids = this.lists.ids(q)
      const items = ids.slice(q.offset, q.offset + q.limit).map((id) => this.summary(this.record(id)))
      return { total: ids.length, items }
    },
    'records.get': async ({ id }) => {
      const record = this.record(id)
      return { record, summary: this.summary(record), links: this.linksOf(id), tags: record.tags.map((t) => this.tag(t)) }
    },
    'records.create': async ({ record: draft }) => {
      const now = this.now()
      const id = draft.id ?? newId(draft.kind)
      if (this.store.records.has(id)) throw new ApiError('conflict', `A record with id ${id} exists.`, { id })
      const r = this.validate({ ...draft, id, createdAt: now, updatedAt: now, createdBy: this.user, updatedBy: this.user })
      await this.commit('records.create', `新建 ${r.title}`, [{ coll: 'records', id, before: null, after: r }])
      return r
    },
    'records.update': async ({ id, patch, expectedUpdatedAt }) => {
      const before = this.record(id)
      if (expectedUpdatedAt && expectedUpdatedAt !== before.updatedAt)
        throw new ApiError('conflict', 'The record was changed elsewhere since you opened it. Reload it and apply your edit again.', {
          updatedAt: before.updatedAt,
        })
      for (const k of Object.keys(patch)) {
        if ((IMMUTABLE_FIELDS as readonly string[]).includes(k)) throw new ApiError('invalid_input', `Field ${k} cannot be changed.`, { field: k })
      }
      const shape = kindShape(before.kind)
      const unknown = Object.keys(patch).filter((k) => !(k in shape))
      if (unknown.length) throw new ApiError('invalid_input', `Unknown field(s) for a ${before.kind}: ${unknown.join(', ')}.`, { fields: unknown })
      const after = this.validate({ ...before, ...patch, updatedAt: this.now(), updatedBy: this.user })
      await this.commit('records.update', `修改 ${after.title}: ${Object.keys(patch).join(', ')}`, [{ coll: 'records', id, before, after }])
      return after
    },
    'records.delete': async ({ id }) => {
      const before = this.record(id)
      const changes: Mutation[] = [{ coll: 'records', id, before, after: null }]
      // No dangling link survives a delete; records of a deleted batch lose the reference.
      for (const l of this.store.links.values())
        if (l.from === id || l.to === id) changes.push({ coll: 'links', id: l.id, before: l, after: null })
      if (before.kind === 'batch') {
        for (const r of this.store.records.values())
          if (r.kind !== 'batch' && r.batchId === id)
            changes.push({ coll: 'records', id: r.id, before: r, after: { ...r, batchId: null, updatedAt: this.now(), updatedBy: this.user } })
      }
      await this.commit('records.delete', `删除 ${before.title}`, changes)
      return { id, linksRemoved: changes.filter((c) => c.coll === 'links').length }
    },
    'records.file': async ({ id, year, retention, orgCode }) => {
      const before = this.record(id)
      if (before.kind !== 'report') throw new ApiError('invalid_input', 'Only reports (文书) are filed with a 档号.', { kind: before.kind })
      if (before.filing) throw new ApiError('conflict', 'This report is already filed.', { filing: before.filing })
      const y = year ?? (before.date ? Number(before.date.slice(0, 4)) : NaN)
      if (!Number.isInteger(y)) throw new ApiError('invalid_input', 'The report has no date: give the 年度 to file it under.', { field: 'year' })
      const cls = { year: y, retention: retention ?? before.retention, orgCode: orgCode ?? this.store.settings.defaultOrgCode }
      const filing = { ...cls, itemNo: nextItemNo(this.store.records.values(), cls) }
      const after = this.validate({ ...before, filing, retention: cls.retention, updatedAt: this.now(), updatedBy: this.user })
      const changes: Mutation[] = [{ coll: 'records', id, before, after }]
      // Photos already linked to this report get its new 档号 as their 参见号.
      const refNo = refCodeFor(this.store.settings, filing, 'WS')
      for (const l of this.store.links.values()) {
        const otherId = l.from === id ? l.to : l.to === id ? l.from : null
        const p = otherId ? this.store.records.get(otherId) : undefined
        if (p?.kind === 'photo' && !p.refNo) changes.push({ coll: 'records', id: p.id, before: p, after: { ...p, refNo, updatedAt: this.now(), updatedBy: this.user } })
      }
      await this.commit('records.file', `归档 ${after.title}`, changes)
      return after
    },

    'tags.list': async () => {
      const counts = new Map<string, number>()
      for (const r of this.store.records.values()) for (const t of r.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
      return [...this.store.tags.values()]
        .map((t) => ({ ...t, count: counts.get(t.id) ?? 0 }))
        .sort((a, b) => a.path.localeCompare(b.path, 'zh-Hans-CN'))
    },
    'tags.create': async ({ path, color }) => {
      const norm = normTagPath(path)
      for (const t of this.store.tags.values()) if (t.path === norm) throw new ApiError('conflict', `Tag ${norm} exists.`, { id: t.id })
      const tag: Tag = { id: newId('tag'), path: norm, color: color ?? '', createdAt: this.now() }
      await this.commit('tags.create', `新建标签 ${norm}`, [{ coll: 'tags', id: tag.id, before: null, after: tag }])
      return tag
    },
    'tags.update': async ({ id, path, color }) => {
      const before = this.tag(id)
      const norm = path !== undefined ? normTagPath(path) : before.path
      for (const t of this.store.tags.values())
        if (t.path === norm && t.id !== id) throw new ApiError('conflict', `Tag ${norm} exists.`, { id: t.id })
      const after = { ...before, path: norm, color: color ?? before.color }
      await this.commit('tags.update', `修改标签 ${norm}`, [{ coll: 'tags', id, before, after }])
      // A renamed tag changes what its records are found by.
      this.search.update([...this.store.records.values()].filter((r) => r.tags.includes(id)).map((r) => r.id))
      return after
    },
    'tags.delete': async ({ id }) => {
      const before = this.tag(id)
      const changes: Mutation[] = [{ coll: 'tags', id, before, after: null }]
      for (const r of this.store.records.values())
        if (r.tags.includes(id))
          changes.push({ coll: 'records', id: r.id, before: r, after: { ...r, tags: r.tags.filter((t) => t !== id) } })
      await this.commit('tags.delete', `删除标签 ${before.path}`, changes)
      return { id, recordsChanged: changes.length - 1 }
    },
    'tags.apply': async ({ recordIds, tagIds, mode }) => {
      for (const t of tagIds) this.tag(t)
      const records = [...new Set(recordIds)].map((id) => this.record(id))
      const now = this.now()
      const changes: Mutation[] = []
      for (const r of records) {
        const tags = mode === 'add' ? [...new Set([...r.tags, ...tagIds])] : r.tags.filter((t) => !tagIds.includes(t))
        if (tags.length !== r.tags.length)
          changes.push({ coll: 'records', id: r.id, before: r, after: { ...r, tags, updatedAt: now, updatedBy: this.user } })
      }
      const names = tagIds.map((t) => this.tag(t).path).join('、')
      await this.commit('tags.apply', `${mode === 'add' ? '加标签' : '去标签'} ${names} × ${changes.length}`, changes)
      return { changed: changes.length }
    },

    'links.create': async ({ from, to, type, note }) => {
      const a = this.record(from)
      const b = this.record(to)
      if (from === to) throw new ApiError('invalid_input', 'A record cannot be linked to itself.')
      for (const l of this.store.links.values()) {
        const same = (l.from === from && l.to === to) || (l.from === to && l.to === from)
        if (same && l.type === type) throw new ApiError('conflict', 'These records are already linked this way.', { id: l.id })
      }
      const link: Link = { id: newId('link'), from, to, type, note: note ?? '', createdAt: this.now(), createdBy: this.user }
      const changes: Mutation[] = [{ coll: 'links', id: link.id, before: null, after: link }]
      // 参见号: a photo documented by a filed report points to the report's 档号.
      if (a.kind === 'photo' && b.kind === 'report' && b.filing && !a.refNo) {
        const refNo = this.summary(b).refCode
        changes.push({ coll: 'records', id: a.id, before: a, after: { ...a, refNo, updatedAt: this.now(), updatedBy: this.user } })
      }
      await this.commit('links.create', `关联 ${a.title} → ${b.title}`, changes)
      return link
    },
    'links.delete': async ({ id }) => {
      const before = this.store.links.get(id)
      if (!before) throw new ApiError('not_found', `No link with id ${id}.`, { id })
      await this.commit('links.delete', `删除关联`, [{ coll: 'links', id, before, after: null }])
      return { id }
    },

    'batches.list': async () => {
      const batches = [...this.store.records.values()].filter((r) => r.kind === 'batch')
      const stats = new Map(batches.map((b) => [b.id, { counts: { report: 0, achievement: 0, photo: 0 }, byArea: {} as Record<string, number> }]))
      for (const r of this.store.records.values()) {
        if (r.kind === 'batch' || !r.batchId) continue
        const s = stats.get(r.batchId)
        if (!s) continue
        s.counts[r.kind]++
        if (r.kind === 'achievement' && r.area) s.byArea[r.area] = (s.byArea[r.area] ?? 0) + 1
      }
      return batches.sort((a, b) => a.number - b.number).map((batch) => ({ batch, ...stats.get(batch.id)! }))
    },

    'search.query': async (input) => {
      const t0 = performance.now()
      const res = await this.search.query(input)
      const hits = res.hits.flatMap((h) => {
        const r = this.store.records.get(h.id)
        return r ? [{ id: h.id, kind: r.kind, title: r.title, score: h.score, summary: this.summary(r), highlights: h.highlights }] : []
      })
      return { query: input.q, total: res.total, hits, countsByKind: res.countsByKind, tookMs: performance.now() - t0, warnings: res.warnings, suggestions: res.suggestions }
    },

    'savedSearches.list': async () => [...this.store.savedSearches.values()],
    'savedSearches.create': async ({ name, query }) => {
      const s = { id: newId('saved'), name, query, createdAt: this.now() }
      await this.commit('savedSearches.create', `保存检索 ${name}`, [{ coll: 'savedSearches', id: s.id, before: null, after: s }])
      return s
    },
    'savedSearches.delete': async ({ id }) => {
      const before = this.store.savedSearches.get(id)
      if (!before) throw new ApiError('not_found', `No saved search with id ${id}.`, { id })
      await this.commit('savedSearches.delete', `删除检索 ${before.name}`, [{ coll: 'savedSearches', id, before, after: null }])
      return { id }
    },

    'journal.list': async ({ recordId, limit, beforeSeq }) => {
      const out: ApiResults['journal.list'] = []
      for (let i = this.store.headers.length - 1; i >= 0 && out.length < limit; i--) {
        const h = this.store.headers[i]!
        if (beforeSeq !== undefined && h.seq >= beforeSeq) continue
        if (recordId && !h.ids.includes(recordId)) continue
        out.push({ seq: h.seq, at: h.at, who: h.who, method: h.method, ids: h.ids, summary: h.summary })
      }
      return out
    },

    'io.exportJson': async () => exportDocument(this.store),
    'io.importJson': async ({ data }) => importData(this, data, 'io.importJson'),
  }

  info(): ApiResults['archive.info'] {
    const counts = { batch: 0, report: 0, achievement: 0, photo: 0, tags: this.store.tags.size, links: this.store.links.size }
    for (const r of this.store.records.values()) counts[r.kind]++
    return {
      path: this.store.dir,
      schemaVersion: 1,
      user: this.user,
      empty: this.store.records.size === 0,
      counts,
      settings: this.store.settings,
      seq: this.store.seq,
    }
  }
}

function kindShape(kind: ArchiveRecord['kind']): Record<string, unknown> {
  const opt = ArchiveRecord.options.find((o) => o.shape.kind.value === kind)
  return opt ? opt.shape : {}
}

export function normTagPath(path: string): string {
  const norm = path
    .split('/')
    .map((s) => s.trim())
    .join('/')
  if (!norm || norm.split('/').some((s) => !s)) throw new ApiError('invalid_input', `Tag path “${path}” has an empty level.`, { field: 'path' })
  return norm
}

export function invalid(issues: { path: PropertyKey[]; message: string }[]): ApiError {
  const first = issues[0]
  const field = first?.path.map(String).join('.') ?? ''
  return new ApiError('invalid_input', field ? `${field}: ${first?.message}` : (first?.message ?? 'invalid input'), {
    issues: issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  })
}
