// The CPU-heavy last step of an export (building the docx or an xlsx from data already
// gathered): plain data in, bytes out, so it can run in a worker thread (offthread.ts).
import type { SummaryModel } from '../../../shared/contract/export'
import type { PhotoGroup, PhotoRecord, Settings } from '../../../shared/domain'
import { catalogueXlsx, type CatalogueSheet } from './catalogue'
import { captionsXlsx } from './photo-package'
import { summaryDocx, type DocxImage } from './summary-docx'

export type RenderJob =
  | { kind: 'docx'; model: SummaryModel; images: Map<string, DocxImage> }
  | { kind: 'catalogue'; settings: Settings; sheets: CatalogueSheet[] }
  | { kind: 'captions'; settings: Settings; photoGroups: Map<string, PhotoGroup>; photos: PhotoRecord[]; names: Map<string, string> }

export function renderJob(job: RenderJob): Promise<Uint8Array> {
  const ctx = (settings: Settings, photoGroups = new Map<string, PhotoGroup>()) => ({ settings, photoGroups, records: new Map(), links: new Map() })
  if (job.kind === 'docx') return summaryDocx(job.model, job.images)
  if (job.kind === 'catalogue') return catalogueXlsx(ctx(job.settings), job.sheets)
  return captionsXlsx(ctx(job.settings, job.photoGroups), job.photos, job.names)
}
