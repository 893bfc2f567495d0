// The queries a search worker runs while idle after loading (SearchIndex.warmUpQueries):
// each kind of evaluation once, made from words this archive has, so that a user's first
// queries do not pay for compiling the code for their shape.
import { readingOf } from './pinyin'

/**
 * For each word (four Chinese characters): a word, a longer word, two words, an exact
 * phrase short and long (a long one is counted down more lists), an exclusion, a filter (with a short and a long word), its pinyin in full, spaced
 * and as initials, and beside a word nothing has (its characters reversed: the partial
 * ranking). Then the two long words together (read jointly), one beside the other's first
 * two characters (a joint reading with a final score in it), and a word of the thesaurus
 * (`alt`: one with other forms, alone and beside another word, which is worked out word
 * by word), and one the archive has only in its other forms (`absent`) beside a word. A
 * shape the warm-up never ran costs its first query 20–30 ms at 100,000 records: the
 * engine drops the compiled code of the loops that meet something new.
 */
export function queriesFrom(words: readonly string[], alt?: string, absent?: string): string[] {
  const out: string[] = []
  for (const w of words) {
    const reading = readingOf(w)
    const two = w.slice(0, 2)
    out.push(two, w.slice(0, 3), w, `${two} ${w.slice(2)}`, `"${w.slice(0, 3)}"`, `"${w}"`, `${two} -${w.slice(2)}`, `type:report ${two}`, `type:report ${w}`, `${w} ${[...w].reverse().join('')}`)
    if (reading.length === w.length) out.push(reading.join(''), reading.slice(0, 2).join(' '), reading.map((r) => r[0]).join(''))
  }
  // Two long words (both read jointly), and a long word with a short one (whose score is final).
  if (words.length >= 2) out.push(`${words[0]} ${words[1]}`, `${words[0]} ${words[1]!.slice(0, 2)}`)
  if (alt) out.push(alt, ...words.map((w) => `${alt} ${w}`))
  if (absent && words.length) out.push(`${absent} ${words[0]}`)
  return out
}

/** The two commonest Chinese bigrams (by posting length) without a character in common, as one word; null if there are not two. */
export function commonestPair(bigramText: readonly (string | undefined)[], lens: Int32Array): string | null {
  const shares = (x: string, y: string) => x.includes(y[0]!) || x.includes(y[1]!)
  let a = -1
  let b = -1
  for (let k = 0; k < bigramText.length; k++) {
    const t = bigramText[k]
    if (!t || !/^[\u4e00-\u9fff]{2}$/.test(t)) continue
    if (a < 0 || lens[k]! > lens[a]!) {
      if (a >= 0 && !shares(t, bigramText[a]!)) b = a
      a = k
    } else if ((b < 0 || lens[k]! > lens[b]!) && !shares(t, bigramText[a]!)) b = k
  }
  return a >= 0 && b >= 0 ? bigramText[a]! + bigramText[b]! : null
}

/** A thesaurus as the warm-up sees it: its words, and the other forms of each. */
export interface ThesaurusWords {
  words: Iterable<string>
  expand(word: string): readonly { word: string }[]
}

/**
 * Two words of the thesaurus, Chinese of three characters or more: `alt`, the one with other
 * forms that the archive has the most of, and `absent`, one the archive has none of while one
 * of its other forms is common (援疆队 for 援疆工作队: the query stands on its other forms
 * alone). Undefined where none fits.
 */
export function thesaurusPicks(th: ThesaurusWords, count: (w: string) => number): { alt: string | undefined; absent: string | undefined } {
  let alt: string | undefined
  let absent: string | undefined
  let most = 0
  let mostOther = 0
  for (const w of th.words) {
    if (w.length < 3 || !/^[\u4e00-\u9fff]+$/.test(w)) continue
    const others = th.expand(w)
    if (!others.length) continue
    const n = count(w)
    if (n > most) (alt = w), (most = n)
    if (n) continue
    const other = Math.max(...others.map((o) => count(o.word)))
    if (other > mostOther) (absent = w), (mostOther = other)
  }
  return { alt, absent }
}
