// Empty drafts for new records: every field the form shows, with the domain's defaults.
import type { RecordKind } from '@shared/domain'
import type { Draft } from './editor'

const placed = (batchId: string | null) => ({ batchId, area: '', places: [] as string[], people: [] as string[], date: '' })

export function blankDraft(kind: RecordKind, opts: { nextBatchNumber: number; batchId: string | null }): Draft {
  const common = { title: '', sample: false, notes: '' }
  switch (kind) {
    case 'batch':
      return { ...common, number: opts.nextBatchNumber, startDate: '', endDate: '', counterpart: '', leader: '' }
    case 'report':
      return {
        ...common, ...placed(opts.batchId), reportType: '报告', titleSupplied: false, docNumber: '', responsible: '', pages: 0,
        classification: '', retention: 'Y', openness: '未审核', body: '', source: '', keywords: [], remarks: '',
      }
    case 'achievement':
      return { ...common, ...placed(opts.batchId), endDate: '', organisations: [], metrics: [], status: 'completed', summary: '' }
    case 'photo':
      return {
        ...common, ...placed(opts.batchId), photoNo: '', refNo: '', description: '',
        caption: { event: '', time: '', place: '', people: '', background: '', photographer: '' },
      }
  }
}
