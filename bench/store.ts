// npm run bench -- store [--records N] [--edits N]
// A generated archive (seeded, realistic vocabulary) of N records (default 100,000):
// open-to-ready time (first open from archive.json, then from the open cache), one-edit-to-durable time and peak memory of the store, against
// JSON.parse / JSON.stringify of the same file as the floor. Each side runs in a fresh
// child process so that its peak memory is its own.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SCHEMA_VERSION, type ArchiveDocument } from '../src/shared/domain'
import { ARCHIVE_FILE, writeDocument } from '../src/main/core/store/archive-store'
import { writeAtomic } from '../src/main/core/store/durable-file'
import { generateArchive } from './generate'

interface Figures {
  [k: string]: number | string
}

const here = fileURLToPath(import.meta.url)
const arg = (args: string[], name: string, dflt: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!
const peakMB = () => process.resourceUsage().maxRSS / 1024

/** The floor: what reading and writing the same file costs with nothing but JSON. */
async function floor(dir: string): Promise<Figures> {
  const file = join(dir, ARCHIVE_FILE)
  let t = performance.now()
  const doc = JSON.parse(readFileSync(file, 'utf8')) as ArchiveDocument
  const parseMs = performance.now() - t
  t = performance.now()
  const text = JSON.stringify(doc)
  const stringifyMs = performance.now() - t
  t = performance.now()
  await writeAtomic(join(dir, 'floor.json'), text)
  const writeMs = performance.now() - t
  return { parseMs, stringifyMs, writeMs, peakMB: peakMB() }
}

async function store(dir: string, edits: number): Promise<Figures> {
  const { ArchiveStore } = await import('../src/main/core/store/archive-store')
  const { openArchive, dispatch } = await import('../src/main/app')
  // The first open reads archive.json and writes the open cache; later opens use the cache.
  let t = performance.now()
  const s = await ArchiveStore.open(dir)
  const storeOpenMs = performance.now() - t
  await s.close()
  t = performance.now()
  const svc = await openArchive(dir, { snapshotDelayMs: 3_600_000 })
  const readyMs = performance.now() - t
  t = performance.now()
  await svc.search.query({ q: '干熄焦', limit: 50 })
  const indexMs = performance.now() - t + readyMs
  const ids = [...svc.store.records.values()].filter((r) => r.kind === 'report').map((r) => r.id)
  const times: number[] = []
  for (let i = 0; i < edits; i++) {
    const id = ids[(i * 7919) % ids.length]!
    t = performance.now()
    await dispatch(svc, 'records.update', { id, patch: { title: `简报 第${i}期（修订）`, pages: i + 1 } })
    times.push(performance.now() - t)
  }
  t = performance.now()
  await svc.snapshot()
  const snapshotMs = performance.now() - t
  await svc.close()
  return { storeOpenMs, readyMs, indexMs, editP50Ms: pct(times, 50), editP95Ms: pct(times, 95), editMaxMs: Math.max(...times), snapshotMs, peakMB: peakMB() }
}

function child(mode: string, dir: string, edits: number): Figures {
  const out = execFileSync(process.execPath, ['--import', 'tsx', here, '--child', mode, dir, String(edits)], { encoding: 'utf8', maxBuffer: 1 << 20 })
  return JSON.parse(out.trim().split('\n').pop()!) as Figures
}

export async function run(args: string[]): Promise<void> {
  const n = arg(args, '--records', 100_000)
  const edits = arg(args, '--edits', 20)
  const dir = mkdtempSync(join(tmpdir(), 'aid-bench-store-'))
  try {
    let t = performance.now()
    const g = generateArchive({ records: n, seed: 7 })
    const doc: ArchiveDocument = { schemaVersion: SCHEMA_VERSION, seq: 0, settings: g.settings, records: g.records, tags: g.tags, links: [], photoGroups: [], savedSearches: [], counters: {}, versions: [], conflicts: [] }
    await writeDocument(dir, doc)
    const size = statSync(join(dir, ARCHIVE_FILE)).size
    console.log(`generated ${n.toLocaleString('en')} records, archive.json ${(size / 1e6).toFixed(1)} MB, in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    t = performance.now()
    const f = child('floor', dir, edits)
    const s = child('store', dir, edits)
    const row = (label: string, ours: number | string, base: number | string, goal: string) =>
      console.log(`${label.padEnd(34)} ${String(ours).padStart(12)} ${String(base).padStart(14)}   ${goal}`)
    const ms = (x: number | string | undefined) => (typeof x === 'number' ? x.toFixed(1) + ' ms' : '—')
    console.log(`\n${'figure'.padEnd(34)} ${'Aid Archive'.padStart(12)} ${'JSON floor'.padStart(14)}   goal`)
    row('first open (archive.json: parse+validate)', ms(s.storeOpenMs), ms(f.parseMs), '')
    row('open → ready (from the open cache)', ms(s.readyMs), ms(f.parseMs), '≤ floor')
    row('open → first search answered', ms(s.indexMs), ms(f.parseMs), '')
    row('one edit → durable, p50', ms(s.editP50Ms), ms(Number(f.stringifyMs) + Number(f.writeMs)), '≤ 300 ms')
    row('one edit → durable, p95', ms(s.editP95Ms), '', '≤ 300 ms')
    row('snapshot of archive.json', ms(s.snapshotMs), ms(Number(f.stringifyMs) + Number(f.writeMs)), 'background')
    row('peak memory (RSS)', `${Number(s.peakMB).toFixed(0)} MB`, `${Number(f.peakMB).toFixed(0)} MB`, '')
    mkdirSync('bench/results', { recursive: true })
    writeFileSync('bench/results/store.json', JSON.stringify({ records: n, bytes: size, store: s, floor: f }, null, 2))
    console.log('\nwritten bench/results/store.json')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') {
  const [, , , mode, dir, edits] = process.argv
  const r = mode === 'floor' ? await floor(dir!) : await store(dir!, Number(edits))
  console.log(JSON.stringify(r))
}
