// Which intake a file goes to, by its name: one rule for the drop zone, the file picker and
// `aid-archive import`, so a folder of mixed photos and documents lands the same way
// wherever it is handed over. The importers still read every file for what it really is.

/** Extensions a photo is imported from (sharp reads the image; the name only routes it). */
export const PHOTO_EXTS: readonly string[] = ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp', '.heic', '.heif']

/** Documents a report is imported from, with the type its original is kept as. */
export const REPORT_TYPES: Readonly<Record<string, string>> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
}

/** What a desktop leaves in folders; never a user's file, never reported. */
const SYSTEM_FILE = /^(\.|Thumbs\.db$|desktop\.ini$|~\$)/i

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p
export const extOf = (p: string): string => /\.[^./\\]+$/.exec(baseName(p))?.[0].toLowerCase() ?? ''
const stem = (p: string) => p.slice(0, p.length - extOf(p).length)

export interface Routed<T> {
  /** Photos, each with the .txt of the same name beside it (its caption), if any. */
  photos: { item: T; caption?: T }[]
  reports: T[]
  /** Neither a photo nor a document: refused with a reason (file.unknown_kind), not sent. */
  unsupported: T[]
}

/** Sorts files by type, keeping their order; pathOf gives the name or the path within the folder. */
export function routeFiles<T>(items: readonly T[], pathOf: (t: T) => string): Routed<T> {
  const kept = items.filter((i) => !SYSTEM_FILE.test(baseName(pathOf(i))))
  const photoStems = new Set(kept.filter((i) => PHOTO_EXTS.includes(extOf(pathOf(i)))).map((i) => stem(pathOf(i))))
  const captions = new Map<string, T>()
  const out: Routed<T> = { photos: [], reports: [], unsupported: [] }
  for (const i of kept) {
    const p = pathOf(i)
    // A .txt beside a photo of the same name is that photo's caption; any other .txt is a document.
    if (extOf(p) === '.txt' && photoStems.has(stem(p))) captions.set(stem(p), i)
  }
  for (const i of kept) {
    const p = pathOf(i)
    const ext = extOf(p)
    if (PHOTO_EXTS.includes(ext)) out.photos.push({ item: i, caption: captions.get(stem(p)) })
    else if (ext in REPORT_TYPES) {
      if (!(ext === '.txt' && captions.get(stem(p)) === i)) out.reports.push(i)
    } else out.unsupported.push(i)
  }
  return out
}
