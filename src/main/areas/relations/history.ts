// Undo/redo on top of the append-only journal. An undo commits the inverse of a step as a
// new entry marked undoOf: seq; a redo commits the inverse of that undo, marked redoOf.
// The stacks are therefore data in the archive: they are rebuilt from the journal's
// headers on every open, so they survive a reload (and a restart).
import type { HistoryState, HistoryStep, JournalQueryEntry } from '../../../shared/contract/relations'
import { ApiError } from '../../../shared/errors'
import type { Change } from '../../core/kernel/changes'
import type { ArchiveService } from '../../core/service'
import { BOOKKEEPING, type JournalHeader, type Mutation } from '../../core/store/journal'
import { same } from '../../core/same'
import { describeEntry } from './journal-detail'
export { same }

export const UNDO = 'history.undo'
export const REDO = 'history.redo'
/**
 * Steps after which there is no way back: loading the demo starts the history; a merge from
 * another archive is not undone step by step (an undo would be a new edit here, sent back to the
 * other side as one, reverting their work there too): the backup taken before it is the way back.
 */
const BARRIERS = new Set(['archive.loadDemo', 'exchange.merge'])
const MAX_DEPTH = 200

interface Stacks {
  undo: JournalHeader[]
  redo: JournalHeader[]
  /** seq → currently undone. */
  undone: Set<number>
}

const cache = new WeakMap<ArchiveService, { len: number; stacks: Stacks }>()

/** Replays the headers: normal steps push, undo pops onto redo, redo pops back. */
export function stacksOf(svc: ArchiveService): Stacks {
  const headers = svc.store.headers
  const hit = cache.get(svc)
  if (hit && hit.len === headers.length) return hit.stacks
  const s: Stacks = { undo: [], redo: [], undone: new Set() }
  // The edit an undo/redo entry ultimately stands for, so the journal marks that edit undone.
  const root = new Map<number, number>()
  const rootOf = (seq: number) => root.get(seq) ?? seq
  for (const h of headers) {
    if (h.method === UNDO && h.undoOf !== undefined) {
      const i = s.undo.findIndex((x) => x.seq === h.undoOf)
      if (i >= 0) s.undo.splice(i, 1)
      s.redo.push(h)
      root.set(h.seq, rootOf(h.undoOf))
      s.undone.add(rootOf(h.undoOf))
    } else if (h.method === REDO && h.redoOf !== undefined) {
      const i = s.redo.findIndex((x) => x.seq === h.redoOf)
      if (i >= 0) s.redo.splice(i, 1)
      root.set(h.seq, rootOf(h.redoOf))
      s.undone.delete(rootOf(h.redoOf))
      s.undo.push(h)
    } else if (h.method === UNDO || h.method === REDO) {
      continue // unmarked: not a step of its own
    } else if (BARRIERS.has(h.method)) {
      s.undo = []
      s.redo = []
    } else if (h.count > 0) {
      s.undo.push(h)
      s.redo = []
      if (s.undo.length > MAX_DEPTH) s.undo.shift()
    }
  }
  cache.set(svc, { len: headers.length, stacks: s })
  return s
}

const step = (h: JournalHeader): HistoryStep => ({ seq: h.seq, at: h.at, who: h.who, method: h.method, summary: h.summary })

function headerAt(svc: ArchiveService, seq: number): JournalHeader | undefined {
  const hs = svc.store.headers
  let lo = 0
  let hi = hs.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = hs[mid]!.seq
    if (s === seq) return hs[mid]
    if (s < seq) lo = mid + 1
    else hi = mid - 1
  }
  return undefined
}

/** The edit a history entry stands for: an undo of a redo of X is still X to the user. */
function origin(svc: ArchiveService, h: JournalHeader): JournalHeader {
  for (let i = 0; i < 1000; i++) {
    const ref = h.method === UNDO ? h.undoOf : h.method === REDO ? h.redoOf : undefined
    const next = ref !== undefined ? headerAt(svc, ref) : undefined
    if (!next) return h
    h = next
  }
  return h
}

export function historyState(svc: ArchiveService): HistoryState {
  const s = stacksOf(svc)
  const u = s.undo[s.undo.length - 1]
  const r = s.redo[s.redo.length - 1]
  return {
    canUndo: !!u,
    canRedo: !!r,
    undo: u ? step(origin(svc, u)) : null,
    redo: r ? step(origin(svc, r)) : null,
    undoDepth: s.undo.length,
    redoDepth: s.redo.length,
  }
}


const keyOf = (c: { coll: string; id: string }) => `${c.coll}\u0000${c.id}`
function current(svc: ArchiveService, c: Mutation): unknown {
  if (c.coll === 'settings') return svc.store.settings
  if (c.coll === 'counters') return svc.store.counters.get(c.id) ?? null
  return (svc.store[c.coll] as Map<string, unknown>).get(c.id) ?? null
}

