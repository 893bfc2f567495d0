// Media by record id, never by path: the one place that turns (record id, variant)
// into a file inside the archive folder. Used by the Electron protocol and the bridge.
import { stat } from 'node:fs/promises'
import { MEDIA_VARIANTS, type MediaVariant } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import type { ArchiveReader } from '../core/store/reader'
import { filePath } from './files'
import { ensureThumb } from './thumbs'

export interface ResolvedMedia {
  path: string
  mime: string
  size: number
}

export function isVariant(v: string): v is MediaVariant {
  return (MEDIA_VARIANTS as readonly string[]).includes(v)
}

export async function resolveMedia(store: ArchiveReader, recordId: string, variant: string): Promise<ResolvedMedia> {
  if (!isVariant(variant)) throw new ApiError('not_found', 'media.unknown_variant', { variant })
  const r = store.records.get(recordId)
  const file = r?.kind === 'photo' ? r.file : r?.kind === 'report' ? r.attachments[0] : null
  if (!file) throw new ApiError('not_found', 'media.none', { id: recordId })
  const path = filePath(store.dir, file.sha256)
  const s = await stat(path).catch(() => null)
  if (!s?.isFile()) throw new ApiError('not_found', 'media.missing', { id: recordId })
  // Photos' thumb/preview come from thumbs/, rebuilt on demand; an image sharp cannot
  // read (or a read-only archive) falls back to the original.
  if (variant !== 'original' && r?.kind === 'photo' && file.mime.startsWith('image/')) {
    const derived = await ensureThumb(store.dir, file.sha256, path, variant).catch(() => null)
    const ds = derived ? await stat(derived).catch(() => null) : null
    if (derived && ds) return { path: derived, mime: 'image/jpeg', size: ds.size }
  }
  return { path, mime: file.mime, size: s.size }
}
