// The exchange area: transfer packages between workstations, sync through a CouchDB
// server, and the conflicts both can leave. Merging itself is merge.ts (one merge for both).
import { createHash } from 'node:crypto'
import type { exchangeMethods } from '../../../shared/contract/exchange'
import { ApiError } from '../../../shared/errors'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import { conflictViews, resolveConflict } from './conflicts'
import { applyPackage, newFiles } from './apply'
import { archiveName, frontierOf, readPackage, writePackage, type ReadPackage } from './package'
import { planMerge } from './merge'
import { ExchangeStateFile } from './state'
import { syncWith } from './sync'

/** Packages read by preview and not yet applied (the last few; a preview is seconds from its apply). */
const OPENED_MAX = 3

export function exchangeHandlers(svc: ArchiveService): AreaHandlers<keyof typeof exchangeMethods> {
  /** Packages read by preview, with the file name the user chose (named in the journal). */
  const opened = new Map<string, { pkg: ReadPackage; name: string }>()
  const state = new ExchangeStateFile(svc.store.dir)
  return {
    'exchange.info': async () => {
      const st = await state.get()
      return {
        archiveId: svc.store.replicaId,
        name: archiveName(svc.store),
        conflicts: svc.store.conflicts.size,
        destinations: Object.entries(st.destinations).map(([name, d]) => ({ name, at: d.at, items: d.items })).sort((a, b) => (a.at < b.at ? 1 : -1)),
        syncs: Object.entries(st.syncs).map(([url, s]) => ({ url, at: s.at })).sort((a, b) => (a.at < b.at ? 1 : -1)),
      }
    },
    'exchange.pack': async ({ scope, destination }) => {
      const st = await state.get()
      const dest = scope.sinceLast ?? destination
      const since = scope.sinceLast ? st.destinations[scope.sinceLast] : undefined
      const frontier = frontierOf(svc.store)
      const { bytes, meta } = await writePackage(svc.store, scope, since, st.names)
      // Only a package of everything (or of everything since the last one) brings a destination up to date.
      if (dest && !scope.batchId && !scope.ids) {
        st.destinations[dest] = { frontier, at: meta.createdAt, items: meta.items }
        await state.save()
      }
      const stamp = meta.createdAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
      return { name: `交换包-${stamp}${dest ? `-${dest}` : ''}.aidpkg`, mime: 'application/zip', data: Buffer.from(bytes).toString('base64'), items: meta.items, files: meta.files, bytes: bytes.length }
    },
    'exchange.preview': async ({ data, name }) => {
      const bytes = Buffer.from(data, 'base64')
      const packageId = createHash('sha256').update(bytes).digest('hex')
      const pkg = await readPackage(bytes)
      if (pkg.meta.archiveId === svc.store.replicaId) throw new ApiError('invalid_input', 'exchange.own_package')
      const st = await state.get()
      st.names = { ...st.names, ...pkg.meta.names, [pkg.meta.archiveId]: pkg.meta.name }
      await state.save()
      opened.delete(packageId)
      opened.set(packageId, { pkg, name })
      while (opened.size > OPENED_MAX) opened.delete(opened.keys().next().value!)
      const plan = planMerge(svc, pkg.leaves, new Date().toISOString())
      return { packageId, source: { archiveId: pkg.meta.archiveId, name: pkg.meta.name, createdAt: pkg.meta.createdAt }, counts: { ...plan.counts, files: (await newFiles(svc.store.dir, pkg.files)).length }, items: plan.items }
    },
    'exchange.apply': async ({ packageId }) => {
      const got = opened.get(packageId)
      if (!got) throw new ApiError('not_found', 'exchange.package_unknown', {}, { field: 'packageId' })
      const res = await applyPackage(svc, got.pkg, got.name || packageId)
      opened.delete(packageId)
      return res
    },
    'exchange.conflicts': async () => {
      const names = { ...(await state.get()).names, [svc.store.replicaId]: archiveName(svc.store) }
      return conflictViews(svc).map((c) => ({ ...c, others: c.others.map((o) => ({ ...o, fromName: names[o.from] ?? o.fromName })) }))
    },
    'exchange.resolve': async ({ id, resolution }) => resolveConflict(svc, id, resolution),
    'exchange.sync': async (input) => syncWith(svc, state, input),
  }
}
