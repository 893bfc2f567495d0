// Start-up: pick the API transport (api/index.ts); while the host still opens the archive,
// show its progress (OpenProgress, its own small app); then read the archive's info (its
// locale decides the UI language) and mount. An empty archive opens the welcome.
import { createApp, h, ref, type App as VueApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/main.css'
import './styles/theme.css'
import type { OpenStatus } from '@shared/api'
import App from './App.vue'
import OpenProgress from './components/layout/OpenProgress.vue'
import { client } from './api'
import { i18n, rememberedLocale, setLocale } from './i18n'
import { router } from './router'
import { useArchive } from './stores/archive'
import { wasWelcomed } from './utils/welcome'
import { untilOpen } from './utils/opening'

/** Resolves once the host's archive is open; the progress screen meanwhile, only if it is not open yet. */
async function waitForArchive(): Promise<void> {
  const status = ref<OpenStatus>({ phase: 'lock' })
  let screen: VueApp | null = null
  try {
    await untilOpen(client, (s) => {
      status.value = s
      if (screen || s.phase === 'ready') return
      screen = createApp({ render: () => h(OpenProgress, { status: status.value }) })
      screen.mount('#app')
    })
  } finally {
    // The same element then takes the app (or the failure's words).
    ;(screen as VueApp | null)?.unmount()
  }
}

async function start(): Promise<void> {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia).use(i18n).use(ElementPlus).use(router)
  const archive = useArchive()
  setLocale(rememberedLocale())
  let failure: unknown = null
  try {
    await waitForArchive()
    await archive.start()
  } catch (e) {
    failure = e
  }
  app.provide('startupError', failure)
  if (archive.info?.empty && !wasWelcomed(archive.info.path)) await router.replace('/welcome')
  app.mount('#app')
  // Said once the first route has settled: a navigation before then can be overtaken by the
  // start-up redirect (the end-to-end fixture waits for this).
  await router.isReady()
  document.documentElement.dataset.ready = 'true'
}

void start()
