// The archive as the whole app sees it: info, settings, and the small lists the
// sidebar, filters and forms share (batches, tags, saved searches). A change event
// refreshes only the lists it could have changed (utils/refresh.ts), debounced, since a
// burst of edits needs one refresh.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ArchiveEvent, ArchiveInfo, BatchSummary, TagWithCount } from '@shared/api'
import type { SavedSearch, Settings } from '@shared/domain'
import { call, client } from '@renderer/api'
import { setLocale } from '@renderer/i18n'
import { debounce } from '@renderer/utils/format'
import { affects } from '@renderer/utils/refresh'

export const useArchive = defineStore('archive', () => {
  const info = ref<ArchiveInfo | null>(null)
  const batches = ref<BatchSummary[]>([])
  const tags = ref<TagWithCount[]>([])
  const saved = ref<SavedSearch[]>([])
  /** The last change event; views watch it to refresh what they show. */
  const lastEvent = ref<ArchiveEvent | null>(null)

  const settings = computed<Settings | null>(() => info.value?.settings ?? null)
  const tagById = computed(() => new Map(tags.value.map((t) => [t.id, t])))
  const batchById = computed(() => new Map(batches.value.map((b) => [b.batch.id, b.batch])))

  async function loadInfo(): Promise<void> {
    info.value = await call('archive.info', {})
    setLocale(info.value.settings.locale)
  }

  async function loadLists(): Promise<void> {
    const [b, t, s] = await Promise.all([call('batches.list', {}), call('tags.list', {}), call('savedSearches.list', {})])
    batches.value = b
    tags.value = t
    saved.value = s
  }

  /** What the events since the last refresh could have changed. */
  const due = new Set<'info' | 'batches' | 'tags' | 'savedSearches'>()
  const flush = debounce(() => {
    const jobs: Promise<unknown>[] = []
    if (due.has('info')) jobs.push(loadInfo())
    if (due.has('batches')) jobs.push(call('batches.list', {}).then((b) => (batches.value = b)))
    if (due.has('tags')) jobs.push(call('tags.list', {}).then((t) => (tags.value = t)))
    if (due.has('savedSearches')) jobs.push(call('savedSearches.list', {}).then((s) => (saved.value = s)))
    due.clear()
    void Promise.all(jobs).catch(() => undefined)
  }, 250)
  /** Refreshes what `e` could have changed (everything without an event). */
  function refresh(e: ArchiveEvent | null = null): void {
    for (const k of ['info', 'batches', 'tags', 'savedSearches'] as const) if (affects(e, k)) due.add(k)
    if (due.size) flush()
  }

  let unsubscribe: (() => void) | null = null
  async function start(): Promise<void> {
    await Promise.all([loadInfo(), loadLists()])
    unsubscribe ??= client.onEvent((e) => {
      lastEvent.value = e
      refresh(e)
    })
  }

  async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
    // Sends the whole settings object: the contract's partial schema fills the absent
    // fields with their defaults (zod 4), so a bare {locale} would wipe areas and codes.
    const full = info.value ? { ...info.value.settings, ...patch } : patch
    const next = await call('settings.update', { patch: full })
    if (info.value) info.value = { ...info.value, settings: next }
    if (patch.locale) setLocale(next.locale)
    return next
  }

  async function loadDemo(): Promise<void> {
    info.value = await call('archive.loadDemo', {})
    await loadLists()
  }

  /** The display name of an area value, whether records store its id or its name. */
  function areaName(value: string, locale: string): string {
    const a = settings.value?.areas.find((x) => x.id === value || x.name === value)
    if (!a) return value
    return locale === 'en' && a.nameEn ? a.nameEn : a.name
  }

  return { info, settings, batches, tags, saved, lastEvent, tagById, batchById, start, loadInfo, loadLists, refresh, updateSettings, loadDemo, areaName }
})
