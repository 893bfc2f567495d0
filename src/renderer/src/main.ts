// Start-up: pick the API transport (api/index.ts), read the archive's info (its
// locale decides the UI language), then mount. An empty archive opens the welcome.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/main.css'
import './styles/theme.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { useArchive } from './stores/archive'
import { wasWelcomed } from './utils/welcome'

async function start(): Promise<void> {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia).use(i18n).use(ElementPlus).use(router)
  const archive = useArchive()
  let failure: unknown = null
  try {
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
