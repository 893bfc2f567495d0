// The archive as the whole app sees it: info, settings, and the small lists the
// sidebar, filters and forms share (batches, tags, saved searches). Refreshed on
// every change event, debounced, since a burst of edits needs one refresh.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ArchiveEvent, ArchiveInfo, BatchSummary, TagWithCount } from '@shared/api'
import type { SavedSearch, Settings } from '@shared/domain'
import { call, client } from '@renderer/api'
import { setLocale } from '@renderer/i18n'
import { debounce } from '@renderer/utils/format'

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

  const refresh = debounce(() => {
    void Promise.all([loadInfo(), loadLists()]).catch(() => undefined)
  }, 250)

  let unsubscribe: (() => void) | null = null
  async function start(): Promise<void> {
    await Promise.all([loadInfo(), loadLists()])
    unsubscribe ??= client.onEvent((e) => {
      lastEvent.value = e
      refresh()
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
