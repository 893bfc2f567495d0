// The global search: one query string shared by the top-bar box and the results
// view. Each run carries a number so a slow answer never replaces a newer one.
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
  let seq = 0

  async function run(query = q.value, limit = 200): Promise<void> {
    const mine = ++seq
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
      failure.value = null
      active.value = 0
    } catch (e) {
      if (mine === seq) failure.value = e
    } finally {
      if (mine === seq) loading.value = false
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
    if (n) active.value = (active.value + delta + n) % n
  }

  return { q, shown, result, loading, error, active, groups, sections, ordered, counts, run, clear, move }
})
