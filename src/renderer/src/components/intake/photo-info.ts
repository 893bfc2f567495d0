// A photo's 拍摄信息 as people read it: 拍摄时间 in the locale's way, 相机 as make and model,
// 位置 as 北纬/东经 degrees, 像素 as the photo stands (width × height after the camera's
// rotation). One place for the record page and the viewer, so neither shows stored keys.
import { formatDate } from '@shared/dates'

type T = (key: string, params?: Record<string, unknown>) => string
type Locale = 'zh-CN' | 'en'

export interface PhotoFacts {
  takenAt?: string
  make?: string
  model?: string
  orientation?: number
  gps?: { lat: number; lon: number }
  width?: number
  height?: number
}

export interface InfoRow {
  key: 'takenAt' | 'camera' | 'position' | 'pixels'
  label: string
  value: string
}

/** The stored exif object, read defensively: an archive imported from JSON may hold anything. */
export function photoFacts(raw: unknown, dims?: { width: number; height: number } | null): PhotoFacts {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined)
  const g = o.gps && typeof o.gps === 'object' ? (o.gps as Record<string, unknown>) : null
  const lat = typeof g?.lat === 'number' && Math.abs(g.lat) <= 90 ? g.lat : undefined
  const lon = typeof g?.lon === 'number' && Math.abs(g.lon) <= 180 ? g.lon : undefined
  const width = num(o.width) ?? dims?.width
  const height = num(o.height) ?? dims?.height
  return {
    takenAt: str(o.takenAt), make: str(o.make), model: str(o.model), orientation: num(o.orientation),
    gps: lat !== undefined && lon !== undefined ? { lat, lon } : undefined,
    width: width && height ? width : undefined, height: width && height ? height : undefined,
  }
}

/** "2024-06-23T10:15:00" (camera's local time, no zone) → 2024年6月23日 10:15 / 2024-06-23 10:15. */
export function takenText(iso: string, locale: Locale): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso)
  if (!m) return iso
  const date = formatDate(m[1]!, locale)
  return m[2] ? `${date} ${m[2]}:${m[3]}` : date
}

/** Make and model as one name, without the make twice ("Canon Canon EOS R6"). */
export function cameraText(make?: string, model?: string): string {
  if (!model) return make ?? ''
  if (!make || model.toLowerCase().startsWith(make.toLowerCase().split(/\s/)[0]!)) return model
  return `${make} ${model}`
}

export function positionText(gps: { lat: number; lon: number }, t: T): string {
  const deg = (v: number) => Math.abs(v).toFixed(5)
  const lat = t(gps.lat >= 0 ? 'intake.info.north' : 'intake.info.south', { v: deg(gps.lat) })
  const lon = t(gps.lon >= 0 ? 'intake.info.east' : 'intake.info.west', { v: deg(gps.lon) })
  return t('intake.info.latLon', { lat, lon })
}

/** Width × height as the photo is shown: EXIF orientations 5–8 turn it a quarter. */
export function pixelsText(f: PhotoFacts): string {
  if (!f.width || !f.height) return ''
  const turned = (f.orientation ?? 1) >= 5 && (f.orientation ?? 1) <= 8
  const [w, h] = turned ? [f.height, f.width] : [f.width, f.height]
  return `${w} × ${h}`
}

/** The four rows, each with '' where the photo does not say. */
export function photoInfoRows(f: PhotoFacts, t: T, locale: Locale): InfoRow[] {
  return [
    { key: 'takenAt', label: t('intake.info.takenAt'), value: f.takenAt ? takenText(f.takenAt, locale) : '' },
    { key: 'camera', label: t('intake.info.camera'), value: cameraText(f.make, f.model) },
    { key: 'position', label: t('intake.info.position'), value: f.gps ? positionText(f.gps, t) : '' },
    { key: 'pixels', label: t('intake.info.pixels'), value: pixelsText(f) },
  ]
}

/** Whether the stored facts lack the size, so the host should be asked to read it from the file. */
export function needsDims(f: PhotoFacts): boolean {
  return !f.width || !f.height
}
