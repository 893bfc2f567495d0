// journal.jsonl: the append-only log of committed changes (who, when, what), and the
// write-ahead log that makes an edit durable in milliseconds: a change is acknowledged
// once its line is fsynced; archive.json is a snapshot rewritten later, coalesced.
// Each line starts with a small header (seq … summary) before the bulky "changes",
// so opening can read the audit trail without parsing every record in it.
//
// A line is data from disk, not from the kernel: it may be torn, damaged or forged. Every
// header is checked (seq strictly increasing), and every entry that will be replayed is
// checked whole — known collections only, each item against its schema — before any of it
// touches the store, so a bad line fails opening as archive_damaged instead of crashing it
// or being written into the next snapshot.
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises'
import { z } from 'zod'
import { Conflict, ItemVersion, Link, PhotoGroup, SavedSearch, Settings, StoredRecord, Tag } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'

export type Collection = 'records' | 'tags' | 'links' | 'photoGroups' | 'savedSearches' | 'versions' | 'conflicts' | 'settings' | 'counters'
export type KeyedCollection = Exclude<Collection, 'settings' | 'counters'>

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
  /** exchange: the archive the merged changes came from (its replica id and name), and how. */
  from?: { archive: string; name: string; via: 'package' | 'sync'; source?: string }
}

export type HeaderExtra = Pick<JournalHeader, 'undoOf' | 'redoOf' | 'from'>

export interface JournalEntry extends JournalHeader {
  changes: Mutation[]
}

const MAX_HEADER_IDS = 50
const CHANGES_KEY = ',"changes":'

/** The item schemas a replayed `after` must pass: records as archive.json may hold them (StoredRecord). */
const ITEM_SCHEMAS: Record<KeyedCollection, z.ZodType> = { records: StoredRecord, tags: Tag, links: Link, photoGroups: PhotoGroup, savedSearches: SavedSearch, versions: ItemVersion, conflicts: Conflict }
/** Every collection of items keyed by id, in the order archive.json lists them. */
export const KEYED: readonly KeyedCollection[] = Object.keys(ITEM_SCHEMAS) as KeyedCollection[]
const COLLECTIONS: readonly string[] = [...KEYED, 'settings', 'counters']
/**
 * What the kernel keeps for itself, not what a person changed: numbers issued (a number once
 * issued stays issued) and item versions (stamped anew on every change, undo included).
 */
export const BOOKKEEPING: ReadonlySet<Collection> = new Set(['counters', 'versions'])

const Header = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  who: z.string(),
  method: z.string(),
  ids: z.array(z.string()),
  count: z.number().int().nonnegative(),
  summary: z.string(),
  undoOf: z.number().int().positive().optional(),
  redoOf: z.number().int().positive().optional(),
  from: z.object({ archive: z.string(), name: z.string(), via: z.enum(['package', 'sync']), source: z.string().optional() }).optional(),
})
const Counter = z.number().int().nonnegative()

export function headerOf(seq: number, at: string, who: string, method: string, summary: string, changes: Mutation[], extra: HeaderExtra = {}): JournalHeader {
  // Version bookkeeping is not what the entry changed, for the people reading the journal.
  const ids = [...new Set(changes.filter((c) => c.coll !== 'versions').map((c) => c.id))]
  return { seq, at, who, method, ids: ids.slice(0, MAX_HEADER_IDS), count: ids.length, summary, ...extra }
}

export function serialiseEntry(e: JournalEntry): string {
  const { changes, ...header } = e
  // Header first, changes last: see parseHeader.
  return JSON.stringify(header).slice(0, -1) + CHANGES_KEY + JSON.stringify(changes) + '}\n'
}

