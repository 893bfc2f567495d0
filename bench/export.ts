// npm run bench -- export [--records N] [--photos N]
// A generated archive of N records (default 10,000) whose first P photos (default 500)
// have real JPEG files (640×480, generated noise, ~100 KB each) linked to achievements,
// and whose reports are filed. Each export runs in a fresh child process, so its peak
// memory is its own; the longest event-loop stall during it is measured too (what a
// host serving the UI at the same time would feel).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { SCHEMA_VERSION, type ArchiveDocument, type Link, type PhotoRecord } from '../src/shared/domain'
import { writeDocument } from '../src/main/core/store/archive-store'
import { putFile } from '../src/main/media/files'
import { generateArchive } from './generate'

const here = fileURLToPath(import.meta.url)
const arg = (args: string[], name: string, dflt: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : dflt
}

const JOBS = [
  { name: 'catalogue .xlsx (all filed reports)', format: 'xlsx', scope: {} },
  { name: 'catalogue .csv', format: 'csv', scope: {} },
  { name: 'summary .docx with photos (whole archive)', format: 'docx', scope: {} },
  { name: 'summary .md', format: 'md', scope: {} },
  { name: 'photo package .zip (all photos)', format: 'photos', scope: {} },
  { name: 'JSON + manifest (re-hashes files)', format: 'json', scope: {} },
] as const

async function build(dir: string, n: number, nPhotos: number): Promise<{ jpegBytes: number; photos: number; filed: number }> {
  const { default: sharp } = await import('sharp')
  const g = generateArchive({ records: n, seed: 7 })
  // Generated records are marked 示例, which exports leave out; here they stand for real ones.
  for (const r of g.records) r.sample = false
  const achievements = g.records.filter((r) => r.kind === 'achievement')
  const links: Link[] = []
  let jpegBytes = 0
  const photos = g.records.filter((r): r is PhotoRecord => r.kind === 'photo')
  for (const [i, p] of photos.slice(0, nPhotos).entries()) {
    const noise = Buffer.alloc(640 * 480 * 3)
    for (let k = 0; k < noise.length; k++) noise[k] = (k * 31 + i * 97 + ((k >> 7) ^ i)) & 0xff
    const jpeg = await sharp(noise, { raw: { width: 640, height: 480, channels: 3 } }).jpeg({ quality: 80 }).toBuffer()
    jpegBytes += jpeg.length
    p.file = await putFile(dir, jpeg, `IMG_${String(i).padStart(4, '0')}.jpg`, 'image/jpeg')
    const a = achievements[i % achievements.length]!
    links.push({ id: `link-b${i}`, from: p.id, to: a.id, type: 'evidence', note: '', createdAt: a.createdAt, createdBy: 'bench' })
  }
  // File every report: 件号 running per (年度, 保管期限, 机构) class.
  const next = new Map<string, number>()
  let filed = 0
  for (const r of g.records) {
    if (r.kind !== 'report' || !r.date) continue
    const year = Number(r.date.slice(0, 4))
    const k = `${year}|${r.retention}`
    next.set(k, (next.get(k) ?? 0) + 1)
    r.filing = { year, retention: r.retention, orgCode: 'BGS', itemNo: next.get(k)! }
    filed++
  }
  const doc: ArchiveDocument = { schemaVersion: SCHEMA_VERSION, seq: 0, settings: g.settings, records: g.records, tags: g.tags, links, photoGroups: [], savedSearches: [], counters: {}, versions: [], conflicts: [] }
  await writeDocument(dir, doc)
  return { jpegBytes, photos: photos.length, filed }
}

async function child(dir: string, format: string): Promise<Record<string, number>> {
  const { openArchive, dispatch } = await import('../src/main/app')
  const svc = await openArchive(dir, { readOnly: true })
  // The longest the event loop went without turning: a host serving the UI would freeze that long.
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  const t = performance.now()
  const f = await dispatch(svc, 'export.run', { format: format as 'xlsx', scope: {} })
  const ms = performance.now() - t
  await new Promise((r) => setTimeout(r, 20))
  h.disable()
  await svc.close()
  return { ms, bytes: f.size, count: f.count, stallMs: h.max / 1e6, peakMB: process.resourceUsage().maxRSS / 1024 }
}

export async function run(args: string[]): Promise<void> {
  const n = arg(args, '--records', 10_000)
  const nPhotos = arg(args, '--photos', 500)
  const dir = mkdtempSync(join(tmpdir(), 'aid-bench-export-'))
  try {
    let t = performance.now()
    const b = await build(dir, n, nPhotos)
    console.log(
      `generated ${n.toLocaleString('en')} records (${b.photos} photos, ${nPhotos} with JPEG files of ${(b.jpegBytes / nPhotos / 1024).toFixed(0)} KB average, ${b.filed} filed reports) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )
    console.log(`\n${'export'.padEnd(44)} ${'time'.padStart(9)} ${'size'.padStart(10)} ${'items'.padStart(7)} ${'stall'.padStart(9)} ${'peak RSS'.padStart(9)}`)
    const results: Record<string, Record<string, number>> = {}
    for (const job of JOBS) {
      t = performance.now()
      const out = execFileSync(process.execPath, ['--import', 'tsx', here, '--child', dir, job.format], { encoding: 'utf8', maxBuffer: 1 << 20 })
      const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>
      results[job.format] = r
      console.log(
        `${job.name.padEnd(44)} ${(r.ms! / 1000).toFixed(2).padStart(7)} s ${(r.bytes! / 1e6).toFixed(1).padStart(7)} MB ${String(r.count).padStart(7)} ${r.stallMs!.toFixed(0).padStart(6)} ms ${r.peakMB!.toFixed(0).padStart(6)} MB`,
      )
    }
    mkdirSync('bench/results', { recursive: true })
    writeFileSync('bench/results/export.json', JSON.stringify({ records: n, photosWithFiles: nPhotos, jpegBytes: b.jpegBytes, results }, null, 2))
    console.log('\nwritten bench/results/export.json')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') {
  const [, , , dir, format] = process.argv
  console.log(JSON.stringify(await child(dir!, format!)))
}
