// Routes of the export area, merged into the app's router.
import type { RouteRecordRaw } from 'vue-router'

export const exportRoutes: RouteRecordRaw[] = [
  { path: '/export', name: 'export', component: () => import('@renderer/views/export/ExportView.vue') },
  /** The summary laid out for A4; printing it is the PDF export. Scope in the query. */
  { path: '/print/summary', name: 'print-summary', component: () => import('@renderer/views/export/PrintSummaryView.vue') },
]
