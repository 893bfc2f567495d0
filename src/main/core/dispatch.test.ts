import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { METHODS, type Method } from '../../shared/api'
import { tmpDir } from '../test-support/tmp'
import { dispatch, openArchive } from './index'

/** Per method, inputs of the wrong shape; each must be refused before anything runs. */
const BAD: Record<Method, unknown[]> = {
  'archive.info': [{ x: 1 }, 'str'],
  'archive.loadDemo': [{ force: true }],
  'settings.get': [{ x: 1 }],
  'settings.update': [{}, { patch: { fondsCode: 'TOO-LONG' } }, { patch: { locale: 'fr' } }, { patch: { unknown: 1 } }],
  'records.list': [{ limit: 0 }, { offset: -1 }, { kinds: ['letter'] }, { sort: 'size' }],
  'records.get': [{}, { id: 5 }, { id: '../etc/passwd' }],
  'records.create': [{}, { record: { kind: 'memo', title: 'x' } }, { record: { kind: 'report', title: '' } }, { record: { kind: 'batch', title: 'x' } }, { record: { kind: 'report', title: 'x', date: '2024/01/01' } }],
  'records.update': [{ id: 'rep_x' }, { id: 'rep_x', patch: 'title' }, { patch: {} }],
  'records.delete': [{}, { id: '' }],
  'records.file': [{}, { id: 'rep_x', retention: 'forever' }, { id: 'rep_x', year: 20 }],
  'tags.list': [{ x: 1 }],
  'tags.create': [{}, { path: '' }, { path: 'a', color: 'red' }],
  'tags.update': [{}, { id: 'tag_x', color: '#12' }],
  'tags.delete': [{}],
  'tags.apply': [{ recordIds: [], tagIds: ['tag_x'], mode: 'add' }, { recordIds: ['rep_x'], tagIds: ['tag_x'], mode: 'toggle' }],
  'links.create': [{ from: 'rep_x', to: 'ach_y' }, { from: 'rep_x', to: 'ach_y', type: 'owns' }],
  'links.delete': [{}],
  'batches.list': [{ x: 1 }],
  'search.query': [{}, { q: 5 }, { q: 'x', limit: 0 }],
  'savedSearches.list': [{ x: 1 }],
  'savedSearches.create': [{ name: 'x' }, { name: '', query: 'a' }],
  'savedSearches.delete': [{}],
  'journal.list': [{ limit: 0 }],
  'io.exportJson': [{ x: 1 }],
  'io.importJson': [{ data: { format: 'other', records: [] } }, { data: { format: 'aid-archive/v1', records: [{ kind: 'photo' }] } }, { data: 'x' }],
}

describe('dispatch', () => {
  it('refuses bad input to every method with invalid_input, and changes nothing', async () => {
    const dir = tmpDir()
    const svc = await openArchive(dir, { snapshotDelayMs: 5 })
    await dispatch(svc, 'records.create', { record: { kind: 'batch', title: '第五批', number: 5 } })
    await svc.store.snapshot()
    const before = readFileSync(join(dir, 'archive.json'), 'utf8')
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    for (const m of METHODS) {
      expect(BAD[m]?.length, `bad inputs for ${m}`).toBeGreaterThan(0)
      for (const input of BAD[m]) {
        await expect(dispatch(svc, m, input), `${m} ${JSON.stringify(input)}`).rejects.toMatchObject({ code: 'invalid_input', message: expect.any(String) })
      }
    }
    await svc.store.snapshot()
    expect(readFileSync(join(dir, 'archive.json'), 'utf8')).toBe(before)
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).toBe(journal)
    await svc.close()
  })

  it('answers an unknown method with not_found', async () => {
    const svc = await openArchive(tmpDir())
    await expect(dispatch(svc, 'records.destroyAll', {})).rejects.toMatchObject({ code: 'not_found' })
    await expect(dispatch(svc, '__proto__', {})).rejects.toMatchObject({ code: 'not_found' })
    await svc.close()
    expect(existsSync(join(svc.store.dir, 'archive.lock'))).toBe(false)
  })
})
