// Routes of the relations area, merged into the app's router.
import type { RouteRecordRaw } from 'vue-router'

export const relationsRoutes: RouteRecordRaw[] = [
  { path: '/batch/:id', name: 'batch', component: () => import('@renderer/views/relations/BatchView.vue'), props: true },
  { path: '/dashboard', name: 'dashboard', component: () => import('@renderer/views/relations/DashboardView.vue') },
  { path: '/todo', name: 'todo', component: () => import('@renderer/views/relations/TodoView.vue') },
  { path: '/journal', name: 'journal', component: () => import('@renderer/views/relations/JournalView.vue') },
]
