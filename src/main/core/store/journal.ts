// journal.jsonl: the append-only log of committed changes (who, when, what), and the
// write-ahead log that makes an edit durable in milliseconds: a change is acknowledged
// once its line is fsynced; archive.json is a snapshot rewritten later, coalesced.
// Each line starts with a small header (seq … summary) before the bulky "changes",
// so opening can read the audit trail without parsing every record in it.
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises'
import { ApiError } from '../../../shared/errors'

export type Collection = 'records' | 'tags' | 'links' | 'photoGroups' | 'savedSearches' | 'settings' | 'counters'

/** One document-level change: before null = created, after null = deleted. */
export interface Mutation {
  coll: Collection
  id: string
  before: unknown
  after: unknown
}

export interface JournalHeader {
  seq: number
  at: string
  who: string
  method: string
  /** Ids of changed items, capped (a bulk import lists the first ones and a count). */
  ids: string[]
  count: number
  summary: string
  /** history.undo: the seq of the entry this one reverses (the undo stack is rebuilt from these). */
  undoOf?: number
  /** history.redo: the seq of the undo entry this one reverses. */
  redoOf?: number
}

export type HeaderExtra = Pick<JournalHeader, 'undoOf' | 'redoOf'>

export interface JournalEntry extends JournalHeader {
  changes: Mutation[]
}

const MAX_HEADER_IDS = 50
const CHANGES_KEY = ',"changes":'

export function headerOf(seq: number, at: string, who: string, method: string, summary: string, changes: Mutation[], extra: HeaderExtra = {}): JournalHeader {
  const ids = [...new Set(changes.map((c) => c.id))]
  return { seq, at, who, method, ids: ids.slice(0, MAX_HEADER_IDS), count: ids.length, summary, ...extra }
}

export function serialiseEntry(e: JournalEntry): string {
  const { changes, ...header } = e
  // Header first, changes last: see parseHeader.
  return JSON.stringify(header).slice(0, -1) + CHANGES_KEY + JSON.stringify(changes) + '}\n'
}

/** Reads a line's header without parsing its changes. */
function parseHeader(line: string): JournalHeader {
  const cut = line.indexOf(CHANGES_KEY)
  return JSON.parse(cut >= 0 ? line.slice(0, cut) + '}' : line) as JournalHeader
}

export interface JournalScan {
  headers: JournalHeader[]
  /** Entries newer than the snapshot, fully parsed, to replay. */
  replay: JournalEntry[]
  /** Byte length of the good part; a torn last line (a crash mid-append) lies past it. */
  goodLength: number
  tornTail: boolean
}

export async function scanJournal(file: string, afterSeq: number): Promise<JournalScan> {
  let buf: Buffer
  try {
    buf = await readFile(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { headers: [], replay: [], goodLength: 0, tornTail: false }
    throw e
  }
  const headers: JournalHeader[] = []
  const replay: JournalEntry[] = []
  let pos = 0
  let lineNo = 0
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos)
    if (nl < 0) {
      // No newline: the last append never completed, so it was never acknowledged.
      return { headers, replay, goodLength: pos, tornTail: true }
    }
    lineNo++
    const line = buf.toString('utf8', pos, nl)
    pos = nl + 1
    if (!line.trim()) continue
    try {
      const h = parseHeader(line)
      if (typeof h.seq !== 'number') throw new Error('no seq')
      headers.push(h)
      if (h.seq > afterSeq) replay.push(JSON.parse(line) as JournalEntry)
    } catch (e) {
      throw new ApiError('archive_damaged', 'archive.journal_damaged', { line: lineNo, detail: (e as Error).message }, { details: { file, line: lineNo } })
    }
  }
  return { headers, replay, goodLength: pos, tornTail: false }
}

/** Reads one whole entry by seq (undo of an entry older than the in-memory window). */
export async function readEntry(file: string, seq: number): Promise<JournalEntry | null> {
  let buf: Buffer
  try {
    buf = await readFile(file)
  } catch {
    return null
  }
  // Newest first: undo asks for recent entries.
  let end = buf.length
  while (end > 0) {
    const start = end >= 2 ? buf.lastIndexOf(10, end - 2) + 1 : 0
    const line = buf.toString('utf8', start, end).trim()
    end = start
    if (!line) continue
    try {
      if (parseHeader(line).seq === seq) return JSON.parse(line) as JournalEntry
    } catch {
      /* a torn tail: skip */
    }
  }
  return null
}

/** Appends entries; one write and one fsync per batch (group commit). */
export class JournalWriter {
  private fh: FileHandle | null = null
  constructor(readonly file: string) {}

  async open(goodLength: number, tornTail: boolean): Promise<void> {
    if (tornTail) await truncate(this.file, goodLength)
    this.fh = await open(this.file, 'a')
  }

  async append(entries: JournalEntry[]): Promise<void> {
    if (!this.fh) throw new ApiError('io_error', 'archive.closed')
    await this.fh.writeFile(entries.map(serialiseEntry).join(''))
    await this.fh.sync()
  }

  async close(): Promise<void> {
    await this.fh?.close()
    this.fh = null
  }
}
