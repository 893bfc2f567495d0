// Helpers for the search tests: index documents without a store.
import type { RecordKind } from '../../shared/domain'
import { GROUPS, type IndexDoc } from './doc'

type Fields = Partial<Record<'title' | 'tags' | 'places' | 'people' | 'caption' | 'body', string>>

export function testDoc(id: string, fields: Fields, extra: Partial<Omit<IndexDoc, 'id' | 'parts'>> = {}): IndexDoc {
  const parts = Object.entries(fields).map(([name, text]) => ({ name, group: GROUPS.indexOf(name as (typeof GROUPS)[number]), text: text! }))
  return {
    id,
    kind: (extra.kind ?? 'report') as RecordKind,
    parts,
    batchId: null,
    batchNumber: null,
    area: '',
    yearFrom: 0,
    yearTo: 0,
    dateKey: 0,
    flags: 0,
    ...extra,
  }
}