/** What is wrong with a line, in a developer's words (it goes into the error's detail). */
class LineProblem extends Error {
  constructor(
    message: string,
    /** The line is not JSON at all (as opposed to JSON that is not an entry). */
    readonly unreadable = false,
  ) {
    super(message)
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const issueText = (e: z.ZodError) => {
  const i = e.issues[0]
  return `${i?.path.join('.') || '(item)'}: ${i?.message ?? 'invalid'}`
}

/** Reads and checks a line's header without parsing its changes. */
function parseHeader(line: string): JournalHeader {
  const cut = line.indexOf(CHANGES_KEY)
  let raw: unknown
  try {
    raw = JSON.parse(cut >= 0 ? line.slice(0, cut) + '}' : line)
  } catch (e) {
    throw new LineProblem((e as Error).message, true)
  }
  const h = Header.safeParse(raw)
  if (!h.success) throw new LineProblem(`header ${issueText(h.error)}`)
  // The line as written (unknown keys kept for the audit trail); only its shape was checked.
  return raw as JournalHeader
}

/** One change of a replayed entry, checked; `after` is the schema's output (unknown keys dropped). */
function checkMutation(m: unknown, i: number): Mutation {
  const at = `changes.${i}`
  if (!isObject(m)) throw new LineProblem(`${at} is not an object`)
  const { coll, id } = m
  if (typeof coll !== 'string' || !COLLECTIONS.includes(coll)) throw new LineProblem(`${at}.coll ${JSON.stringify(coll)} is not a collection`)
  if (typeof id !== 'string' || !id || id.length > 200) throw new LineProblem(`${at}.id is not an id`)
  if (!('before' in m) || !('after' in m)) throw new LineProblem(`${at} lacks before or after`)
  const where = `${at} (${coll} ${id})`
  if (coll === 'counters') {
    for (const k of ['before', 'after'] as const)
      if (m[k] !== null && !Counter.safeParse(m[k]).success) throw new LineProblem(`${where}.${k} is not a count`)
    if (id.length > 100) throw new LineProblem(`${where}.id is too long`)
    return { coll, id, before: m.before, after: m.after }
  }
  // Undo gives `before` back through the kernel, which parses it again; here it only has to be an item.
  if (m.before !== null && !isObject(m.before)) throw new LineProblem(`${where}.before is not an item`)
  if (coll === 'settings') {
    const s = Settings.safeParse(m.after)
    if (!s.success) throw new LineProblem(`${where}.after ${issueText(s.error)}`)
    return { coll, id, before: m.before, after: s.data }
  }
  if (m.after === null) return { coll: coll as KeyedCollection, id, before: m.before, after: null }
  const p = ITEM_SCHEMAS[coll as KeyedCollection].safeParse(m.after)
  if (!p.success) throw new LineProblem(`${where}.after ${issueText(p.error)}`)
  if ((p.data as { id: string }).id !== id) throw new LineProblem(`${where}.after.id is not ${id}`)
  return { coll: coll as KeyedCollection, id, before: m.before, after: p.data }
}

/** A whole line to replay, checked: its header (already read) and every change. */
function parseEntry(line: string, header: JournalHeader): JournalEntry {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch (e) {
    throw new LineProblem((e as Error).message, true)
  }
  const changes = (raw as { changes?: unknown }).changes
  if (!Array.isArray(changes)) throw new LineProblem('changes is not a list')
  return { ...header, changes: changes.map(checkMutation) }
}

/**
 * Would the entry apply cleanly to the state `has` describes: every item it creates absent,
 * every item it changes or deletes present? A replay onto the wrong base (a snapshot from
 * another history, a line forged or moved) shows up here instead of as silent drift.
 */
export function replayConflict(e: JournalEntry, has: (coll: KeyedCollection, id: string) => boolean): string | null {
  const overlay = new Map<string, boolean>()
  for (const [i, c] of e.changes.entries()) {
    if (c.coll === 'settings' || c.coll === 'counters') continue
    const key = `${c.coll}\u0000${c.id}`
    const present = overlay.get(key) ?? has(c.coll, c.id)
    if (present !== (c.before !== null)) return `changes.${i} (${c.coll} ${c.id}) ${present ? 'creates an item that exists' : 'changes an item that does not exist'}`
    overlay.set(key, c.after !== null)
  }
  return null
}

/**
 * A line of the file: where it is (1-based number, byte range including its newline), its
 * header's text and, decoded only when asked, its whole text. A bulk import is one line of
 * hundreds of megabytes; opening needs only its header unless it is replayed.
 */
class RawLine {
  constructor(
    private readonly buf: Buffer,
    readonly no: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get text(): string {
    return this.buf.toString('utf8', this.start, this.end - 1)
  }

  /** The header alone ("…" before `,"changes":`, closed), or the whole line if it has no changes. */
  get head(): string {
    const cut = this.buf.subarray(this.start, this.end - 1).indexOf(CHANGES_BYTES)
    return cut < 0 ? this.text : this.buf.toString('utf8', this.start, this.start + cut) + '}'
  }
}
const CHANGES_BYTES = Buffer.from(CHANGES_KEY)

function splitLines(buf: Buffer): { lines: RawLine[]; goodLength: number; tornTail: boolean } {
  const lines: RawLine[] = []
  let pos = 0
  let no = 0
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos)
    // No newline: the last append never completed, so it was never acknowledged.
    if (nl < 0) return { lines, goodLength: pos, tornTail: true }
    no++
    if (!isBlank(buf, pos, nl)) lines.push(new RawLine(buf, no, pos, nl + 1))
    pos = nl + 1
  }
  return { lines, goodLength: pos, tornTail: false }
}

/** Only whitespace between start and end (what String.trim would remove). */
function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!
    if (b !== 32 && b !== 9 && b !== 13 && b !== 10 && b !== 11 && b !== 12) return buf.toString('utf8', i, end).trim() === ''
  }
  return true
}

async function readJournal(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new ApiError('io_error', 'io.failed', { file, detail: (e as Error).message })
  }
}

