// The lexicon shipped with the app (resources/search/thesaurus.json, embedded by the
// bundler): thesaurus lines, domain words segmentation keeps whole, and function words.
// Search reads queries with it; 主题词 extraction reads documents with it.
import shipped from '../../../resources/search/thesaurus.json'
import type { ThesaurusEntry } from '../../shared/domain'

/** The shipped thesaurus lines, in the settings' form (abbreviations one-way). */
export const SHIPPED_THESAURUS: readonly ThesaurusEntry[] = [
  ...shipped.synonyms.map((words) => ({ words, oneWay: false })),
  ...shipped.abbreviations.map((words) => ({ words, oneWay: true })),
]

/** Words segmentation must never split (domain terms of the aid programme). */
export const SHIPPED_WORDS: readonly string[] = shipped.words

/** Words that carry no weight in a query, wherever they stand. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(shipped.functionWords)

/** Characters that carry no weight only when segmentation leaves them standing alone (中 in 中学 counts). */
export const FUNCTION_CHARS: ReadonlySet<string> = new Set(shipped.functionChars)
