// Where jieba's binary cannot load, ICU's segmenter stands in: queries still split into
// words and function words still drop (keyword suggestions are empty, said elsewhere).
import { beforeAll, describe, expect, it } from 'vitest'
import type { Segmenter } from './segmenter'

let seg: Segmenter
beforeAll(async () => {
  // Module state is per test file: this file's segmenter is created with the variable set.
  // The variable is removed at once: a worker process may run other test files after this one.
  process.env.AID_SEGMENTER = 'icu'
  try {
    seg = (await import('./segmenter')).segmenter()
  } finally {
    delete process.env.AID_SEGMENTER
  }
})

describe('the ICU fallback', () => {
  it('is chosen by AID_SEGMENTER=icu and still reads a natural query', async () => {
    expect(seg.engine).toBe('icu')
    const { decompose } = await import('../search/understand/analyze')
    const { thesaurusFor } = await import('../search/understand/thesaurus')
    const d = decompose('准东的化工企业', new Set(['准东']), thesaurusFor())
    expect(d.ignored).toContain('的')
    expect(d.words).toEqual(expect.arrayContaining(['准东', '企业']))
    expect(seg.keywords('援疆医生在阜康市开展义诊', 5)).toEqual([])
  })
})
