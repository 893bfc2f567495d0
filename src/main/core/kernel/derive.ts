// What follows from a change, computed in one place for every path: a deleted record takes
// its links with it and its batch's, group's or tag's records let go of it; a photo
// entering a group gets the next 照片号 of the archive's sequence; a photo's 参见号 follows
// its links to filed reports (and their 档号, and the 全宗号).
import { photoNoSequence, renderPhotoNo } from '../../../shared/archival'
import type { ArchiveRecord, PhotoRecord } from '../../../shared/domain'
import { derivedRefNo } from '../rules/ref-no-derived'
import type { Draft, StateView } from './draft'

export interface Stamp {
  now: string
  who: string
}

function touch(draft: Draft, r: ArchiveRecord, patch: Partial<ArchiveRecord>, s: Stamp): ArchiveRecord {
  const next = { ...r, ...patch, updatedAt: s.now, updatedBy: s.who } as ArchiveRecord
  draft.set('records', r.id, next)
  return next
}

export function cascade(draft: Draft, s: Stamp): void {
  const goneRecords = [...draft.pending.records].filter(([id, r]) => !r && draft.before('records', id)).map(([id]) => id)
  for (const id of goneRecords) for (const l of draft.linksOf(id)) draft.set('links', l.id, null)
  const goneBatches = new Set(goneRecords.filter((id) => draft.before('records', id)?.kind === 'batch'))
  const goneTags = new Set([...draft.pending.tags].filter(([id, t]) => !t && draft.before('tags', id)).map(([id]) => id))
  const goneGroups = new Set([...draft.pending.photoGroups].filter(([id, g]) => !g && draft.before('photoGroups', id)).map(([id]) => id))
  if (!goneBatches.size && !goneTags.size && !goneGroups.size) return
  // One pass over the archive for all of them (these deletions are rare; records are many).
  for (const r of [...draft.records()]) {
    const patch: Record<string, unknown> = {}
    if (r.kind !== 'batch' && r.batchId && goneBatches.has(r.batchId)) patch.batchId = null
    if (r.kind === 'photo' && r.groupId && goneGroups.has(r.groupId)) patch.groupId = null
    if (r.tags.some((t) => goneTags.has(t))) patch.tags = r.tags.filter((t) => !goneTags.has(t))
    if (Object.keys(patch).length) touch(draft, r, patch as Partial<ArchiveRecord>, s)
  }
}

/**
 * 照片号 for photos in a group that have none, and for photos asked to be renumbered:
 * the next number of the photo's sequence (by its 年度), skipping any number already held,
 * so a number once issued is never issued again.
 */
export function issuePhotoNos(draft: Draft, renumber: ReadonlySet<string>, s: Stamp): void {
  const format = draft.settings.photoNoFormat
  // A number that arrives in the archive's form (typed, imported, restored) counts as issued.
  const parse = photoNoParser(format)
  for (const r of draft.pending.records.values()) {
    if (r?.kind !== 'photo' || !r.photoNo) continue
    const got = parse(r.photoNo)
    if (got && got.n > draft.counter(got.key)) draft.counters.set(got.key, got.n)
  }
  for (const [id, r] of [...draft.pending.records]) {
    if (r?.kind !== 'photo' || r.photoNo || (draft.hold.has(id) && !renumber.has(id)) || !(r.groupId || renumber.has(id))) continue
    const next = nextPhotoNo(draft, r, s.now)
    draft.counters.set(next.key, next.n)
    touch(draft, r, { photoNo: next.photoNo }, s)
  }
}

/**
 * The next 照片号 of a photo's sequence (by its 年度, else the year now): one past the last
 * issued, skipping any number already held. Issuing uses it, and so does a suggestion.
 */
export function nextPhotoNo(view: Pick<StateView, 'settings' | 'counter' | 'withPhotoNo'>, photo: Pick<PhotoRecord, 'date'>, now: string): { key: string; n: number; photoNo: string } {
  const format = view.settings.photoNoFormat
  const year = Number(photo.date.slice(0, 4)) || Number(now.slice(0, 4))
  const key = photoNoSequence(format, year)
  let n = view.counter(key) + 1
  while (n < 1_000_000 && view.withPhotoNo(renderPhotoNo(format, year, n)).length) n++
  return { key, n, photoNo: renderPhotoNo(format, year, n) }
}

/** Reads a 照片号 back in the archive's form: its sequence and number, or null. */
function photoNoParser(format: string): (no: string) => { key: string; n: number } | null {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = format
    .split(/(\{year\}|\{n\})/)
    .map((part) => (part === '{year}' ? '(?<year>\\d{4})' : part === '{n}' ? '(?<n>\\d{1,6})' : esc(part)))
    .join('')
  let re: RegExp
  try {
    re = new RegExp(`^${pattern}$`)
  } catch {
    return () => null // a form the settings schema would refuse (two {n}): nothing to read back
  }
  return (no) => {
    const m = re.exec(no)
    if (!m?.groups?.n) return null
    const year = m.groups.year ? Number(m.groups.year) : 0
    return { key: photoNoSequence(format, year), n: Number(m.groups.n) }
  }
}

export function deriveRefNos(draft: Draft, s: Stamp): void {
  const photos = new Set<string>()
  const consider = (id: string) => {
    if (draft.record(id)?.kind === 'photo') photos.add(id)
  }
  for (const [id, r] of draft.pending.records) {
    if (r?.kind === 'photo') photos.add(id)
    const before = draft.before('records', id)
    // A report filed, refiled or deleted: the photos linked to it see a new 档号 (or none).
    if (before?.kind === 'report' || r?.kind === 'report') {
      const f = (x: ArchiveRecord | null | undefined) => (x?.kind === 'report' ? JSON.stringify(x.filing) : '')
      if (f(before) !== f(r)) for (const l of draft.store.linksOf(id)) [l.from, l.to].forEach(consider)
    }
  }
  for (const [id, l] of draft.pending.links) {
    const before = draft.before('links', id)
    for (const x of [before, l]) if (x) [x.from, x.to].forEach(consider)
  }
  // Every rendered 档号 carries the 全宗号.
  if (draft.settingsChanged && draft.settings.fondsCode !== draft.store.settings.fondsCode)
    for (const r of draft.records()) if (r.kind === 'photo' && (r.refNo || draft.linksOf(r.id).length)) photos.add(r.id)
  for (const id of photos) {
    const p = draft.record(id) as PhotoRecord | undefined
    if (!p) continue
    const refNo = derivedRefNo(draft, p)
    if (refNo !== p.refNo) touch(draft, p, { refNo }, s)
  }
}
