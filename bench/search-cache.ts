// npm run bench -- search-cache [--records N] [--runs R]
// npm run bench -- search-cache --cache DIR [--runs R]: only the loads, of DIR/search.idx
//   (saved with epoch "bench", seq 1; e.g. left by a driver), without generating or building.
// The saved search index (src/main/search/index-persist.ts) on a generated archive (seed 7):
//   - build in-thread (wall and CPU), save (time, file size), load in-thread (time);
//   - from a cold process (a fresh node, R runs): start the search worker, load the saved
//     index in it and answer a first query; wall time from the process's start, the
//     worker's own load time, and the process's resident memory after;
//   - the index's memory (heap + external, this process, texts included) built vs loaded.
// Figures go to stdout and bench/results/search-cache.json. Not a test: no asserts.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { ArchiveReader } from '../src/main/core/store/reader'
import { projectRecord, type IndexDoc } from '../src/main/search/doc'
import { indexFilePath, loadIndexFile, saveIndexFile } from '../src/main/search/index-persist'
import { SearchIndex } from '../src/main/search/search-index'
import { WorkerEngine, locateWorker } from '../src/main/search/worker-engine'
import { generateArchive } from './generate'

const EPOCH = 'bench'
const arg = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** A cold process: the worker loads the saved index, then answers one query. Prints JSON. */
async function child(cacheDir: string): Promise<void> {
  const store = {
    dir: cacheDir,
    readOnly: true,
    records: new Map(),
    tags: new Map(),
    links: new Map(),
    settings: { areas: [], thesaurus: [], thesaurusOff: [] },
    seq: 1,
    cacheDir,
    cacheEpoch: EPOCH,
    touchedSince: async () => [],
    onCommit: () => () => {},
  } as unknown as ArchiveReader
  const loc = locateWorker(new URL('../src/main/search/worker-engine.ts', import.meta.url).href)
  if (!loc) throw new Error('no worker script')
  const startMs = performance.now()
  const engine = new WorkerEngine(store, loc)
  await engine.rebuild()
  const loadedAt = performance.now()
  const r = await engine.query({ q: '干熄焦', limit: 50 })
  const answeredAt = performance.now()
  const rss = process.memoryUsage().rss
  const cpuMs = cpu()
  await engine.close()
  console.log(JSON.stringify({ source: engine.source, workerLoadMs: engine.lastBuildMs, startMs, loadedAt, answeredAt, total: r.total, rss, cpuMs }))
}

interface Cold {
  source: string
  workerLoadMs: number
  startMs: number
  loadedAt: number
  answeredAt: number
  rss: number
  /** The whole process's CPU (every thread, start-up included) up to the first answer. */
  cpuMs: number
}

/** R cold processes loading the saved index in cacheDir. */
function coldRuns(cacheDir: string, runs: number): Cold[] {
  const entry = fileURLToPath(new URL('./index.ts', import.meta.url))
  const cold: Cold[] = []
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, [...process.execArgv, entry, 'search-cache', '--child', cacheDir], { encoding: 'utf8', maxBuffer: 1 << 20 })
    const line = out.stdout.trim().split('\n').pop() ?? ''
    if (out.status !== 0 || !line.startsWith('{')) throw new Error(`child failed: ${out.stderr}`)
    cold.push(JSON.parse(line) as Cold)
  }
  return cold
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function coldRows(cold: Cold[]): [string, string][] {
  return [
    [`cold process, median of ${cold.length}: worker's load`, s(med(cold.map((x) => x.workerLoadMs)))],
    ['cold process: engine start → index ready', s(med(cold.map((x) => x.loadedAt - x.startMs)))],
    ['cold process: process start → first answer', s(med(cold.map((x) => x.answeredAt)))],
    ['cold process: CPU to first answer (all threads)', s(med(cold.map((x) => x.cpuMs)))],
    ['cold process: resident memory after', mb(med(cold.map((x) => x.rss)))],
    ['cold process: index from', cold.map((x) => x.source).join(', ')],
  ]
}

