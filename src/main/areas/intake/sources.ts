// Turns the paths a user named (files and whole folders) into import sources. A caption
// sidecar (IMG_0001.txt beside IMG_0001.jpg) is read as the photo's caption, not imported.
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { routeFiles } from '../../../shared/intake-routing'
import type { PhotoSource } from './photos'

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

export interface ImportSources {
  photos: PhotoSource[]
  /** Paths of documents, for report intake. */
  reports: string[]
  /** Paths that are neither: each fails with file.unknown_kind. */
  unsupported: string[]
}

/** Files and folders sorted by type (the same rule as the drop zone), captions read. */
export async function collectImport(paths: string[]): Promise<ImportSources> {
  const routed = routeFiles(await collectFiles(paths), (f) => f)
  const photos: PhotoSource[] = []
  for (const { item, caption } of routed.photos) {
    const text = caption ? (await readFile(caption, 'utf8').catch(() => '')).replace(/^\uFEFF/, '').trim() : ''
    photos.push({ name: basename(item), path: item, caption: text || undefined })
  }
  return { photos, reports: routed.reports, unsupported: routed.unsupported }
}

/** Photo sources with their captions. */
export async function collectPhotoSources(paths: string[]): Promise<PhotoSource[]> {
  return (await collectImport(paths)).photos
}
