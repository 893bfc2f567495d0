// npm run bench -- exchange [--records N]
// Two workstations with a generated archive of N records (default 10,000): B edits 1% of
// them, then B packs everything, A previews and applies the package, and B packs again
// what changed since. Beside it, the floor: JSON.stringify + JSON.parse of the same items,
// the least any transfer of them costs.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCHEMA_VERSION, type ArchiveDocument } from '../src/shared/domain'
import { writeDocument } from '../src/main/core/store/archive-store'
import { generateArchive } from './generate'

const arg = (args: string[], name: string, dflt: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : dflt
}

export async function run(args: string[]): Promise<void> {
  const n = arg(args, '--records', 10_000)
  const { openArchive, dispatch } = await import('../src/main/app')
  const root = mkdtempSync(join(tmpdir(), 'aid-bench-exchange-'))
  try {
    const g = generateArchive({ records: n, seed: 13 })
    const doc: ArchiveDocument = { schemaVersion: SCHEMA_VERSION, seq: 0, settings: g.settings, records: g.records, tags: g.tags, links: [], photoGroups: [], savedSearches: [], counters: {}, versions: [], conflicts: [] }
    const [da, db] = [join(root, 'a'), join(root, 'b')]
    await writeDocument(da, doc)
    cpSync(da, db, { recursive: true })
    const a = await openArchive(da, { snapshotDelayMs: 3_600_000 })
    const b = await openArchive(db, { snapshotDelayMs: 3_600_000 })
    const ids = [...b.store.records.values()].filter((r) => r.kind !== 'batch').map((r) => r.id)
    const edits = Math.max(1, Math.floor(n / 100))
    for (let i = 0; i < edits; i++) await dispatch(b, 'records.update', { id: ids[(i * 7919) % ids.length]!, patch: { notes: `乙站第${i}次补充说明` } })

    const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
      const t = performance.now()
      const r = await f()
      return [r, performance.now() - t]
    }
    const [pkg, packMs] = await time(() => dispatch(b, 'exchange.pack', { scope: {}, destination: '甲站' }))
    const [pre, previewMs] = await time(() => dispatch(a, 'exchange.preview', { data: pkg.data }))
    const [res, applyMs] = await time(() => dispatch(a, 'exchange.apply', { packageId: pre.packageId }))
    await dispatch(b, 'records.update', { id: ids[0]!, patch: { notes: '再改一次' } })
    const [since, sinceMs] = await time(() => dispatch(b, 'exchange.pack', { scope: { sinceLast: '甲站' } }))

    let t = performance.now()
    const text = JSON.stringify(b.store.toDocument())
    JSON.parse(text)
    const floorMs = performance.now() - t
    t = performance.now()
    const [pre2] = await time(() => dispatch(a, 'exchange.preview', { data: pkg.data }))
    const again = await dispatch(a, 'exchange.apply', { packageId: pre2.packageId })
    const againMs = performance.now() - t

    // What the worker itself costs: the same read in this thread. From source the worker starts
    // through tsx (about a second); the built app's worker is plain JS.
    const { readContainerSync } = await import('../src/main/areas/exchange/container')
    t = performance.now()
    readContainerSync(Buffer.from(pkg.data, 'base64'))
    const readSyncMs = performance.now() - t

    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
    console.log(`exchange, ${n.toLocaleString('en')} records, B edited ${edits}`)
    console.table({
      'pack everything (B)': { ms: Math.round(packMs), items: pkg.items, size: mb(pkg.bytes) },
      'preview (A)': { ms: Math.round(previewMs), items: pre.counts.updated, size: '' },
      '  of which reading the zip, in-thread': { ms: Math.round(readSyncMs), items: '', size: '' },
      'apply (A)': { ms: Math.round(applyMs), items: res.counts.updated, size: '' },
      'same package again (A)': { ms: Math.round(againMs), items: again.counts.updated, size: '' },
      'pack since last (B)': { ms: Math.round(sinceMs), items: since.items, size: mb(since.bytes) },
      'floor: JSON.stringify + parse': { ms: Math.round(floorMs), items: n, size: mb(text.length) },
    })
    await a.close()
    await b.close()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
