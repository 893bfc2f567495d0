// EXIF with exifr, kept as plain data on the photo record and mapped to its fields:
// 时间 from DateTimeOriginal; GPS is kept and offered as 地点 only when the user confirms.
// Loaded on first use, not at start.
const exifrLib = () => import('exifr').then((m) => m.default)

export interface PhotoExif {
  takenAt?: string // local time as the camera wrote it: 2024-06-23T10:15:00
  make?: string
  model?: string
  orientation?: number
  gps?: { lat: number; lon: number; alt?: number }
  width?: number
  height?: number
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/

export async function readExif(input: Buffer | string): Promise<PhotoExif | null> {
  // reviveValues off: dates stay the camera's local strings, never shifted by a time zone.
  const exifr = await exifrLib()
  const raw = (await exifr
    .parse(input, { tiff: true, exif: true, gps: true, reviveValues: false, translateValues: false, mergeOutput: true })
    .catch(() => null)) as Record<string, unknown> | null | undefined
  if (!raw) return null
  const out: PhotoExif = {}
  const when = String(raw.DateTimeOriginal ?? raw.CreateDate ?? raw.DateTime ?? '')
  const m = EXIF_DATE.exec(when)
  if (m && m[1] !== '0000') out.takenAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`
  if (typeof raw.Make === 'string' && raw.Make.trim()) out.make = raw.Make.trim()
  if (typeof raw.Model === 'string' && raw.Model.trim()) out.model = raw.Model.trim()
  if (typeof raw.Orientation === 'number') out.orientation = raw.Orientation
  const gps = await exifr.gps(input).catch(() => null)
  if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) out.gps = { lat: round(gps.latitude), lon: round(gps.longitude) }
  const w = raw.ExifImageWidth ?? raw.ImageWidth
  const h = raw.ExifImageHeight ?? raw.ImageHeight
  if (typeof w === 'number') out.width = w
  if (typeof h === 'number') out.height = h
  return Object.keys(out).length ? out : null
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

/** The record fields EXIF fills: date (YYYY-MM-DD) and caption 时间. */
export function exifFields(e: PhotoExif | null): { date: string; time: string } {
  const m = e?.takenAt ? /^(\d{4})-(\d{2})-(\d{2})/.exec(e.takenAt) : null
  if (!m) return { date: '', time: '' }
  return { date: `${m[1]}-${m[2]}-${m[3]}`, time: `${m[1]}年${Number(m[2])}月${Number(m[3])}日` }
}

/** "43.8252, 87.6168" — what a confirmed GPS position puts into 地点. */
export function gpsText(g: PhotoExif['gps']): string {
  return g ? `${g.lat.toFixed(5)}, ${g.lon.toFixed(5)}` : ''
}
