// The library's rows: records.list paged on demand. Pages are cached by index and
// dropped when the filter changes, so 100,000 rows cost only the pages the user actually
// scrolls past. A change re-reads only the loaded pages it could have touched (update).
// A generation number discards answers that arrive after the query they were for has changed;
// within one query a page keeps the answer to its newest ask.
import { defineStore } from 'pinia'
import { reactive, ref, shallowReactive, watch } from 'vue'
import type { ArchiveEvent, RecordSummary } from '@shared/api'
import type { RecordKind } from '@shared/domain'
import { call } from '@renderer/api'
import { useArchive } from '@renderer/stores/archive'
import { planAll, planPages, type PagePlan } from '@renderer/utils/paging'
import { affects } from '@renderer/utils/refresh'
import { touchesKinds } from '@shared/changes'

export const PAGE = 200
/** Height of one library row in pixels (the virtualizer's fixed size). */
export const ROW_HEIGHT = 40
export type SortKey = 'updatedAt' | 'date' | 'title' | 'kind'

export interface LibraryFilter {
  kinds: RecordKind[]
  batchId: string
  area: string
  tagId: string
}

export const useLibrary = defineStore('library', () => {
  const filter = reactive<LibraryFilter>({ kinds: [], batchId: '', area: '', tagId: '' })
  const sort = ref<SortKey>('updatedAt')
  const desc = ref(true)
  const total = ref(0)
  const loaded = ref(false)
  /** Where the list was scrolled, so coming back from a record returns to the same rows. */
  const scrollTop = ref(0)
  /** The rows in view when the list was last shown (kept while a record is open). */
  const inView = ref<[number, number]>([0, PAGE - 1])
  /** Whether the list is on screen. While it is not, changes only mark pages stale. */
  const shown = ref(false)
  /** Loaded pages a change may have touched while the list was not on screen. */
  const stale = new Set<number>()
  const pages = shallowReactive(new Map<number, RecordSummary[]>())
  const pending = new Map<number, Promise<void>>()
  let gen = 0
  /** When each page's shown answer was asked for (a counter): a slow load never overwrites a refresh. */
  const asked = new Map<number, number>()
  let clock = 0
  function fresher(p: number, stamp: number): boolean {
    if ((asked.get(p) ?? 0) > stamp) return false
    asked.set(p, stamp)
    return true
  }

  function query(offset: number, limit: number) {
    return {
      kinds: filter.kinds.length ? [...filter.kinds] : undefined,
      batchId: filter.batchId || undefined,
      area: filter.area || undefined,
      tagId: filter.tagId || undefined,
      sort: sort.value,
      desc: desc.value,
      offset,
      limit,
    }
  }

  function loadPage(p: number): Promise<void> {
    const existing = pending.get(p)
    if (existing) return existing
    const g = gen
    const stamp = ++clock
    const job = call('records.list', query(p * PAGE, PAGE))
      .then((res) => {
        if (g !== gen || !fresher(p, stamp)) return
        total.value = res.total
        loaded.value = true
        pages.set(p, res.items)
      })
      .finally(() => {
        if (pending.get(p) === job) pending.delete(p)
      })
    pending.set(p, job)
    return job
  }

  function rowAt(i: number): RecordSummary | undefined {
    return pages.get(Math.floor(i / PAGE))?.[i % PAGE]
  }

  /** Makes sure the rows [start, end] are loaded (or loading). */
  async function ensure(start: number, end: number): Promise<void> {
    const jobs: Promise<void>[] = []
    for (let p = Math.floor(Math.max(0, start) / PAGE); p <= Math.floor(Math.max(0, end) / PAGE); p++)
      if (!pages.has(p)) jobs.push(loadPage(p))
    await Promise.all(jobs)
  }

  /**
   * Forgets every page (filter or archive changed) and reloads the rows in view.
   * With keepRows the stale rows stay until the fresh ones arrive (no flash on live updates).
   */
  async function reset(visible: [number, number] = [0, PAGE - 1], keepRows = false): Promise<void> {
    gen++
    pending.clear()
    asked.clear()
    stale.clear()
    if (!keepRows) {
      pages.clear()
      loaded.value = false
    }
    const g = gen
    const first = Math.floor(Math.max(0, visible[0]) / PAGE)
    const last = Math.max(first, Math.floor(Math.max(0, visible[1]) / PAGE))
    const fresh = new Map<number, RecordSummary[]>()
    let count = 0
    for (let p = first; p <= last; p++) {
      const res = await call('records.list', query(p * PAGE, PAGE))
      if (g !== gen) return
      fresh.set(p, res.items)
      count = res.total
      if ((p + 1) * PAGE >= count) break
    }
    pages.clear()
    for (const [p, items] of fresh) pages.set(p, items)
    total.value = count
    loaded.value = true
  }

  /**
   * After a change: re-reads the loaded pages that could hold a changed record (sorted by
   * last change, also the page it moves to), rows on screen kept until the fresh ones arrive;
   * pages it may have shifted out of view are forgotten. `visible`: the rows in view.
   */
  async function update(e: ArchiveEvent, visible: [number, number]): Promise<void> {
    if (!affects(e, 'library') || !loaded.value) return
    // Filtered to some kinds: an edit of another kind moves no row here.
    if (filter.kinds.length && !touchesKinds(e, ...filter.kinds)) return
    const vis = [Math.floor(Math.max(0, visible[0]) / PAGE), Math.floor(Math.max(0, visible[1]) / PAGE)] as const
    const drift = sort.value === 'updatedAt' ? (desc.value ? 'top' : 'bottom') : 'fixed'
    const lastPage = Math.max(0, Math.ceil(total.value / PAGE) - 1)
    const plan = planPages({ pages, changed: e.complete ? e.ids : null, visible: vis, drift, lastPage })
    if (!shown.value) {
      // Nothing is read for a list nobody sees. Without fresh rows there is no telling where
      // a row went, so every loaded page is marked, and read when the list is shown again.
      if (plan.reload.length || plan.drop.length) for (const p of pages.keys()) stale.add(p)
      return
    }
    const moved = await apply(plan, drift === 'fixed')
    // Rows came or went, or (in a fixed order) a row left its page: where the others went
    // cannot be told, so read what is in view and forget the rest.
    if (moved && !plan.whole) await apply(planAll(pages, vis), false)
  }

  /**
   * Applies a plan. True when rows shifted: the total moved, or (`fixed`: an edit moves no row)
   * a re-read page does not hold the rows it held.
   */
  async function apply(plan: PagePlan, fixed: boolean): Promise<boolean> {
    if (!plan.reload.length && !plan.drop.length) return false
    const g = gen
    const stamp = ++clock
    const fresh = await Promise.all(plan.reload.map((p) => call('records.list', query(p * PAGE, PAGE)).then((res) => [p, res] as const)))
    if (g !== gen) return false
    const count = fresh.length ? fresh[fresh.length - 1]![1].total : total.value
    let moved = count !== total.value
    for (const [p, res] of fresh) {
      const old = pages.get(p)
      if (fixed && old && (old.length !== res.items.length || old.some((r, i) => res.items[i]?.id !== r.id))) moved = true
    }
    for (const p of plan.drop) pages.delete(p)
    for (const [p, res] of fresh) {
      if (!fresher(p, stamp)) continue
      if (res.items.length) pages.set(p, res.items)
      else pages.delete(p)
    }
    total.value = count
    return moved
  }

  /**
   * The list is shown again (back from a record): the stale pages in view are read again,
   * rows kept until the fresh ones arrive; stale pages out of view are forgotten.
   */
  async function revisit(visible: [number, number]): Promise<void> {
    if (stale.size) {
      const vis = [Math.floor(Math.max(0, visible[0]) / PAGE), Math.floor(Math.max(0, visible[1]) / PAGE)] as const
      const marked = [...stale].filter((p) => pages.has(p)).sort((a, b) => a - b)
      stale.clear()
      const plan = { reload: marked.filter((p) => p >= vis[0] && p <= vis[1]), drop: marked.filter((p) => p < vis[0] || p > vis[1]) }
      if (await apply(plan, false)) await apply(planAll(pages, vis), false)
    }
    await ensure(visible[0], visible[1])
  }

  /** Ids of rows [a, b], loading the pages they sit on. */
  async function idsBetween(a: number, b: number): Promise<string[]> {
    const [s, e] = a <= b ? [a, b] : [b, a]
    await ensure(s, e)
    const ids: string[] = []
    for (let i = s; i <= e; i++) {
      const r = rowAt(i)
      if (r) ids.push(r.id)
    }
    return ids
  }

  // The store follows every change, shown or not: coming back from a record finds the
  // loaded pages already current, with nothing to read again.
  const archive = useArchive()
  watch(
    () => archive.lastEvent,
    (e) => void (e && update(e, inView.value).catch(() => undefined)),
  )

  return { filter, sort, desc, total, loaded, scrollTop, inView, shown, pages, rowAt, ensure, reset, update, revisit, idsBetween }
})
