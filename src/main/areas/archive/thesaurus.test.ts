// search.thesaurus: the shipped lines, as the settings page lists them under the office's own.
import { describe, expect, it } from 'vitest'
import { tmpDir } from '../../test-support/tmp'
import { dispatch, openArchive } from '../../app'

describe('search.thesaurus', () => {
  it('lists the shipped lines, abbreviations one-way, apart from the archive’s own', async () => {
    const svc = await openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
    try {
      await dispatch(svc, 'settings.update', { patch: { thesaurus: [{ words: ['焦炭', '干熄焦'], oneWay: false }] } })
      const { shipped } = await dispatch(svc, 'search.thesaurus', {})
      expect(shipped).toContainEqual({ words: ['晋', '山西'], oneWay: true })
      expect(shipped.find((e) => e.words.includes('大夫'))).toMatchObject({ oneWay: false, words: expect.arrayContaining(['医生']) })
      expect(shipped.some((e) => e.words.includes('焦炭'))).toBe(false)

      // What a caller does with its copy never reaches the next caller.
      shipped[0]!.words.push('改过')
      expect((await dispatch(svc, 'search.thesaurus', {})).shipped[0]!.words).not.toContain('改过')
    } finally {
      await svc.close()
    }
  })
})
