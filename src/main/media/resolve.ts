// Media by record id, never by path: the one place that turns (record id, variant)
// into a file inside the archive folder. Used by the Electron protocol and the bridge.
import { stat } from 'node:fs/promises'
import { MEDIA_VARIANTS, type MediaVariant } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import type { ArchiveStore } from '../core/store/archive-store'
import { filePath } from './files'

export interface ResolvedMedia {
  path: string
  mime: string
  size: number
}

export function isVariant(v: string): v is MediaVariant {
  return (MEDIA_VARIANTS as readonly string[]).includes(v)
}

export async function resolveMedia(store: ArchiveStore, recordId: string, variant: string): Promise<ResolvedMedia> {
  if (!isVariant(variant)) throw new ApiError('not_found', `Unknown media variant ${variant}.`)
  const r = store.records.get(recordId)
  const file = r?.kind === 'photo' ? r.file : r?.kind === 'report' ? r.attachments[0] : null
  if (!file) throw new ApiError('not_found', `Record ${recordId} has no media.`)
  // Thumbnails arrive with photo intake; until one exists the original serves every variant.
  const path = filePath(store.dir, file.sha256)
  const s = await stat(path).catch(() => null)
  if (!s?.isFile()) throw new ApiError('not_found', `The file of record ${recordId} is missing from the archive.`)
  return { path, mime: file.mime, size: s.size }
}
