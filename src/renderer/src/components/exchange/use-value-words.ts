// The words values.ts needs, from the UI's locale and the archive's lists (tags, batches,
// photo groups, 全宗号).
import { computed, shallowRef, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { call } from '@renderer/api'
import { useArchive } from '@renderer/stores/archive'
import type { ValueWords } from './values'

/** Photo groups by id: the archive store keeps no list of them, so the conflict view asks. */
const groupTitles = shallowRef<ReadonlyMap<string, string>>(new Map())

function loadGroups(): void {
  call('groups.list', {})
    .then((gs) => (groupTitles.value = new Map(gs.map((g) => [g.id, g.title]))))
    // A group shown by its id is still the right group: nothing to tell the user.
    .catch(() => undefined)
}

export function useValueWords(): ComputedRef<ValueWords> {
  const { t, te, locale } = useI18n()
  const archive = useArchive()
  loadGroups()
  return computed<ValueWords>(() => ({
    t: (k, named) => (named ? t(k, named) : t(k)),
    has: (k) => te(k),
    locale: locale.value === 'en' ? 'en' : 'zh-CN',
    areaName: (id) => archive.areaName(id, locale.value),
    tagPath: (id) => archive.tagById.get(id)?.path,
    batchTitle: (id) => archive.batchById.get(id)?.title,
    groupTitle: (id) => groupTitles.value.get(id),
    fondsCode: archive.settings?.fondsCode ?? '',
  }))
}
