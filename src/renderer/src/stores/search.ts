// The global search: one query string shared by the top-bar box and the results
// view. Each run carries a number so a slow answer never replaces a newer one. Hits
// come a screenful at a time (SEARCH_PAGE): the view asks for more as the user scrolls.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { SearchHit, SearchResult } from '@shared/api'
import type { RecordKind } from '@shared/domain'
import { call } from '@renderer/api'
import { KINDS } from '@renderer/utils/format'
import { errorMessage } from '@renderer/utils/errors'
import { splitHits } from '@renderer/utils/understood'

function byKind(hits: readonly SearchHit[]): { kind: RecordKind; hits: SearchHit[] }[] {
  const first = (kind: RecordKind) => hits.findIndex((h) => h.kind === kind)
  return KINDS.map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind) }))
    .filter((g) => g.hits.length)
    .sort((a, b) => first(a.kind) - first(b.kind))
}

/** Hits asked for at once: the first screenful, then the next as the list nears its end. */
export const SEARCH_PAGE = 50
/** A live re-run keeps the hits already shown, up to this many. */
const RERUN_MAX = 1000

export const useSearch = defineStore('search', () => {
  const q = ref('')
  const result = ref<SearchResult | null>(null)
  const loading = ref(false)
  /** The last run's error, kept as data: its words are made in the current language. */
  const failure = shallowRef<unknown>(null)
  const error = computed(() => (failure.value === null ? '' : errorMessage(failure.value)))
  /** Index into `ordered` of the hit the keyboard points at. */
  const active = ref(0)
  /** The query the app itself last wrote to the address (see components/search/search-url.ts). */
  const shown = ref('')
  /** The next screenful is on its way. */
  const loadingMore = ref(false)
  /** The query the shown result is for (q may already hold newer text). */
  let ran = ''
  let seq = 0

  /** Runs a query afresh: its first SEARCH_PAGE hits (`keep`: a live re-run, as many as were shown). */
  async function run(query = q.value, limit = SEARCH_PAGE, keep = false): Promise<void> {
    const mine = ++seq
    loadingMore.value = false
    if (!query.trim()) {
      result.value = null
      loading.value = false
      return
    }
    loading.value = true
    try {
      const res = await call('search.query', { q: query, limit })
      if (mine !== seq) return
      result.value = res
      ran = query
      failure.value = null
      if (!keep) active.value = 0
      else active.value = Math.min(active.value, Math.max(0, res.hits.length - 1))
    } catch (e) {
      if (mine === seq) failure.value = e
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** After a change: the same query again, keeping as many hits as were shown (and the place). */
  function rerun(): Promise<void> {
    const n = result.value?.hits.length ?? 0
    return run(q.value, Math.min(RERUN_MAX, Math.max(SEARCH_PAGE, n)), true)
  }

  /** Whether hits remain beyond those shown. */
  const hasMore = computed(() => !!result.value && result.value.hits.length < result.value.total)

  /** Fetches the next SEARCH_PAGE hits of the shown query and appends them. */
  async function loadMore(): Promise<void> {
    const r = result.value
    if (!r || loading.value || loadingMore.value || r.hits.length >= r.total) return
    const mine = seq
    loadingMore.value = true
    try {
      const res = await call('search.query', { q: ran, limit: SEARCH_PAGE, offset: r.hits.length })
      if (mine !== seq || result.value !== r) return
      // A change between the two asks may shift a hit across the boundary: shown once.
      const seen = new Set(r.hits.map((h) => h.id))
      result.value = { ...r, total: res.total, countsByKind: res.countsByKind, hits: [...r.hits, ...res.hits.filter((h) => !seen.has(h.id))] }
    } catch (e) {
      if (mine === seq) failure.value = e
    } finally {
      if (mine === seq) loadingMore.value = false
    }
  }

  function clear(): void {
    seq++
    q.value = ''
    shown.value = ''
    result.value = null
    failure.value = null
    loading.value = false
  }

  /**
   * Hits grouped by kind, each group in the engine's order; the group holding the best
   * hit comes first, so Enter on a fresh query opens the best match. Partial matches (the
   * hits without every word) are grouped apart and come after the others.
   */
  const sections = computed(() => {
    const { full, partial } = splitHits(result.value?.hits ?? [], result.value?.understood)
    return { full: byKind(full), partial: byKind(partial) }
  })
  /** All shown hits by kind (for the "only this kind" choice). */
  const groups = computed(() => byKind(result.value?.hits ?? []))
  /** The hits in the order they are shown, for arrow-key movement. */
  const ordered = computed<SearchHit[]>(() => [...sections.value.full, ...sections.value.partial].flatMap((g) => g.hits))
  const counts = computed<Record<RecordKind, number>>(
    () => result.value?.countsByKind ?? { batch: 0, report: 0, achievement: 0, photo: 0 },
  )

  function move(delta: number): void {
    const n = ordered.value.length
    if (!n) return
    // Down from the last shown hit fetches the next ones rather than wrapping to the top.
    if (delta > 0 && active.value + delta >= n && hasMore.value) {
      void loadMore()
      return
    }
    active.value = (active.value + delta + n) % n
    if (active.value >= n - 5) void loadMore()
  }

  return { q, shown, result, loading, loadingMore, hasMore, error, active, groups, sections, ordered, counts, run, rerun, loadMore, clear, move }
})
