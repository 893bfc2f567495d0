// The baseline engine: fuse.js over every record, re-indexed record by record.
// Kept as the comparison in the search bench and relevance report.
import Fuse, { type FuseResultMatch, type IFuseOptions } from 'fuse.js'
import type { HighlightRange } from '../../shared/api'
import type { ArchiveRecord } from '../../shared/domain'
import type { ArchiveReader } from '../core/store/reader'
import { plainUnderstanding, type EngineResult, SearchEngine } from './engine'

export interface FuseDoc {
  id: string
  kind: ArchiveRecord['kind']
  title: string
  caption: string
  places: string
  people: string
  tags: string
  body: string
}

export const FUSE_KEYS = [
  { name: 'title', weight: 3 },
  { name: 'tags', weight: 2 },
  { name: 'places', weight: 2 },
  { name: 'people', weight: 2 },
  { name: 'caption', weight: 1.5 },
  { name: 'body', weight: 1 },
]

export function fuseDoc(store: ArchiveReader, r: ArchiveRecord): FuseDoc {
  const tags = r.tags.map((t) => store.tags.get(t)?.path ?? '').join(' ')
    return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    caption: r.kind === 'photo' ? [...Object.values(r.caption), r.description].join(' ') : '',
    places: r.kind === 'batch' ? r.counterpart : r.places.join(' '),
    people: r.kind === 'batch' ? r.leader : r.people.join(' '),
    tags,
    body: r.kind === 'report' ? r.body : r.kind === 'achievement' ? r.summary : r.notes,
  }
}

export const FUSE_OPTIONS: IFuseOptions<FuseDoc> = { keys: FUSE_KEYS, includeScore: true, includeMatches: true, ignoreLocation: true, threshold: 0.4 }

export class FuseEngine implements SearchEngine {
  readonly kind = 'fuse' as const
  private fuse: Fuse<FuseDoc> = new Fuse([], FUSE_OPTIONS)
  constructor(private readonly store: ArchiveReader) {}

  async rebuild(): Promise<void> {
    this.fuse = new Fuse([...this.store.records.values()].map((r) => fuseDoc(this.store, r)), FUSE_OPTIONS)
  }

  update(ids: string[]): void {
    const set = new Set(ids)
    this.fuse.remove((d) => set.has(d.id))
    for (const id of ids) {
      const r = this.store.records.get(id)
      if (r) this.fuse.add(fuseDoc(this.store, r))
    }
  }

  async query({ q, limit, kinds }: { q: string; limit: number; kinds?: ArchiveRecord['kind'][] | undefined }): Promise<EngineResult> {
    const countsByKind = { batch: 0, report: 0, achievement: 0, photo: 0 }
    if (!q.trim()) return { total: 0, hits: [], countsByKind, warnings: [], suggestions: [], understood: plainUnderstanding(0) }
    let res = this.fuse.search(q)
    if (kinds?.length) res = res.filter((r) => kinds.includes(r.item.kind))
    for (const r of res) countsByKind[r.item.kind]++
    return {
      total: res.length,
      hits: res.slice(0, limit).map((r) => ({ id: r.item.id, score: 1 - (r.score ?? 1), highlights: highlights(r.matches ?? []) })),
      countsByKind,
      warnings: [],
      suggestions: [],
      understood: plainUnderstanding(res.length),
    }
  }

  async close(): Promise<void> {}
}

function highlights(matches: readonly FuseResultMatch[]): HighlightRange[] {
  return matches
    .filter((m) => m.key && typeof m.value === 'string')
    .map((m) => ({ field: m.key!, text: m.value!, ranges: m.indices.map(([s, e]) => [s, e + 1] as [number, number]) }))
}
