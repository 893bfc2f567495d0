// Routes of the intake area, merged into the app's router.
import type { RouteRecordRaw } from 'vue-router'

export const intakeRoutes: RouteRecordRaw[] = [
  { path: '/photos', name: 'photos', component: () => import('@renderer/views/intake/PhotosView.vue') },
]