/** Loads only: an index saved before, in-thread once and from R cold processes. */
function loadOnly(cacheDir: string, runs: number): void {
  const file = indexFilePath(cacheDir)
  console.log(`=== loads of ${file} (load average ${loadavg()[0]!.toFixed(1)}) ===`)
  const t = performance.now()
  const c = cpu()
  const { index, meta } = loadIndexFile(file, { epoch: EPOCH, maxSeq: Number.MAX_SAFE_INTEGER })
  const loadMs = performance.now() - t
  const loadCpuMs = cpu() - c
  const cold = coldRuns(cacheDir, runs)
  const rows: [string, string][] = [
    ['records / file size', `${index.size.toLocaleString('en')} / ${mb(meta.bytes)}`],
    ['load in-thread (wall / CPU)', `${s(loadMs)} / ${s(loadCpuMs)}`],
    ...coldRows(cold),
  ]
  for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`)
}

export async function run(args: string[]): Promise<void> {
  if (args[0] === '--child') return child(args[1]!)
  const n = Number(arg(args, '--records') ?? 10000)
  const runs = Number(arg(args, '--runs') ?? 3)
  const given = arg(args, '--cache')
  if (given) return loadOnly(given, runs)
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const mem = () => {
    gc()
    gc()
    const m = process.memoryUsage()
    return m.heapUsed + m.external + m.arrayBuffers
  }
  console.log(`=== ${n.toLocaleString('en')} records (load average ${loadavg()[0]!.toFixed(1)}) ===`)
  const g = JSON.parse(JSON.stringify(generateArchive({ records: n, seed: 7 }))) as ReturnType<typeof generateArchive>
  const tags = new Map(g.tags.map((t) => [t.id, t.path]))
  const kinds = new Map(g.records.map((r) => [r.id, r.kind]))
  let docs: IndexDoc[] = g.records.map((r) => projectRecord(r, { tagPath: (id) => tags.get(id), linked: () => [], kindOf: (id) => kinds.get(id) }))
  g.records.length = 0
  const m0 = mem()
  let t = performance.now()
  let c = cpu()
  let built: SearchIndex | null = new SearchIndex()
  built.addMany(docs)
  const buildMs = performance.now() - t
  const buildCpuMs = cpu() - c
  docs = []
  // The index keeps the documents' texts, allocated before m0: its memory is measured by
  // what freeing it gives back (below).
  const mBuilt = mem()
  void m0
  const dir = mkdtempSync(join(tmpdir(), 'aid-bench-idx-'))
  const cacheDir = join(dir, 'cache')
  const file = indexFilePath(cacheDir)
  try {
    t = performance.now()
    const saved = saveIndexFile(built, file, { epoch: EPOCH, seq: 1 })
    const saveMs = performance.now() - t
    built = null
    const m1 = mem()
    const builtMem = mBuilt - m1
    t = performance.now()
    c = cpu()
    let loaded: SearchIndex | null = loadIndexFile(file, { epoch: EPOCH, maxSeq: 1 }).index
    const loadMs = performance.now() - t
    const loadCpuMs = cpu() - c
    const loadedMem = mem() - m1
    loaded.search({ q: '干熄焦', limit: 1 }, { areas: [] })
    loaded = null

    const cold = coldRuns(cacheDir, runs)
    const rows: [string, string][] = [
      ['build in-thread (wall / CPU)', `${s(buildMs)} / ${s(buildCpuMs)}`],
      ['save (wall)', s(saveMs)],
      ['file size', mb(saved.bytes)],
      ['load in-thread (wall / CPU)', `${s(loadMs)} / ${s(loadCpuMs)}`],
      ['index memory built / loaded (heap + external)', `${mb(builtMem)} / ${mb(loadedMem)}`],
      ...coldRows(cold),
    ]
    for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`)
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
    writeFileSync(
      new URL('./results/search-cache.json', import.meta.url),
      JSON.stringify({ records: n, loadavg: loadavg()[0], buildMs, buildCpuMs, saveMs, bytes: saved.bytes, loadMs, loadCpuMs, builtMem, loadedMem, cold }, null, 2),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
