// vue-i18n and Element Plus's own locale switch together; zh-CN is the default.
import { computed, ref } from 'vue'
import { createI18n } from 'vue-i18n'
import elZh from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN'
import en, { type Messages } from './en'

export type Locale = 'zh-CN' | 'en'

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN as Messages, en },
})

const current = ref<Locale>('zh-CN')
export const elementLocale = computed(() => (current.value === 'en' ? elEn : elZh))
export const locale = computed(() => current.value)

// The last language shown, so that the screen before the archive is open (whose settings
// decide the language) speaks it too. Storage may be refused: then zh-CN.
const LOCALE_KEY = 'aid-archive.locale'

export function rememberedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export function setLocale(l: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, l)
  } catch {
    // Not remembered; nothing else depends on it.
  }
  current.value = l
  i18n.global.locale.value = l
  document.documentElement.lang = l
  document.title = i18n.global.t('app.name')
}
