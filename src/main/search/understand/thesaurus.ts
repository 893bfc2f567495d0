// The thesaurus: the one shipped with the app (resources/search/thesaurus.json, embedded
// by the bundler) plus the office's own lines from the archive's settings, compiled into
// one lookup. A synonym line makes every word find the others; an abbreviation line
// (oneWay) makes its first word find the rest, not the reverse (晋 finds 山西, but a
// search for 山西 should not bring every 晋).
import shipped from '../../../../resources/search/thesaurus.json'
import type { ThesaurusEntry } from '../../../shared/domain'
import { normalize } from '../normalize'

export type RewriteHow = 'synonym' | 'abbreviation'

export interface Expansion {
  word: string
  how: RewriteHow
}

/** The shipped lines, in the settings' form. */
export const SHIPPED_THESAURUS: ThesaurusEntry[] = [
  ...shipped.synonyms.map((words) => ({ words, oneWay: false })),
  ...shipped.abbreviations.map((words) => ({ words, oneWay: true })),
]

/** Words the segmenter must never split (domain terms of the aid programme). */
export const SHIPPED_WORDS: readonly string[] = shipped.words

/** Words that carry no weight in a query, wherever they stand. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(shipped.functionWords)

/** Characters that carry no weight only when segmentation leaves them standing alone (中 in 中学 counts). */
export const FUNCTION_CHARS: ReadonlySet<string> = new Set(shipped.functionChars)

export class Thesaurus {
  private map = new Map<string, Expansion[]>()
  /** Every word the thesaurus knows (so that segmentation keeps it whole). */
  readonly words = new Set<string>()

  constructor(entries: readonly ThesaurusEntry[]) {
    for (const e of entries) {
      const words = [...new Set(e.words.map((w) => normalize(w.trim())).filter(Boolean))]
      if (words.length < 2) continue
      for (const w of words) this.words.add(w)
      const from = e.oneWay ? [words[0]!] : words
      for (const a of from)
        for (const b of words) if (a !== b) this.add(a, { word: b, how: e.oneWay ? 'abbreviation' : 'synonym' })
    }
  }

  private add(key: string, x: Expansion): void {
    const list = this.map.get(key)
    if (!list) this.map.set(key, [x])
    else if (!list.some((y) => y.word === x.word)) list.push(x)
  }

  /** Other words that find what this word means (normalised input). */
  expand(word: string): readonly Expansion[] {
    return this.map.get(word) ?? []
  }
}

let cache: { key: string; value: Thesaurus } | null = null

/** The shipped thesaurus with the archive's own lines (cached while they stay the same). */
export function thesaurusFor(own: readonly ThesaurusEntry[] = []): Thesaurus {
  const key = own.length ? JSON.stringify(own) : ''
  if (cache?.key === key) return cache.value
  cache = { key, value: new Thesaurus([...SHIPPED_THESAURUS, ...own]) }
  return cache.value
}
