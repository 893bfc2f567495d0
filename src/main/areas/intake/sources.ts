// Turns the paths a user named (files and whole folders) into import sources. A caption
// sidecar (IMG_0001.txt beside IMG_0001.jpg) is read as the photo's caption, not imported.
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { PhotoSource } from './photos'

const CAPTION_EXT = new Set(['.txt'])
const SKIP = /^(\.|Thumbs\.db$|desktop\.ini$)/i

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  for (const e of entries) {
    if (SKIP.test(e.name)) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) await walk(p, out)
    else if (e.isFile()) out.push(p)
  }
}

/** Files in the order given, folders expanded (sorted naturally); keep(path) filters folder contents. */
export async function collectFiles(paths: string[], keep: (file: string) => boolean = () => true): Promise<string[]> {
  const files: string[] = []
  for (const p of paths) {
    const s = await stat(p).catch(() => null)
    if (s?.isDirectory()) {
      const inner: string[] = []
      await walk(p, inner)
      files.push(...inner.filter(keep))
    } else files.push(p) // a missing file fails alone, with its reason
  }
  return files
}

/** Photo sources with their captions. */
export async function collectPhotoSources(paths: string[]): Promise<PhotoSource[]> {
  const files = await collectFiles(paths)
  const stems = new Map<string, string>()
  for (const f of files) if (CAPTION_EXT.has(extname(f).toLowerCase())) stems.set(f.slice(0, -extname(f).length), f)
  const sources: PhotoSource[] = []
  for (const f of files) {
    if (CAPTION_EXT.has(extname(f).toLowerCase())) continue
    const side = stems.get(f.slice(0, f.length - extname(f).length))
    let caption: string | undefined
    if (side) {
      caption = (await readFile(side, 'utf8')).replace(/^\uFEFF/, '').trim() || undefined
    }
    sources.push({ name: basename(f), path: f, caption })
  }
  return sources
}