/**
 * The inverse of an entry's changes, checked against the present: every item it touched
 * must still be as the entry left it, else a later step changed it and undo refuses.
 */
async function inverse(svc: ArchiveService, seq: number): Promise<Change[]> {
  const entry = await svc.store.entry(seq)
  if (!entry) throw new ApiError('not_found', 'history.unreadable', { seq })
  // The last change to each item is the state the entry left; the first one's before is what to restore.
  const first = new Map<string, Mutation>()
  const last = new Map<string, Mutation>()
  for (const c of entry.changes) {
    // A number once issued stays issued: undo gives back the photo's old state, not the 照片号.
    // Versions are stamped anew: an undo is a new change.
    if (BOOKKEEPING.has(c.coll)) continue
    if (!first.has(keyOf(c))) first.set(keyOf(c), c)
    last.set(keyOf(c), c)
  }
  const out: Mutation[] = []
  const changed: string[] = []
  for (const [k, c] of last) {
    const now = current(svc, c)
    if (!same(now, c.after ?? null)) changed.push(c.id)
    out.push({ coll: c.coll, id: c.id, before: now, after: first.get(k)!.before })
  }
  if (changed.length) throw new ApiError('conflict', 'history.changed_later', { count: changed.length }, { details: { ids: changed.slice(0, 50) } })
  // The state before the step, given back as it was (stamps included); the kernel checks
  // the rules on it like on any change.
  return out.map((m): Change => {
    if (m.coll === 'settings') return { op: 'settings', patch: m.after as never, replace: true }
    if (m.coll === 'counters') return { op: 'counter', key: m.id, value: m.after as number | null }
    const coll = m.coll as Exclude<typeof m.coll, 'versions' | 'settings' | 'counters'>
    return m.after === null ? { op: 'delete', coll, id: m.id } : { op: 'restore', coll, id: m.id, value: m.after }
  })
}

async function reverse(svc: ArchiveService, target: JournalHeader, method: string, summary: string, extra: Partial<JournalHeader>) {
  const changes = await inverse(svc, target.seq)
  const res = await svc.apply(method, summary, changes, extra)
  return { seq: res.seq, step: step(origin(svc, target)), ids: [...new Set(res.mutations.filter((m) => !BOOKKEEPING.has(m.coll) && m.coll !== 'conflicts').map((m) => m.id))], state: historyState(svc) }
}

export async function undo(svc: ArchiveService) {
  const s = stacksOf(svc)
  const top = s.undo[s.undo.length - 1]
  if (!top) throw new ApiError('conflict', 'history.nothing_to_undo')
  return reverse(svc, top, UNDO, `撤销：${origin(svc, top).summary}`, { undoOf: top.seq })
}

export async function redo(svc: ArchiveService) {
  const s = stacksOf(svc)
  const top = s.redo[s.redo.length - 1]
  if (!top) throw new ApiError('conflict', 'history.nothing_to_redo')
  return reverse(svc, top, REDO, `重做：${origin(svc, top).summary}`, { redoOf: top.seq })
}

/** The journal, newest first, with filters; each entry says whether it is currently undone and what it changed. */
export async function queryJournal(
  svc: ArchiveService,
  q: { recordId?: string; who?: string; method?: string; text?: string; from?: string; to?: string; beforeSeq?: number; limit: number },
): Promise<JournalQueryEntry[]> {
  const { undone } = stacksOf(svc)
  const text = q.text?.trim().toLowerCase()
  const out: JournalQueryEntry[] = []
  const hs = svc.store.headers
  for (let i = hs.length - 1; i >= 0 && out.length < q.limit; i--) {
    const h = hs[i]!
    if (q.beforeSeq !== undefined && h.seq >= q.beforeSeq) continue
    if (q.recordId && !h.ids.includes(q.recordId)) continue
    if (q.who && !h.who.includes(q.who)) continue
    if (q.method && !h.method.startsWith(q.method)) continue
    if (q.from && h.at < q.from) continue
    if (q.to && h.at.slice(0, q.to.length) > q.to) continue
    if (text && !h.summary.toLowerCase().includes(text) && !h.ids.some((id) => id.toLowerCase().includes(text))) continue
    out.push({ ...step(h), ids: h.ids, count: h.count, undoOf: h.undoOf ?? null, redoOf: h.redoOf ?? null, undone: undone.has(h.seq), items: [], itemCount: 0, refs: {}, records: [], recordCount: 0 })
  }
  const entries = await svc.store.entries(out.map((x) => x.seq))
  for (const x of out) {
    const e = entries.get(x.seq)
    if (!e) continue
    Object.assign(x, describeEntry(svc, e))
  }
  return out
}
