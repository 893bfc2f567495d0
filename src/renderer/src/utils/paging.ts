// Long lists read page by page from the host (the library's records, the photo grid's tiles).
// After a change only the loaded pages that could hold a changed row are read again; pages
// the change may have shifted but that are out of view are forgotten and read when scrolled to.
import { shallowReactive } from 'vue'

export interface Row {
  id: string
}

/** How a list's order reacts to an edit: `top`/`bottom` sorted by last change, `fixed` otherwise. */
export type Drift = 'top' | 'bottom' | 'fixed'

export interface PagePlan {
  /** Pages to read again now (rows stay on screen until the fresh ones arrive). */
  reload: number[]
  /** Pages to forget (out of view, maybe shifted): read again when scrolled to. */
  drop: number[]
  /** Set by planAll: every loaded page is re-read or forgotten (nothing broader to fall back on). */
  whole?: true
}

export interface PlanInput {
  /** The loaded pages, index → rows. */
  pages: ReadonlyMap<number, readonly Row[]>
  /** Ids the change names; null when it cannot say (a bulk change). */
  changed: readonly string[] | null
  /** First and last page in view. */
  visible: readonly [number, number]
  drift: Drift
  /** The list's last page (where an edited row goes when sorted by last change, ascending). */
  lastPage: number
}

/** Read the pages in view again and forget the rest: for a change that cannot be placed. */
export function planAll(pages: ReadonlyMap<number, readonly Row[]>, visible: readonly [number, number]): PagePlan {
  const reload: number[] = []
  for (let p = visible[0]; p <= visible[1]; p++) reload.push(p)
  return { reload, drop: [...pages.keys()].filter((p) => p < visible[0] || p > visible[1]).sort((a, b) => a - b), whole: true }
}

/**
 * Which pages a change could have touched. A row that changed is re-read where it sits; sorted
 * by last change it also moves to the first (or last) page, shifting the rows in between by
 * one: those pages are read again if in view, else forgotten. A changed id found on no loaded
 * page (a new record, one out of the loaded range, or not a record at all) cannot be placed:
 * the pages in view are read again and the others forgotten.
 */
export function planPages(i: PlanInput): PagePlan {
  if (!i.changed) return planAll(i.pages, i.visible)
  const holding = new Set<number>()
  const ids = new Set(i.changed)
  let found = 0
  for (const [p, rows] of i.pages) {
    for (const r of rows) {
      if (!ids.has(r.id)) continue
      holding.add(p)
      found++
    }
  }
  if (!ids.size) return { reload: [], drop: [] }
  if (found < ids.size) return planAll(i.pages, i.visible)
  if (i.drift === 'fixed') return { reload: [...holding].sort((a, b) => a - b), drop: [] }
  const to = i.drift === 'top' ? 0 : i.lastPage
  const lo = Math.min(to, ...holding)
  const hi = Math.max(to, ...holding)
  const reload: number[] = []
  const drop: number[] = []
  for (const p of [...i.pages.keys()].sort((a, b) => a - b)) {
    if (p < lo || p > hi) continue
    if (holding.has(p) || p === to || (p >= i.visible[0] && p <= i.visible[1])) reload.push(p)
    else drop.push(p)
  }
  return { reload, drop }
}

/** Holes for the rows not loaded: what a virtual list indexes into. */
export function sparse<T>(pages: ReadonlyMap<number, readonly T[]>, total: number, size: number): (T | undefined)[] {
  const out = new Array<T | undefined>(total)
  for (const [p, rows] of pages) for (let j = 0; j < rows.length && p * size + j < total; j++) out[p * size + j] = rows[j]
  return out
}

export interface PageAnswer<T> {
  total: number
  items: T[]
}

/**
 * A list read page by page: `ensure` loads the pages under a range of rows, `refresh` applies a
 * plan, `reset` starts over (new filter). Answers for an older reset are dropped, and a page
 * keeps the answer to the newest ask (a slow load never overwrites a later refresh).
 */
export function usePages<T extends Row>(size: number, fetch: (offset: number, limit: number) => Promise<PageAnswer<T>>) {
  const state = shallowReactive({ total: 0, loaded: false, pages: new Map<number, T[]>() })
  const pending = new Map<number, Promise<void>>()
  /** When each page's shown answer was asked for (a counter). */
  const asked = new Map<number, number>()
  let clock = 0
  let gen = 0

  function setPage(p: number, items: T[], stamp: number): void {
    if ((asked.get(p) ?? 0) > stamp) return
    asked.set(p, stamp)
    const next = new Map(state.pages)
    next.set(p, items)
    state.pages = next
  }

  function load(p: number): Promise<void> {
    const existing = pending.get(p)
    if (existing) return existing
    const g = gen
    const stamp = ++clock
    const job = fetch(p * size, size)
      .then((res) => {
        if (g !== gen) return
        state.total = res.total
        state.loaded = true
        setPage(p, res.items, stamp)
      })
      .finally(() => {
        if (pending.get(p) === job) pending.delete(p)
      })
    pending.set(p, job)
    return job
  }

  /** Loads the pages under rows [start, end] that are not loaded yet. */
  async function ensure(start: number, end: number): Promise<void> {
    const jobs: Promise<void>[] = []
    for (let p = Math.floor(Math.max(0, start) / size); p <= Math.floor(Math.max(0, end) / size); p++) if (!state.pages.has(p)) jobs.push(load(p))
    await Promise.all(jobs)
  }

  /**
   * Applies a plan: forgets `drop`, reads `reload` again (old rows shown meanwhile). If the
   * total moved, rows shifted everywhere: every other page is forgotten too.
   */
  async function refresh(plan: PagePlan): Promise<void> {
    if (!plan.reload.length && !plan.drop.length) return
    const g = gen
    const stamp = ++clock
    const before = state.total
    const fresh = await Promise.all(plan.reload.map((p) => fetch(p * size, size).then((res) => [p, res] as const)))
    if (g !== gen) return
    const total = fresh.length ? fresh[fresh.length - 1]![1].total : before
    const next = total === before ? new Map(state.pages) : new Map<number, T[]>()
    for (const p of plan.drop) next.delete(p)
    for (const [p, res] of fresh) {
      if ((asked.get(p) ?? 0) > stamp) continue
      asked.set(p, stamp)
      if (res.items.length || p === 0) next.set(p, res.items)
    }
    for (const p of [...next.keys()]) if (p * size >= Math.max(total, 1)) next.delete(p)
    state.pages = next
    state.total = total
    state.loaded = true
  }

  /** Starts over (a new filter): the first pages in view are read, nothing else is kept. */
  async function reset(visible: readonly [number, number] = [0, 0]): Promise<void> {
    gen++
    pending.clear()
    asked.clear()
    state.pages = new Map()
    state.loaded = false
    await ensure(visible[0] * size, visible[1] * size)
  }

  const itemAt = (i: number): T | undefined => state.pages.get(Math.floor(i / size))?.[i % size]

  return { state, ensure, refresh, reset, itemAt }
}
