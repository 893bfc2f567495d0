// The words values.ts needs, from the UI's locale and the archive's lists (tags, batches, 全宗号).
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useArchive } from '@renderer/stores/archive'
import type { ValueWords } from './values'

export function useValueWords(): ComputedRef<ValueWords> {
  const { t, te, locale } = useI18n()
  const archive = useArchive()
  return computed<ValueWords>(() => ({
    t: (k, named) => (named ? t(k, named) : t(k)),
    has: (k) => te(k),
    locale: locale.value === 'en' ? 'en' : 'zh-CN',
    areaName: (id) => archive.areaName(id, locale.value),
    tagPath: (id) => archive.tagById.get(id)?.path,
    batchTitle: (id) => archive.batchById.get(id)?.title,
    fondsCode: archive.settings?.fondsCode ?? '',
  }))
}