export interface ScanOptions {
  /** Read only the lines before this one (1-based): the journal as it was up to a damaged line. */
  stopBeforeLine?: number
}

export interface JournalScan {
  headers: JournalHeader[]
  /** Entries newer than the snapshot, fully parsed and checked, to replay. */
  replay: JournalEntry[]
  /** The journal line each replayed entry was read from (1-based), for errors that name it. */
  replayLines: number[]
  /** Byte length of the good part; a torn last line (a crash mid-append) lies past it. */
  goodLength: number
  tornTail: boolean
}

export function journalError(file: string, line: number, problem: string, unreadable = false): ApiError {
  return new ApiError('archive_damaged', unreadable ? 'archive.journal_damaged' : 'archive.journal_invalid', { line, detail: problem }, { details: { file, line } })
}

/** Reads the journal for opening; any bad line (before the torn tail) is archive_damaged naming it. */
export async function scanJournal(file: string, afterSeq: number, opts: ScanOptions = {}): Promise<JournalScan> {
  const buf = await readJournal(file)
  if (!buf) return { headers: [], replay: [], replayLines: [], goodLength: 0, tornTail: false }
  const split = splitLines(buf)
  const scan: JournalScan = { headers: [], replay: [], replayLines: [], goodLength: split.goodLength, tornTail: split.tornTail }
  let prev = 0
  for (const l of split.lines) {
    if (opts.stopBeforeLine !== undefined && l.no >= opts.stopBeforeLine) {
      scan.goodLength = l.start
      scan.tornTail = false
      break
    }
    try {
      const h = parseHeader(l.head)
      if (h.seq <= prev) throw new LineProblem(`seq ${h.seq} does not follow ${prev}`)
      prev = h.seq
      scan.headers.push(h)
      if (h.seq > afterSeq) {
        scan.replay.push(parseEntry(l.text, h))
        scan.replayLines.push(l.no)
      }
    } catch (e) {
      if (!(e instanceof LineProblem)) throw e
      throw journalError(file, l.no, e.message, e.unreadable)
    }
  }
  return scan
}

/** One line as restore sees it: good (with its header, and its entry when it would be replayed) or bad. */
export interface SurveyLine {
  no: number
  start: number
  end: number
  header?: JournalHeader
  entry?: JournalEntry
  problem?: string
}

export interface JournalSurvey {
  buf: Buffer | null
  lines: SurveyLine[]
  tornTail: boolean
}

/**
 * Every line checked on its own, without stopping at the first bad one (restore decides
 * what to keep). A line counts as following the last good line before it.
 */
export async function surveyJournal(file: string, afterSeq: number): Promise<JournalSurvey> {
  const buf = await readJournal(file)
  if (!buf) return { buf, lines: [], tornTail: false }
  const split = splitLines(buf)
  const lines: SurveyLine[] = []
  let prev = 0
  for (const l of split.lines) {
    const out: SurveyLine = { no: l.no, start: l.start, end: l.end }
    try {
      const h = parseHeader(l.head)
      if (h.seq <= prev) throw new LineProblem(`seq ${h.seq} does not follow ${prev}`)
      if (h.seq > afterSeq) out.entry = parseEntry(l.text, h)
      out.header = h
      prev = h.seq
    } catch (e) {
      if (!(e instanceof LineProblem)) throw e
      out.problem = e.message
    }
    lines.push(out)
  }
  return { buf, lines, tornTail: split.tornTail }
}

/** Reads one whole entry by seq (undo of an entry older than the in-memory window), checked like a replayed one. */
export async function readEntry(file: string, seq: number): Promise<JournalEntry | null> {
  return (await readEntries(file, new Set([seq]))).get(seq) ?? null
}

/** Reads the entries with these seqs in one pass over the file (a page of the journal view). */
export async function readEntries(file: string, seqs: ReadonlySet<number>): Promise<Map<number, JournalEntry>> {
  const found = new Map<number, JournalEntry>()
  if (!seqs.size) return found
  let buf: Buffer
  try {
    buf = await readFile(file)
  } catch {
    return found
  }
  // Newest first: undo and the journal view ask for recent entries.
  let end = buf.length
  while (end > 0 && found.size < seqs.size) {
    const start = end >= 2 ? buf.lastIndexOf(10, end - 2) + 1 : 0
    const line = buf.toString('utf8', start, end).trim()
    end = start
    if (!line) continue
    let header: JournalHeader
    try {
      header = parseHeader(line)
    } catch {
      continue // a torn tail, or a line opening already refused: not the one asked for
    }
    if (!seqs.has(header.seq)) continue
    try {
      found.set(header.seq, parseEntry(line, header))
    } catch (e) {
      if (!(e instanceof LineProblem)) throw e
      const lineNo = buf.subarray(0, start).reduce((n, b) => (b === 10 ? n + 1 : n), 1)
      throw journalError(file, lineNo, e.message, e.unreadable)
    }
  }
  return found
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
