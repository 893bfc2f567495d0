import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { METHODS, type Method } from '../../shared/api'
import { tmpDir } from '../test-support/tmp'
import { dispatch, openArchive } from '../app'

/** Per method, inputs of the wrong shape; each must be refused before anything runs. */
const BAD: Record<Method, unknown[]> = {
  'archive.info': [{ x: 1 }, 'str'],
  'archive.loadDemo': [{ force: true }],
  'archive.verify': [{ limit: 0 }, { x: 1 }],
  'archive.fix': [{ rule: 5 }, { all: true }],
  'settings.get': [{ x: 1 }],
  'settings.update': [{}, { patch: { fondsCode: 'TOO-LONG' } }, { patch: { locale: 'fr' } }, { patch: { unknown: 1 } }],
  'records.list': [{ limit: 0 }, { offset: -1 }, { kinds: ['letter'] }, { sort: 'size' }],
  'records.get': [{}, { id: 5 }, { id: '../etc/passwd' }],
  'records.create': [{}, { record: { kind: 'memo', title: 'x' } }, { record: { kind: 'report', title: '' } }, { record: { kind: 'batch', title: 'x' } }, { record: { kind: 'report', title: 'x', date: '2024-02-30' } }, { record: { kind: 'report', title: 'x', date: '去年' } }],
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
  'records.suggestKeywords': [{}, { text: 5 }, { text: 'x', limit: 0 }, { text: 'x', limit: 21 }, { text: 'x'.repeat(200_001) }, { text: 'x', exclude: 'a' }],
  'records.names': [{}, { field: 'places' }, { field: 'people', limit: 0 }, { field: 'people', limit: 5001 }, { field: 'people', x: 1 }],
  'search.query': [{}, { q: 5 }, { q: 'x', limit: 0 }],
  'search.thesaurus': [{ x: 1 }, 'str'],
  'savedSearches.list': [{ x: 1 }],
  'savedSearches.create': [{ name: 'x' }, { name: '', query: 'a' }],
  'savedSearches.delete': [{}],
  'journal.list': [{ limit: 0 }],
  'io.exportJson': [{ x: 1 }],
  // intake (issue 4)
  'intake.photos': [{}, { files: [] }, { files: [{ name: 'a.jpg' }] }, { files: [{ name: 'a.jpg', data: '' }], groupId: 'bad id' }],
  'intake.reports': [{}, { files: [] }, { files: [{ name: '', data: '' }] }],
  'intake.parseCaption': [{}, { text: 5 }],
  'intake.photoList': [{ limit: 0 }, { groupId: 'bad id' }],
  'intake.photoSize': [{}, { id: 'bad id' }],
  'intake.catalogue': [{}, { name: 'a.csv' }, { name: '', data: '' }, { name: 'a.csv', data: '', commit: 'yes' }],
  'groups.list': [{ x: 1 }],
  'groups.create': [{}, { title: '' }, { title: 'x', photoIds: ['bad id'] }],
  'groups.update': [{}, { id: 'grp_x', title: '' }],
  'groups.addPhotos': [{ id: 'grp_x' }, { id: 'grp_x', photoIds: [] }],
  // relations (issue 5)
  'history.undo': [{ x: 1 }],
  'history.redo': [{ x: 1 }],
  'history.state': [{ x: 1 }],
  'journal.query': [{ limit: 0 }, { who: 5 }],
  'relations.chain': [{}, { id: 'bad id' }],
  'relations.graph': [{ id: 'ach_x', depth: 3 }],
  'relations.unbacked': [{ batchId: 5 }],
  'relations.orphans': [{ x: 1 }],
  'batches.detail': [{}],
  'batches.compare': [{ x: 1 }],
  'records.bulkUpdate': [{ ids: [], patch: { area: 'x' } }, { ids: ['ach_x'], patch: { title: 'x' } }],
  'records.bulkDelete': [{ ids: [] }],
  'links.bulkCreate': [{ ids: ['pho_x'], target: 'ach_x', type: 'owns' }, { ids: [], target: 'ach_x', type: 'evidence' }],
  // export (issue 6)
  'export.preview': [{}, { format: 'pptx' }, { format: 'xlsx', scope: { batchId: 'bad id' } }, { format: 'xlsx', scope: { from: '2024-13' } }, { format: 'xlsx', x: 1 }],
  'export.run': [{}, { format: 'odt' }, { format: 'docx', scope: { ids: 'ach_x' } }, { format: 'docx', options: { photos: 'yes' } }],
  'export.summary': [{ x: 1 }, { scope: { area: 5 } }],
  'exchange.info': [{ x: 1 }],
  'exchange.pack': [{ scope: { batchId: 'bad id' } }, { scope: { sinceLast: '' } }, { scope: { ids: [] } }, { x: 1 }],
  'exchange.preview': [{}, { data: '' }, { data: 5 }],
  'exchange.apply': [{}, { packageId: 'abc' }],
  'exchange.conflicts': [{ x: 1 }],
  'exchange.resolve': [{ id: 'x' }, { id: 'x', resolution: { take: 'mine' } }, { id: 'x', resolution: { take: 'fields', fields: [] } }],
  'exchange.sync': [{}, { url: 'not a url' }, { url: 'http://x/db', password: 5 }],
  'io.importJson': [{ data: { format: 'other', records: [] } }, { data: { format: 'aid-archive/v1', records: [{ kind: 'photo' }] } }, { data: 'x' }],
}

describe('dispatch', () => {
  it('refuses bad input to every method with invalid_input, and changes nothing', async () => {
    const dir = tmpDir()
    const svc = await openArchive(dir, { snapshotDelayMs: 5 })
    await dispatch(svc, 'records.create', { record: { kind: 'batch', title: '第五批', number: 5 } })
    await svc.snapshot()
    const before = readFileSync(join(dir, 'archive.json'), 'utf8')
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    for (const m of METHODS) {
      expect(BAD[m]?.length, `bad inputs for ${m}`).toBeGreaterThan(0)
      for (const input of BAD[m]) {
        await expect(dispatch(svc, m, input), `${m} ${JSON.stringify(input)}`).rejects.toMatchObject({ code: 'invalid_input', message: expect.any(String) })
      }
    }
    await svc.snapshot()
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
