// Generated photo fixtures: small JPEGs with the EXIF a camera writes.
import sharp from 'sharp'

export interface JpegOptions {
  width?: number
  height?: number
  seed?: number
  taken?: string // '2024:06:23 10:15:00'
  make?: string
  model?: string
  orientation?: number
  gps?: boolean
}

export async function makeJpeg(o: JpegOptions = {}): Promise<Buffer> {
  const w = o.width ?? 64
  const h = o.height ?? 48
  const seed = o.seed ?? 1
  const px = Buffer.alloc(w * h * 3)
  for (let i = 0; i < px.length; i++) px[i] = (i * 7 + seed * 131 + ((i / 3) | 0) % w) & 0xff
  const ifd0: Record<string, string> = { Make: o.make ?? 'Canon', Model: o.model ?? 'EOS R6' }
  if (o.orientation) ifd0.Orientation = String(o.orientation)
  const exif: Record<string, Record<string, string>> = { IFD0: ifd0 }
  if (o.taken) exif.IFD2 = { DateTimeOriginal: o.taken }
  if (o.gps) exif.IFD3 = { GPSLatitudeRef: 'N', GPSLatitude: '44/1 9/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '87/1 58/1 48/1' }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).withExif(exif).toBuffer()
}
