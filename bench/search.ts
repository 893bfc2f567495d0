// npm run bench -- search [--records N] [--runs R] [--fuse-sample K (0: no fuse.js)]
// Generated archives (seeded) of 1,000, 10,000 and 100,000 records (or just N):
//   - index build time and memory, in-thread, and the worker rebuild end to end
//     (projection + transfer + build) with the longest stall of the calling thread;
//   - incremental update per record (edit, create, delete);
//   - p50/p95 per query class, as the UI asks (the first 50, then the next 50 at offset 50),
//     for this engine and for fuse.js alone (ignoreLocation,
//     the baseline's keys and weights), on the same data and queries. fuse.js takes
//     seconds per query at 100k, so there it runs a sample (K queries per class, once);
//     the output says so.
// Prints a table per size and writes bench/results/search.json. Not a test: no asserts.
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import Fuse from 'fuse.js'
import type { ArchiveRecord } from '../src/shared/domain'
import type { ArchiveStore } from '../src/main/core/store/archive-store'
import { projectRecord, type IndexDoc, type ProjectionContext } from '../src/main/search/doc'
import { FUSE_OPTIONS, fuseDoc, type FuseDoc } from '../src/main/search/fuse-engine'
import { SearchIndex } from '../src/main/search/search-index'
import { WorkerEngine, locateWorker } from '../src/main/search/worker-engine'
import { generateArchive, type GeneratedArchive } from './generate'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const NATURAL_CLASSES = new Set(['natural phrase', 'synonym, abbreviation', 'spoken number', 'batch / year words', 'one word unknown'])

/**
 * Query classes: what staff type, drawn from the generator's vocabulary. Eight a class, so
 * that a class's p95 (as the UI calls it: two pages, a few runs) is not simply its slowest call.
 */
export const QUERY_CLASSES: Record<string, string[]> = {
  'one word': ['焦化', '义诊', '研学', '煤层气', '夏令营', '非遗', '结对帮扶', '民族团结'],
  'two words (AND)': ['阜康 焦化', '准东 义诊', '昌吉市 演出', '吉木萨尔县 煤层气', '奇台县 养老', '玛纳斯 文艺', '呼图壁 培训', '木垒 就业'],
  'pinyin, full': ['fukang', 'meicengqi', 'jimusaer', 'shanihan', 'yanxue', 'yizhen', 'manasi', 'jiaohua'],
  'pinyin, spaced': ['fu kang', 'mei ceng qi', 'ji mu sa er', 'gan xi jiao', 'yi zhen', 'qi tai', 'xia ling ying', 'wen yi'],
  'pinyin initials': ['fk', 'jmse', 'mcq', 'gxj', 'slz', 'yz', 'mns', 'xly'],
  'pinyin + Chinese': ['fukang 焦化', 'zhundong 义诊', 'jmse 煤层气', 'qitai 养老', 'manasi 文艺', 'changji 演出', 'hutubi 培训', 'fukang 义诊'],
  'homophone typo': ['富康 焦化', '煤层器', '沙尼寒', '石流籽', '及木萨尔', '夏领营', '马纳斯', '义珍'],
  'words apart': ['老人照料', '高考突破', '文化展厅', '医疗义诊', '技术服务示范', '民族团结示范', '干部培训', '社区养老'],
  'field filters': ['batch:5 area:教育', 'place:阜康 year:2014', 'type:photo 义诊', 'tag:煤化工 year:2016..2018', 'has:metric 碳排放', 'area:医疗 义诊', 'type:achievement 焦化', 'year:2020 研学'],
  exclusion: ['义诊 -准东', '煤化工 -阜康', '研学 -type:photo', '养老 -社区', '演出 -昌吉市', '培训 -type:photo', '焦化 -干熄焦', '夏令营 -研学'],
  'exact phrase': ['"汾水连天山"', '"小组团示范点"', '"为老人提供贴心照料"', '"石榴籽一家亲"', '"组团式医疗援疆"', '"太行连天山"', '"援疆资金"', '"本科上线率"'],
  'broad (most records)': ['援疆', '援疆工作队', '2014年', '工作队', '群众', '昌吉州', '项目', '山西'],
  'no match (suggestions)': ['fukagn', 'xyzzy', '火星 基地', 'meicenqi', 'qwerty', '量子 计算机', 'jimusar', '宇宙飞船'],
  // Natural queries (query understanding): phrases, synonyms, abbreviations, numbers, chips.
  'natural phrase': ['准东的化工企业', '山西医生在医院做了什么', '关于沙尼汗小院的改造情况', '阜康的焦化项目', '给老人送爱心餐的活动', '山西老师在昌吉上课', '关于夏令营的报道', '奇台县的医疗援疆情况'],
  'synonym, abbreviation': ['大夫', '厂子', '晋援疆', '昌吉州二中', '老年人 照料', '木垒县 就业', '前指 简报', '援疆队 培训'],
  'spoken number': ['1.7亿度', '五万立方米', '每小时170吨', '百分之九十', '两千人次', '三亿度', '八万立方米', '五百万元'],
  'batch / year words': ['第五批 煤层气', '2016年的成果', '四批 养老', '第三批 义诊', '2018年 研学', '第二批的演出', '2020年的培训', '五批 夏令营'],
  'one word unknown': ['干熄焦 外星人', '阜康 焦化 火箭', '义诊 飞碟', '研学 恐龙', '煤层气 潜水艇', '养老 魔法', '演出 机器人 昌吉市', '夏令营 冰川'],
}

