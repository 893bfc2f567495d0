// Derived images: a grid thumbnail and a viewer preview per original, in <archive>/thumbs/.
// They can always be rebuilt from the original (the original itself is never touched).
import { mkdir, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
// Loaded on first use, not at start (libvips is large; most runs never touch an image).
const sharpLib = () => import('sharp').then((m) => m.default)

export const THUMB_PX = 320
export const PREVIEW_PX = 1600
export type ThumbVariant = 'thumb' | 'preview'

export function thumbPath(archiveDir: string, hash: string, variant: ThumbVariant): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad hash')
  return join(archiveDir, 'thumbs', hash.slice(0, 2), `${hash}-${variant}.jpg`)
}

/**
 * Both sizes from one decode: the preview is made from the original (JPEG shrink-on-load
 * keeps that cheap), the thumbnail from the preview's pixels. EXIF orientation is applied
 * to the derived images only.
 */
export async function makeThumbs(input: Buffer | string): Promise<{ thumb: Buffer; preview: Buffer }> {
  const sharp = await sharpLib()
  const { data, info } = await sharp(input, { failOn: 'truncated' })
    .rotate()
    .resize(PREVIEW_PX, PREVIEW_PX, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } }
  const [preview, thumb] = await Promise.all([
    sharp(data, raw).jpeg({ quality: 82, mozjpeg: false }).toBuffer(),
    sharp(data, raw).resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer(),
  ])
  return { thumb, preview }
}

async function put(path: string, data: Buffer): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true })
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  await writeFile(tmp, data)
  await rename(tmp, path)
}

/** Writes both derived images for a stored original (no fsync: they can be rebuilt). */
export async function writeThumbs(archiveDir: string, hash: string, input: Buffer | string): Promise<void> {
  const { thumb, preview } = await makeThumbs(input)
  await Promise.all([put(thumbPath(archiveDir, hash, 'thumb'), thumb), put(thumbPath(archiveDir, hash, 'preview'), preview)])
}

/** The derived image's path, rebuilt from the original if it is missing. */
export async function ensureThumb(archiveDir: string, hash: string, original: string, variant: ThumbVariant): Promise<string> {
  const path = thumbPath(archiveDir, hash, variant)
  if (await stat(path).then((s) => s.isFile(), () => false)) return path
  await writeThumbs(archiveDir, hash, original)
  return path
}
