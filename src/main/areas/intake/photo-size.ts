// Pixel size of a stored photo, from its header only (sharp reads no pixels for this), so
// photos imported before the size was kept show it without a write to the archive. The
// stored bytes never change (content-addressed), so an answer is kept for the process.
// Loaded on first use, not at start (libvips is large; most runs never touch an image).
const sharpLib = () => import('sharp').then((m) => m.default)
import { filePath } from '../../media/files'
import { limits } from './limits'

export type PixelSize = { width: number; height: number }

const known = new Map<string, PixelSize | null>()
const KEEP = 5000

/** The size as stored (before any EXIF rotation), or null when the file is missing or unreadable. */
export async function storedPhotoSize(archiveDir: string, hash: string): Promise<PixelSize | null> {
  if (known.has(hash)) return known.get(hash)!
  const sharp = await sharpLib()
  const size = await sharp(filePath(archiveDir, hash), { limitInputPixels: limits().imagePixels })
    .metadata()
    .then((m) => (m.width && m.height ? { width: m.width, height: m.height } : null))
    .catch(() => null)
  if (known.size >= KEEP) known.delete(known.keys().next().value!)
  known.set(hash, size)
  return size
}