interface Stat {
  p50: number
  p95: number
  n: number
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
const stat = (xs: number[]): Stat => ({ p50: pct(xs, 50), p95: pct(xs, 95), n: xs.length })
const arg = (args: string[], name: string): number | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : undefined
}
const mem = () => {
  gc()
  gc()
  const m = process.memoryUsage()
  return { heap: m.heapUsed, external: m.external }
}
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`
/** CPU time of this process (all its threads) in ms: less sensitive than wall time to other load on the machine. */
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms' : '—')

function context(g: GeneratedArchive): ProjectionContext {
  const tags = new Map(g.tags.map((t) => [t.id, t.path]))
  const kinds = new Map(g.records.map((r) => [r.id, r.kind]))
  return { tagPath: (id) => tags.get(id), linked: () => [], kindOf: (id) => kinds.get(id) }
}

/** Just enough of ArchiveStore for the worker engine. */
function storeOf(g: GeneratedArchive): ArchiveStore {
  return {
    records: new Map(g.records.map((r) => [r.id, r])),
    tags: new Map(g.tags.map((t) => [t.id, t])),
    links: new Map(),
    settings: g.settings,
    onCommit: () => () => {},
  } as unknown as ArchiveStore
}

function edited(r: ArchiveRecord, i: number): ArchiveRecord {
  const title = `${r.title}（修订${i}）`
  if (r.kind === 'report') return { ...r, title, body: r.body + `补充说明第${i}条：新增光伏发电项目。` }
  if (r.kind === 'achievement') return { ...r, title, summary: r.summary + `补充：第${i}项。` }
  return { ...r, title }
}

async function runSize(n: number, runs: number, fuseSample: number) {
  console.log(`\n=== ${n.toLocaleString('en')} records ===`)
  // Records as the store holds them: parsed from JSON (flat strings).
  let t = performance.now()
  const g = JSON.parse(JSON.stringify(generateArchive({ records: n, seed: 7 }))) as GeneratedArchive
  const genMs = performance.now() - t
  const ctx = context(g)
  const areas = g.settings.areas

  // ---- build, in-thread ------------------------------------------------------------
  t = performance.now()
  const docs: IndexDoc[] = g.records.map((r) => projectRecord(r, ctx))
  const projectMs = performance.now() - t
  let chars = 0
  for (const d of docs) for (const p of d.parts) chars += p.text.length
  // Memory: the index's own structures (the texts it keeps are the documents' strings,
  // measured apart: a worker holds its own copy of them).
  const m0 = mem()
  const idx = new SearchIndex()
  t = performance.now()
  let c = cpu()
  idx.addMany(docs)
  const buildMs = performance.now() - t
  const buildCpuMs = cpu() - c
  const m1 = mem()
  docs.length = 0
  const stats = idx.stats()
  console.log(`generated in ${(genMs / 1000).toFixed(1)} s; ${(chars / 1e6).toFixed(1)} M characters of text; ${stats.keys.toLocaleString('en')} keys, ${stats.postings.toLocaleString('en')} postings, ${stats.bigramsWithPinyin.toLocaleString('en')} pairs with pinyin`)

  // ---- build, in the worker, end to end ------------------------------------------------
  let worker: { rebuildMs: number; workerBuildMs: number; maxStallMs: number; queryP50: number } | null = null
  const loc = locateWorker(new URL('../src/main/search/worker-engine.ts', import.meta.url).href)
  if (loc) {
    const engine = new WorkerEngine(storeOf(g), loc)
    let last = performance.now()
    let maxStall = 0
    const timer = setInterval(() => {
      const now = performance.now()
      maxStall = Math.max(maxStall, now - last)
      last = now
    }, 5)
    await engine.query({ q: '预热', limit: 1 }) // worker started and warm
    last = performance.now()
    maxStall = 0
    t = performance.now()
    await engine.rebuild()
    const rebuildMs = performance.now() - t
    clearInterval(timer)
    const times: number[] = []
    const sampleQs = ['阜康 焦化', 'fukang', 'jmse', '老人照料', 'type:photo 义诊']
    // Warm up first: right after a build the worker collects the build's garbage and
    // its query code is not compiled yet.
    for (const q of sampleQs) for (let i = 0; i < 3; i++) await engine.query({ q, limit: 50 })
    for (const q of sampleQs)
      for (let i = 0; i < 5; i++) {
        const s = performance.now()
        await engine.query({ q, limit: 50 })
        times.push(performance.now() - s)
      }
    worker = { rebuildMs, workerBuildMs: engine.lastBuildMs, maxStallMs: maxStall, queryP50: pct(times, 50) }
    await engine.close()
  }

  // ---- incremental updates -----------------------------------------------------------
  const sample = g.records.filter((r) => r.kind !== 'batch').slice(0, 300)
  const upd: number[] = []
  sample.forEach((r, i) => {
    const d = projectRecord(edited(r, i), ctx)
    const s = performance.now()
    idx.update([d])
    upd.push(performance.now() - s)
  })
  const created: number[] = []
  for (let i = 0; i < 100; i++) {
    const r = { ...sample[i]!, id: `new-${i}`, title: `新建记录${i}：奇台县储能示范项目` } as ArchiveRecord
    const d = projectRecord(r, ctx)
    const s = performance.now()
    idx.update([d])
    created.push(performance.now() - s)
  }
  const deleted: number[] = []
  for (let i = 0; i < 100; i++) {
    const s = performance.now()
    idx.update([], [`new-${i}`])
    deleted.push(performance.now() - s)
  }

  // ---- queries: this engine --------------------------------------------------------------
  // "before" is the same index reading queries word for word (understanding off): the
  // engine as it was before query understanding, timed in the same loop, runs interleaved.
  // As the UI asks: the first 50 (limit 50), then the next 50 as the user scrolls (offset
  // 50: the engines ask the index for offset + limit and drop the first offset).
  const ours: Record<string, Stat & { totals: number[]; cpuMean: number; page2: Stat; page2CpuMean: number }> = {}
  const before: Record<string, Stat & { totals: number[] }> = {}
  const plain = { areas, understanding: false }
  const page1 = { limit: 50 }
  const page2 = { limit: 100, offset: 50 }
  for (const [cls, qs] of Object.entries(QUERY_CLASSES)) {
    const times: number[] = []
    const times2: number[] = []
    const beforeTimes: number[] = []
    const totals: number[] = []
    const beforeTotals: number[] = []
    let cpuTotal = 0
    let cpuTotal2 = 0
    for (const q of qs) {
      totals.push(idx.search({ q, ...page1 }, { areas }).total) // warm-up
      idx.search({ q, ...page2 }, { areas })
      beforeTotals.push(idx.search({ q, ...page1 }, plain).total)
      for (let i = 0; i < runs; i++) {
        // CPU time is counted in scheduler ticks: only a sum over many runs is meaningful.
        let c0 = cpu()
        let s = performance.now()
        idx.search({ q, ...page1 }, { areas })
        times.push(performance.now() - s)
        cpuTotal += cpu() - c0
        c0 = cpu()
        s = performance.now()
        idx.search({ q, ...page2 }, { areas })
        times2.push(performance.now() - s)
        cpuTotal2 += cpu() - c0
        s = performance.now()
        idx.search({ q, ...page1 }, plain)
        beforeTimes.push(performance.now() - s)
      }
    }
    ours[cls] = { ...stat(times), totals, cpuMean: cpuTotal / times.length, page2: stat(times2), page2CpuMean: cpuTotal2 / times2.length }
    before[cls] = { ...stat(beforeTimes), totals: beforeTotals }
  }

  // ---- fuse.js alone ---------------------------------------------------------------------
  const storeLike = { tags: new Map(g.tags.map((x) => [x.id, x])) } as unknown as ArchiveStore
  const fdocs = g.records.map((r) => fuseDoc(storeLike, r))
  const f0 = mem()
  t = performance.now()
  const fuse = new Fuse<FuseDoc>(fdocs, FUSE_OPTIONS)
  const fuseBuildMs = performance.now() - t
  const f1 = mem()
  const sampled = n >= 100_000
  const theirs: Record<string, Stat & { queries: string[] }> = {}
  for (const [cls, qs] of Object.entries(QUERY_CLASSES)) {
    const pick = sampled ? qs.slice(0, fuseSample) : fuseSample === 0 ? [] : qs
    const times: number[] = []
    for (const q of pick) {
      const reps = sampled ? 1 : n >= 10_000 ? 2 : Math.min(runs, 5)
      if (!sampled) fuse.search(q)
      for (let i = 0; i < reps; i++) {
        const s = performance.now()
        fuse.search(q)
        times.push(performance.now() - s)
      }
    }
    theirs[cls] = { ...stat(times), queries: pick }
  }

  // ---- table ------------------------------------------------------------------------------
  const row = (a: string, b: string, c: string, d: string, e: string, f: string, g: string) =>
    console.log(`${a.padEnd(24)}${b.padStart(11)}${c.padStart(11)}${d.padStart(13)}${e.padStart(12)}${f.padStart(12)}${g.padStart(10)}`)
  console.log(`\nload average now ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  row('query class', 'ours p50', 'ours p95', 'ours cpu/q', 'fuse p50', 'fuse p95', 'speedup')
  for (const cls of Object.keys(QUERY_CLASSES)) {
    const o = ours[cls]!
    const f = theirs[cls]!
    row(cls, ms(o.p50), ms(o.p95), ms(o.cpuMean), ms(f.p50), ms(f.p95), f.n ? `${Math.round(f.p50 / o.p50)}×` : '—')
  }
  console.log('')
  row('as the UI pages (50)', 'p1 p50', 'p1 p95', 'p2 p50', 'p2 p95', 'p2 cpu/q', '')
  for (const cls of Object.keys(QUERY_CLASSES)) {
    const o = ours[cls]!
    row(cls, ms(o.p50), ms(o.p95), ms(o.page2.p50), ms(o.page2.p95), ms(o.page2CpuMean), '')
  }
  console.log('')
  const row2 = (a: string, b: string, c: string, d: string, e: string, f: string, g: string) =>
    console.log(`${a.padEnd(24)}${b.padStart(11)}${c.padStart(11)}${d.padStart(12)}${e.padStart(12)}${f.padStart(14)}${g.padStart(14)}`)
  row2('understanding on / off', 'on p50', 'on p95', 'off p50', 'off p95', 'found on', 'found off')
  for (const cls of Object.keys(QUERY_CLASSES)) {
    const o = ours[cls]!
    const b = before[cls]!
    row2(cls, ms(o.p50), ms(o.p95), ms(b.p50), ms(b.p95), o.totals.join('/'), b.totals.join('/'))
  }
  if (sampled && fuseSample > 0) console.log(`(fuse.js at ${n.toLocaleString('en')}: a sample of ${fuseSample} quer${fuseSample === 1 ? 'y' : 'ies'} per class, run once each — it takes seconds per query)`)
  console.log('')
  const line = (label: string, value: string) => console.log(`${label.padEnd(52)}${value}`)
  line('index build, in-thread (from projected docs)', `${ms(buildMs)} (cpu ${ms(buildCpuMs)})`)
  line('projection of records to index docs', ms(projectMs))
  if (worker) {
    line('worker rebuild end to end (project, post, build)', ms(worker.rebuildMs))
    line('  of which in the worker (build)', ms(worker.workerBuildMs))
    line('  longest stall of the calling thread meanwhile', ms(worker.maxStallMs))
    line('worker query round trip, p50 (5 queries × 5)', ms(worker.queryP50))
  }
  line('index memory (structures), after GC', `${mb(m1.heap - m0.heap + m1.external - m0.external)} (+ ${mb(chars * 2)} of text it keeps)`)
  line('fuse.js build / memory', `${ms(fuseBuildMs)} / ${mb(f1.heap - f0.heap + f1.external - f0.external)}`)
  line('incremental edit per record, p50 / p95', `${ms(pct(upd, 50))} / ${ms(pct(upd, 95))}`)
  line('incremental create / delete per record, p50', `${ms(pct(created, 50))} / ${ms(pct(deleted, 50))}`)
  return {
    records: n,
    characters: chars,
    index: stats,
    buildMs,
    buildCpuMs,
    projectMs,
    worker,
    memoryBytes: m1.heap - m0.heap + m1.external - m0.external,
    update: { edit: stat(upd), create: stat(created), delete: stat(deleted) },
    before,
    fuse: { buildMs: fuseBuildMs, memoryBytes: f1.heap - f0.heap + f1.external - f0.external, sampled, perClass: theirs },
    ours,
  }
}

