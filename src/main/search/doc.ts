// What the index keeps of a record: its searchable text split into weighted field
// groups, and the few attributes the query language filters on. Projected on the
// thread that owns the store (tag paths and links resolved there), then handed to the
// index in this thread or in the search worker: plain data, structured-cloneable.
import type { ArchiveRecord, RecordKind } from '../../shared/domain'
import { metricText } from '../../shared/metrics'
import type { SearchField } from '../../shared/search-fields'

/** Field groups, in ranking order of their weight. */
export const GROUPS = ['title', 'tags', 'places', 'people', 'caption', 'body'] as const
export type GroupName = (typeof GROUPS)[number]
export const G_TITLE = 0
export const G_TAGS = 1
export const G_PLACES = 2
export const G_PEOPLE = 3
export const G_CAPTION = 4
export const G_BODY = 5
/** The same weights as the fuse.js baseline's keys. */
export const GROUP_WEIGHTS = [3, 2, 2, 2, 1.5, 1]
export const ALL_GROUPS = 0b111111

export const F_PHOTO = 1
export const F_FILE = 2
export const F_METRICS = 4
export const F_TAGS = 8
export const F_LINKS = 16

export interface IndexPart {
  /** Name shown with highlights: title, tags, places, caption.event, body, summary… */
  name: string
  group: number
  text: string
}

export interface IndexDoc {
  id: string
  kind: RecordKind
  parts: IndexPart[]
  /** The batch record this record belongs to (a batch: itself). */
  batchId: string | null
  /** A batch record's number. */
  batchNumber: number | null
  area: string
  /** Years the record covers (0 when undated). */
  yearFrom: number
  yearTo: number
  /** yyyymmdd of the record's date, for recency (0 when unknown). */
  dateKey: number
  flags: number
}

export interface ProjectionContext {
  tagPath(id: string): string | undefined
  /** Records linked to this one (either direction). */
  linked(id: string): Iterable<string>
  kindOf(id: string): RecordKind | undefined
}

export function projectRecord(r: ArchiveRecord, ctx: ProjectionContext): IndexDoc {
  const parts: IndexPart[] = []
  const add = (group: number, name: SearchField, text: string | undefined | null) => {
    if (text && text.trim()) parts.push({ name, group, text })
  }
  const list = (a: readonly string[]) => a.filter((s) => s.trim()).join('、')
  add(G_TITLE, 'title', r.title)
  add(G_TAGS, 'tags', r.tags.map((t) => ctx.tagPath(t) ?? '').filter(Boolean).join(' '))
  let flags = r.tags.length ? F_TAGS : 0
  let linkedPhoto = false
  let links = false
  for (const o of ctx.linked(r.id)) {
    links = true
    if (ctx.kindOf(o) === 'photo') linkedPhoto = true
  }
  if (links) flags |= F_LINKS
  if (linkedPhoto) flags |= F_PHOTO
  const years: number[] = []
  const year = (d: string) => {
    const y = Number(d.slice(0, 4))
    if (d.length >= 4 && Number.isInteger(y) && y > 0) years.push(y)
  }
  let date = ''
  switch (r.kind) {
    case 'batch':
      add(G_PLACES, 'counterpart', r.counterpart)
      add(G_PEOPLE, 'leader', r.leader)
      year(r.startDate)
      year(r.endDate)
      date = r.startDate
      break
    case 'report':
      add(G_PLACES, 'places', list(r.places))
      add(G_PEOPLE, 'people', list(r.people))
      add(G_CAPTION, 'docNumber', r.docNumber)
      add(G_CAPTION, 'responsible', r.responsible)
      add(G_CAPTION, 'keywords', list(r.keywords))
      add(G_CAPTION, 'source', r.source)
      add(G_CAPTION, 'remarks', r.remarks)
      add(G_BODY, 'body', r.body)
      year(r.date)
      if (r.filing) years.push(r.filing.year)
      if (r.attachments.length) flags |= F_FILE
      if (r.attachments.some((a) => a.mime.startsWith('image/'))) flags |= F_PHOTO
      date = r.date
      break
    case 'achievement':
      add(G_PLACES, 'places', list(r.places))
      add(G_PEOPLE, 'people', list(r.people))
      add(G_CAPTION, 'organisations', list(r.organisations))
      add(
        G_CAPTION,
        'metrics',
        r.metrics.map((m) => `${m.label} ${metricText(m)}`).join('；'),
      )
      add(G_BODY, 'summary', r.summary)
      year(r.date)
      year(r.endDate)
      if (r.metrics.length) flags |= F_METRICS
      date = r.date
      break
    case 'photo':
      add(G_PLACES, 'places', list(r.places))
      add(G_PLACES, 'caption.place', r.caption.place)
      add(G_PEOPLE, 'people', list(r.people))
      add(G_PEOPLE, 'caption.people', r.caption.people)
      add(G_CAPTION, 'caption.event', r.caption.event)
      add(G_CAPTION, 'caption.time', r.caption.time)
      add(G_CAPTION, 'caption.background', r.caption.background)
      add(G_CAPTION, 'caption.photographer', r.caption.photographer)
      add(G_CAPTION, 'description', r.description)
      add(G_CAPTION, 'photoNo', r.photoNo)
      add(G_CAPTION, 'refNo', r.refNo)
      year(r.date)
      flags |= F_PHOTO
      if (r.file) flags |= F_FILE
      date = r.date
      break
  }
  add(G_BODY, 'notes', r.notes)
  // Recency is the record's own date (an undated record has none, not "today").
  const dateKey = /^\d{4}/.test(date) ? Number((date.replace(/-/g, '') + '0000').slice(0, 8)) : 0
  return {
    id: r.id,
    kind: r.kind,
    parts,
    batchId: r.kind === 'batch' ? r.id : r.batchId,
    batchNumber: r.kind === 'batch' ? r.number : null,
    area: r.kind === 'batch' ? '' : r.area,
    yearFrom: years.length ? Math.min(...years) : 0,
    yearTo: years.length ? Math.max(...years) : 0,
    dateKey,
    flags,
  }
}
