// A journal line is data from disk: torn, damaged or forged lines must fail opening as
// archive_damaged naming the line, before anything is applied or written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../../shared/domain'
import { tmpDir } from '../../test-support/tmp'
import { ArchiveStore, ARCHIVE_FILE, JOURNAL_FILE, emptyDocument, writeDocument } from './archive-store'
import { serialiseEntry, type JournalEntry, type Mutation } from './journal'

const now = '2026-01-01T00:00:00.000Z'
const batch = (id: string, number: number): ArchiveRecord => ({ id, kind: 'batch', title: `第${number}批`, number, startDate: '', endDate: '', counterpart: '', leader: '', tags: [], sample: false, notes: '', createdAt: now, updatedAt: now, createdBy: 't', updatedBy: 't' })
const entry = (seq: number, changes: unknown[]): string =>
  serialiseEntry({ seq, at: now, who: 't', method: 'records.create', ids: [], count: 0, summary: '', changes: changes as Mutation[] } as JournalEntry)
const create = (r: unknown, id = (r as { id: string }).id) => ({ coll: 'records', id, before: null, after: r })

/** An archive whose snapshot is at seq 0 and whose journal holds these lines. */
async function archiveWith(...lines: string[]): Promise<string> {
  const dir = tmpDir()
  await writeDocument(dir, emptyDocument())
  writeFileSync(join(dir, JOURNAL_FILE), lines.join(''))
  return dir
}

async function refused(dir: string, line: number, detail: RegExp): Promise<void> {
  const before = { doc: readFileSync(join(dir, ARCHIVE_FILE)), journal: readFileSync(join(dir, JOURNAL_FILE)) }
  const err = await ArchiveStore.open(dir).catch((e: unknown) => e)
  expect(err).toMatchObject({ code: 'archive_damaged', reason: 'archive.journal_invalid', params: { line }, details: { line } })
  expect((err as { params: { detail: string } }).params.detail).toMatch(detail)
  // Nothing written: not the snapshot, not the journal, no backup, no lock left.
  expect(readFileSync(join(dir, ARCHIVE_FILE))).toEqual(before.doc)
  expect(readFileSync(join(dir, JOURNAL_FILE))).toEqual(before.journal)
  expect(existsSync(join(dir, 'backups'))).toBe(false)
  expect(existsSync(join(dir, 'archive.lock'))).toBe(false)
  await expect(ArchiveStore.open(dir, { readOnly: true })).rejects.toMatchObject({ reason: 'archive.journal_invalid' })
}

describe('journal replay checks every line', () => {
  it('replays good lines of every collection', async () => {
    const settings = { ...emptyDocument().settings, fondsCode: 'A001' }
    const dir = await archiveWith(
      entry(1, [create(batch('bat_a1', 1)), { coll: 'tags', id: 'tag_x', before: null, after: { id: 'tag_x', path: '产业/煤化工', color: '', createdAt: now } }]),
      entry(2, [{ coll: 'settings', id: 'settings', before: emptyDocument().settings, after: settings }, { coll: 'counters', id: 'ZP·2025-', before: null, after: 3 }]),
      entry(3, [{ coll: 'records', id: 'bat_a1', before: batch('bat_a1', 1), after: { ...batch('bat_a1', 1), title: '改' } }]),
    )
    const s = await ArchiveStore.open(dir, { readOnly: true })
    expect(s.records.get('bat_a1')?.title).toBe('改')
    expect(s.tags.has('tag_x')).toBe(true)
    expect(s.settings.fondsCode).toBe('A001')
    expect(s.counters.get('ZP·2025-')).toBe(3)
    expect(s.seq).toBe(3)
    await s.close()
  })

  it('refuses a record that fails its schema (title: 12345) instead of crashing on it', async () => {
    await refused(await archiveWith(entry(1, [create(batch('bat_a1', 1))]), entry(2, [create({ ...batch('bat_a2', 2), title: 12345 })])), 2, /changes\.0 \(records bat_a2\)\.after title/)
  })

  it('refuses collections that are not the archive’s, __proto__ and constructor among them', async () => {
    for (const coll of ['__proto__', 'constructor', 'toString', 'files'])
      await refused(await archiveWith(entry(1, [{ coll, id: 'x_1', before: null, after: { id: 'x_1' } }])), 1, /is not a collection/)
  })

  it('refuses a seq that does not increase, changes that are not a list, and malformed items', async () => {
    const ok = entry(1, [create(batch('bat_a1', 1))])
    await refused(await archiveWith(ok, entry(1, [create(batch('bat_a2', 2))])), 2, /seq 1 does not follow 1/)
    await refused(await archiveWith(ok, ok.replace(/"changes":\[.*\]\}/, '"changes":{}}').replace('"seq":1', '"seq":2')), 2, /changes is not a list/)
    await refused(await archiveWith(entry(1, [{ coll: 'counters', id: 'ZP', before: null, after: -1 }])), 1, /is not a count/)
    await refused(await archiveWith(entry(1, [{ coll: 'settings', id: 'settings', before: null, after: { fondsCode: 12 } }])), 1, /fondsCode/)
    await refused(await archiveWith(entry(1, [create(batch('bat_a1', 1), 'bat_other')])), 1, /after\.id is not bat_other/)
    await refused(await archiveWith(entry(1, [{ coll: 'tags', id: 'tag_x', before: null, after: { id: 'tag_x', path: '产业//煤', createdAt: now } }])), 1, /path/)
    await refused(await archiveWith(entry(1, ['not a change'])), 1, /changes\.0 is not an object/)
  })

  it('refuses a line that would not apply: creating what exists, changing what does not', async () => {
    const a = entry(1, [create(batch('bat_a1', 1))])
    await refused(await archiveWith(a, entry(2, [create(batch('bat_a1', 1))])), 2, /creates an item that exists/)
    await refused(await archiveWith(entry(1, [{ coll: 'records', id: 'bat_a1', before: batch('bat_a1', 1), after: null }])), 1, /does not exist/)
  })

  it('names an unreadable line as damaged', async () => {
    const dir = await archiveWith(entry(1, [create(batch('bat_a1', 1))]), '{"seq":2,"at":\n')
    await expect(ArchiveStore.open(dir)).rejects.toMatchObject({ code: 'archive_damaged', reason: 'archive.journal_damaged', params: { line: 2 } })
  })

  it('opens read-only as it was before a given line', async () => {
    const dir = await archiveWith(entry(1, [create(batch('bat_a1', 1))]), entry(2, [create({ ...batch('bat_a2', 2), title: 12345 })]))
    const s = await ArchiveStore.open(dir, { readOnly: true, stopBeforeLine: 2 })
    expect([...s.records.keys()]).toEqual(['bat_a1'])
    expect(s.headers.map((h) => h.seq)).toEqual([1])
    await s.close()
    await expect(ArchiveStore.open(dir, { stopBeforeLine: 2 })).rejects.toMatchObject({ code: 'internal' })
  })

  it('checks an old entry read back for undo too', async () => {
    const dir = await archiveWith(entry(1, [{ coll: '__proto__', id: 'x_1', before: null, after: {} }]))
    // The snapshot already holds seq 1, so opening does not replay (or check) it…
    await writeDocument(dir, { ...emptyDocument(), seq: 1 })
    const s = await ArchiveStore.open(dir, { readOnly: true })
    // …but undo reading it back does.
    await expect(s.entry(1)).rejects.toMatchObject({ code: 'archive_damaged', reason: 'archive.journal_invalid', params: { line: 1 } })
    await s.close()
  })
})
