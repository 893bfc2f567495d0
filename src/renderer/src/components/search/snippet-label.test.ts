// Every field the search engine can name in a highlight has a label in both languages,
// in the language's own words: no zh-CN label may show a developer's field key.
import { describe, expect, it } from 'vitest'
import { SEARCH_FIELDS } from '@shared/search-fields'
import zh from '../../i18n/zh-CN'
import en from '../../i18n/en'
import { snippetLabel, type Words } from './snippet-label'

type Tree = { [k: string]: string | Tree }
const wordsOf = (tree: unknown): Words => (key) => {
  let at: string | Tree | undefined = tree as Tree
  for (const k of key.split('.')) at = typeof at === 'object' ? at[k] : undefined
  return typeof at === 'string' ? at : ''
}

describe('snippetLabel', () => {
  it('labels every field the engine names, in Chinese words for zh-CN', () => {
    const zhWords = wordsOf(zh)
    const labels = SEARCH_FIELDS.map((f) => [f, snippetLabel(f, zhWords)] as const)
    expect(labels.filter(([, l]) => !l || /[A-Za-z]/.test(l))).toEqual([])
  })

  it('labels every field the engine names in English too', () => {
    const enWords = wordsOf(en)
    expect(SEARCH_FIELDS.filter((f) => !snippetLabel(f, enWords))).toEqual([])
  })

  it('names a caption part by its group and its own word', () => {
    const zhWords = wordsOf(zh)
    expect(snippetLabel('caption.event', zhWords)).toBe('说明·事由')
    expect(snippetLabel('metrics', zhWords)).toBe('指标')
    expect(snippetLabel('summary', zhWords)).toBe('摘要')
  })

  it('says nothing for a field it does not know rather than show its key', () => {
    const zhWords = wordsOf(zh)
    expect(snippetLabel('somethingNew', zhWords)).toBe('')
    expect(snippetLabel('caption.somethingNew', zhWords)).toBe('')
  })
})
