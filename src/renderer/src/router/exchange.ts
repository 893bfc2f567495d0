// Routes of the exchange area, merged into the app's router.
import type { RouteRecordRaw } from 'vue-router'

export const exchangeRoutes: RouteRecordRaw[] = [
  { path: '/exchange', name: 'exchange', component: () => import('@renderer/views/exchange/ExchangeView.vue') },
  /** The open conflicts; ?id= selects one. */
  { path: '/exchange/conflicts', name: 'exchange-conflicts', component: () => import('@renderer/views/exchange/ConflictsView.vue') },
]
