// Routes of the export area, merged into the app's router.
import type { RouteRecordRaw } from 'vue-router'

export const exportRoutes: RouteRecordRaw[] = []
