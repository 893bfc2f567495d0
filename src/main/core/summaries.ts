// Derived, read-only views of records: the library row and the filing code.
import type { RecordSummary } from '../../shared/api'
import { refCodeFor } from '../../shared/archival'
import type { ArchiveRecord } from '../../shared/domain'
import type { ArchiveReader } from './store/reader'

export function summarise(store: ArchiveReader, r: ArchiveRecord): RecordSummary {
  const batchId = r.kind === 'batch' ? r.id : r.batchId
  const batch = batchId ? store.records.get(batchId) : undefined
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    date: r.kind === 'batch' ? r.startDate : r.date,
    batchId,
    batchNumber: batch?.kind === 'batch' ? batch.number : null,
    area: r.kind === 'batch' ? '' : r.area,
    places: r.kind === 'batch' ? [] : r.places,
    tags: r.tags,
    sample: r.sample,
    updatedAt: r.updatedAt,
    refCode: r.kind === 'report' ? refCodeFor(store.settings, r.filing, 'WS') : '',
    photoNo: r.kind === 'photo' ? r.photoNo : '',
    hasFile: r.kind === 'photo' ? !!r.file : r.kind === 'report' ? r.attachments.length > 0 : false,
    placeholder: r.kind === 'photo' ? !!r.file?.placeholder : false,
  }
}
