// Hash history: the Electron build loads index.html from file://, where paths cannot route.
import { createRouter, createWebHashHistory } from 'vue-router'
import { exportRoutes } from './export'
import { exchangeRoutes } from './exchange'
import { intakeRoutes } from './intake'
import { relationsRoutes } from './relations'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/library' },
    { path: '/welcome', name: 'welcome', component: () => import('@renderer/views/WelcomeView.vue') },
    { path: '/library', name: 'library', component: () => import('@renderer/views/LibraryView.vue') },
    { path: '/record/:id', name: 'record', component: () => import('@renderer/views/RecordView.vue'), props: true },
    { path: '/new/:kind', name: 'new', component: () => import('@renderer/views/NewRecordView.vue'), props: true },
    { path: '/batches', name: 'batches', component: () => import('@renderer/views/BatchesView.vue') },
    { path: '/tags', name: 'tags', component: () => import('@renderer/views/TagsView.vue') },
    { path: '/search', name: 'search', component: () => import('@renderer/views/SearchView.vue') },
    { path: '/settings', name: 'settings', component: () => import('@renderer/views/SettingsView.vue') },
    ...intakeRoutes,
    ...relationsRoutes,
    ...exportRoutes,
    ...exchangeRoutes,
    { path: '/:rest(.*)*', redirect: '/library' },
  ],
})
