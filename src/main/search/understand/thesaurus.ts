// The thesaurus: the one shipped with the app (language/lexicon.ts) plus the office's own lines from the archive's settings, compiled into
// one lookup. A synonym line makes every word find the others; an abbreviation line
// (oneWay) makes its first word find the rest, not the reverse (晋 finds 山西, but a
// search for 山西 should not bring every 晋).
import { SHIPPED_THESAURUS } from '../../language/lexicon'
import { thesaurusKey, type ThesaurusEntry } from '../../../shared/domain'
import { normalize } from '../normalize'

export { FUNCTION_CHARS, FUNCTION_WORDS, SHIPPED_WORDS } from '../../language/lexicon'

export type RewriteHow = 'synonym' | 'abbreviation'

export interface Expansion {
  word: string
  how: RewriteHow
}

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

/**
 * The shipped thesaurus, less the lines the office switched off, with the archive's own
 * lines (cached while they stay the same).
 */
export function thesaurusFor(own: readonly ThesaurusEntry[] = [], off: readonly string[] = []): Thesaurus {
  const key = own.length || off.length ? JSON.stringify([own, off]) : ''
  if (cache?.key === key) return cache.value
  const skip = new Set(off)
  cache = { key, value: new Thesaurus([...SHIPPED_THESAURUS.filter((e) => !skip.has(thesaurusKey(e))), ...own]) }
  return cache.value
}
