// The demo archive: the seed article's facts as records in the interchange format
// (resources/demo/demo.json, embedded by the bundler), plus generated placeholder
// images for its photo records. Wired into openArchive as the default demo source.
import demo from '../../../resources/demo/demo.json'
// Invented records for earlier batches (sample: true, tagged 示例), kept in their own file
// so they never mix with the seed's facts; they give chains and comparisons something to show.
import samples from '../../../resources/demo/samples.json'
import { putFile } from '../media/files'
import { placeholderSvg } from './placeholder'

export { placeholderSvg, chineseDate, PLACEHOLDER_LABEL } from './placeholder'

/** The demo archive's data: a fresh copy of demo.json each time (callers may change it). */
export async function demoData(): Promise<unknown> {
  const d = structuredClone(demo) as unknown as { tags: unknown[]; records: unknown[]; links: unknown[] }
  const s = structuredClone(samples) as unknown as typeof d
  return { ...d, tags: [...d.tags, ...s.tags], records: [...d.records, ...s.records], links: [...d.links, ...s.links] } as unknown
}

type Raw = Record<string, unknown>
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Writes one placeholder SVG per photo record into the archive's file store and returns
 * a copy of `data` whose photo records carry the file reference (placeholder: true).
 * Anything that is not an interchange object with records is returned unchanged, so the
 * importer reports the problem.
 */
export async function writeDemoFiles(archiveDir: string, data: unknown): Promise<unknown> {
  if (!isObj(data) || !Array.isArray(data.records)) return data
  const records: unknown[] = []
  for (const r of data.records) {
    if (!isObj(r) || r.kind !== 'photo') {
      records.push(r)
      continue
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : '')
    const caption = isObj(r.caption) ? r.caption : {}
    const svg = placeholderSvg({
      title: str(r.title),
      date: str(r.date),
      photoNo: str(r.photoNo),
      provider: str(caption.photographer),
    })
    const bytes = new TextEncoder().encode(svg)
    const name = `${str(r.id) || 'photo'}-placeholder.svg`
    const file = await putFile(archiveDir, bytes, name, 'image/svg+xml', true)
    records.push({ ...r, file })
  }
  return { ...data, records }
}
