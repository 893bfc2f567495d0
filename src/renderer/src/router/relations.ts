// Routes of the relations area, merged into the app's router.
import type { RouteRecordRaw } from 'vue-router'

export const relationsRoutes: RouteRecordRaw[] = []