export async function run(args: string[]): Promise<void> {
  const only = arg(args, '--records')
  const runs = arg(args, '--runs') ?? 20
  const fuseSample = arg(args, '--fuse-sample') ?? 2
  const sizes = only ? [only] : [1_000, 10_000, 100_000]
  console.log(`search bench: ${sizes.map((s) => s.toLocaleString('en')).join(', ')} records; ${runs} runs per query; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  const results = []
  for (const n of sizes) results.push(await runSize(n, runs, fuseSample))
  const big = results[results.length - 1]!
  if (big.records >= 100_000) {
    const worstP95 = Math.max(...Object.values(big.ours).map((o) => o.p95))
    const worstPage2 = Math.max(...Object.values(big.ours).map((o) => o.page2.p95))
    const minSpeedup = Math.min(...Object.keys(QUERY_CLASSES).map((c) => big.fuse.perClass[c]!.p50 / big.ours[c]!.p50))
    console.log(`\ngoals at ${big.records.toLocaleString('en')}:`)
    console.log(`  p95 ≤ 16 ms for every class, page 1 (limit 50)   worst ${ms(worstP95)}  ${worstP95 <= 16 ? 'met' : 'MISSED'}`)
    console.log(`  p95 ≤ 16 ms for every class, page 2 (offset 50)  worst ${ms(worstPage2)}  ${worstPage2 <= 16 ? 'met' : 'MISSED'}`)
    const oldClasses = Object.keys(QUERY_CLASSES).filter((c) => !NATURAL_CLASSES.has(c))
    const worstOn = Math.max(...oldClasses.map((c) => big.ours[c]!.p95))
    const worstOff = Math.max(...oldClasses.map((c) => big.before[c]!.p95))
    console.log(`  p95 within 20% of understanding off (query-syntax classes, worst class)  ${ms(worstOn)} vs ${ms(worstOff)} (${Math.round((100 * worstOn) / worstOff)}%)  ${worstOn <= 1.2 * worstOff ? 'met' : 'MISSED'}`)
    if (fuseSample > 0) console.log(`  ≥ 100× faster than fuse.js       least ${Math.round(minSpeedup)}× (p50)  ${minSpeedup >= 100 ? 'met' : 'MISSED'}`)
    console.log(`  build ≤ 3 s                       ${ms(big.buildMs)}  ${big.buildMs <= 3000 ? 'met' : 'MISSED'}`)
    console.log(`  update ≤ 2 ms per record          p95 ${ms(big.update.edit.p95)}  ${big.update.edit.p95 <= 2 ? 'met' : 'MISSED'}`)
  }
  mkdirSync('bench/results', { recursive: true })
  writeFileSync('bench/results/search.json', JSON.stringify({ at: new Date().toISOString(), loadavg: loadavg(), runs, fuseSample, results }, null, 2))
  console.log('\nwritten bench/results/search.json')
}
