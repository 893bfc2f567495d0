// npm run bench -- import [--count N] [--concurrency N]
// Generates N photo-like 12-megapixel JPEGs with EXIF (cached in the temp folder, so a
// second run skips this), then times, on the same files:
//   sharp alone: read each file, make the same thumbnail and preview, write them;
//   the whole import: hash, copy into files/, EXIF, thumbnails, records committed in chunks.
// Both run the same number of files at once (default: one per core). Goal: import ≤ 1.5×.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { openArchive } from '../src/main/app'
import { importPhotos } from '../src/main/areas/intake/photos'
import { collectPhotoSources } from '../src/main/areas/intake/sources'
import { makeThumbs } from '../src/main/media/thumbs'

const W = 4000
const H = 3000
const arg = (args: string[], name: string, dflt: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : dflt
}

/** A photo-like base: a sky-to-ground gradient with shapes and grain (so JPEGs are camera-sized). */
async function basePixels(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs>
    <linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5b8fd6"/><stop offset="0.55" stop-color="#d9e6f2"/><stop offset="0.56" stop-color="#6b7f3a"/><stop offset="1" stop-color="#3d3a22"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/><circle cx="3000" cy="700" r="260" fill="#f6d36b"/>
    <path d="M0 1900 Q1000 1300 2000 1800 T4000 1700 V3000 H0Z" fill="#56652d"/></svg>`
  const smooth = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer()
  const noise = await sharp({ create: { width: W, height: H, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 18 } } }).raw().toBuffer()
  for (let i = 0; i < smooth.length; i++) smooth[i] = Math.max(0, Math.min(255, smooth[i]! + noise[i]! - 128))
  return smooth
}

async function generate(dir: string, count: number): Promise<void> {
  mkdirSync(dir, { recursive: true })
  const have = new Set(readdirSync(dir))
  const todo = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(name(i)))
  if (!todo.length) return
  console.log(`generating ${todo.length} ${W}×${H} JPEGs in ${dir} …`)
  const base = await basePixels()
  const t0 = performance.now()
  const one = async (i: number) => {
    const px = Buffer.from(base)
    px.writeUInt32BE(i, 0) // every file different: its own hash
    const m = String((i % 12) + 1).padStart(2, '0')
    const jpg = await sharp(px, { raw: { width: W, height: H, channels: 3 } })
      .jpeg({ quality: 88 })
      .withExif({ IFD0: { Make: 'Canon', Model: 'EOS R6' }, IFD2: { DateTimeOriginal: `2024:${m}:15 10:${String(i % 60).padStart(2, '0')}:00` } })
      .toBuffer()
    await writeFile(join(dir, name(i)), jpg)
  }
  const queue = [...todo]
  await Promise.all(Array.from({ length: availableParallelism() }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) await one(i)
  }))
  console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}
const name = (i: number) => `IMG_${String(i).padStart(5, '0')}.jpg`

async function sharpAlone(files: string[], out: string, workers: number): Promise<number> {
  const t0 = performance.now()
  const queue = [...files]
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const { thumb, preview } = await makeThumbs(await readFile(f))
      const base = join(out, f.split('/').pop()!)
      await Promise.all([writeFile(`${base}-thumb.jpg`, thumb), writeFile(`${base}-preview.jpg`, preview)])
    }
  }))
  return performance.now() - t0
}

async function wholeImport(files: string[], archive: string, workers: number): Promise<number> {
  const svc = await openArchive(archive, { user: 'bench' })
  try {
    const sources = await collectPhotoSources(files)
    const t0 = performance.now()
    const res = await importPhotos(svc, sources, { batchSize: 50, concurrency: workers })
    const ms = performance.now() - t0
    if (res.imported.length !== files.length) throw new Error(`imported ${res.imported.length} of ${files.length}: ${JSON.stringify(res.failed.slice(0, 3))}`)
    return ms
  } finally {
    await svc.close()
  }
}

export async function run(args: string[]): Promise<void> {
  const count = arg(args, '--count', 500)
  const workers = arg(args, '--concurrency', availableParallelism())
  const src = join(tmpdir(), `aid-bench-import-${W}x${H}`)
  await generate(src, count)
  const files = readdirSync(src).filter((f) => f.endsWith('.jpg')).sort().slice(0, count).map((f) => join(src, f))
  const work = mkdtempSync(join(tmpdir(), 'aid-bench-run-'))
  try {
    await mkdir(join(work, 'sharp'))
    // Warm the page cache and sharp once, so neither side pays for the first touch.
    await Promise.all(files.map((f) => readFile(f).then(() => undefined)))
    await makeThumbs(await readFile(files[0]!))
    const alone = await sharpAlone(files, join(work, 'sharp'), workers)
    const whole = await wholeImport(files, join(work, 'archive'), workers)
    const ratio = whole / alone
    const fig = { count, megapixels: (W * H) / 1e6, cores: availableParallelism(), workers, sharpAloneMs: Math.round(alone), importMs: Math.round(whole), ratio: Math.round(ratio * 100) / 100 }
    console.log(`\n${count} × ${fig.megapixels} MP JPEGs, ${workers} at a time on ${fig.cores} cores`)
    console.log(`sharp alone (same thumbnails):  ${(alone / 1000).toFixed(1)} s  (${(alone / count).toFixed(0)} ms/photo)`)
    console.log(`whole import:                   ${(whole / 1000).toFixed(1)} s  (${(whole / count).toFixed(0)} ms/photo)`)
    console.log(`ratio: ${ratio.toFixed(2)}×  (goal ≤ 1.5×) ${ratio <= 1.5 ? 'ok' : 'OVER'}`)
    mkdirSync('bench/results', { recursive: true })
    writeFileSync('bench/results/import.json', JSON.stringify(fig, null, 2))
    console.log('written bench/results/import.json')
  } finally {
    rmSync(work, { recursive: true, force: true })
    if (existsSync(work)) console.error(`could not remove ${work}`)
  }
}
