// How the engine read a query, turned into what the search page says: the chips read from
// the words, the notice line (synonyms, abbreviations, numbers, sounds, ignored words), and
// the split between hits with every word and partial ones. Pure: the view translates the
// message keys (search.understood.*) and owns the rendering.
import type { SearchChip, SearchHit, SearchUnderstanding } from '@shared/api'
import type { RecordKind } from '@shared/domain'

/** A message under search.understood, with its parameters. */
export interface Phrase {
  key: string
  params: Record<string, string | number>
}

/** Joins words for a message in the UI's language: its separator, each word in quotes or bare. */
export type WordList = (words: readonly string[], quoted: boolean) => string

const range = (one: string, many: string, lo: number, hi: number | undefined): Phrase =>
  hi === undefined || hi === lo ? { key: one, params: { n: lo } } : { key: many, params: { lo, hi } }

/**
 * The chip's label (批次：第4批, 年份：2024年, 类型：成果), or for an unmatched one its
 * notice (档案中没有第4批，已按文字查找). `kindWord` names a record kind in the UI's words.
 */
export function chipPhrase(c: SearchChip, kindWord: (k: RecordKind) => string): Phrase {
  if (c.type === 'batch' && c.lo !== undefined)
    return c.unmatched ? range('noBatch', 'noBatchRange', c.lo, c.hi) : range('chip.batch', 'chip.batchRange', c.lo, c.hi)
  if (c.type === 'year' && c.lo !== undefined)
    return c.unmatched ? range('noYear', 'noYearRange', c.lo, c.hi) : range('chip.year', 'chip.yearRange', c.lo, c.hi)
  if (c.type === 'kind' && c.kind) return { key: 'chip.kind', params: { kind: kindWord(c.kind) } }
  // A chip the engine sent without its values: show the words it came from.
  return { key: c.unmatched ? 'noMatch' : 'chip.other', params: { text: c.source } }
}

/** The notice line's parts, in order: what was looked for through other words, then what was ignored. */
export function noticePhrases(u: SearchUnderstanding | undefined, list: WordList): Phrase[] {
  if (!u) return []
  const out: Phrase[] = u.rewrites
    .filter((r) => r.used.length)
    .map((r) => ({ key: `how.${r.how}`, params: { word: list([r.word], true), used: list(r.used, true) } }))
  if (u.ignored.length) out.push({ key: 'ignored', params: { words: list(u.ignored, false) } })
  return out
}

/** Hits with every word, and after them the partial ones (from strictTotal on). */
export function splitHits(hits: readonly SearchHit[], u: SearchUnderstanding | undefined): { full: SearchHit[]; partial: SearchHit[] } {
  const at = u ? Math.max(0, Math.min(u.strictTotal, hits.length)) : hits.length
  return { full: hits.slice(0, at), partial: hits.slice(at) }
}

/** No record has every word, but some have part of them: the page says so above the list. */
export function onlyPartial(total: number, u: SearchUnderstanding | undefined): boolean {
  return !!u && total > 0 && u.strictTotal === 0
}

/**
 * The query with a chip's words quoted, so the engine takes them literally (quoted text is
 * never interpreted): ` "source" ` in their place, spaces collapsed. A closing kind word
 * (…成果) is the last occurrence; a batch or year the first. Text already in quotes is
 * left alone. The engine reports the words normalised (full-width digits folded…): when
 * they are not in the query as typed, they are looked for in its folded form.
 */
export function quoteChip(q: string, c: Pick<SearchChip, 'type' | 'source'>): string {
  const src = c.source.trim()
  if (!src) return q
  const last = c.type === 'kind'
  let text = q
  let at = findUnquoted(q, src, last)
  let end = at + src.length
  if (at < 0) {
    const folded = q.normalize('NFKC')
    const word = src.normalize('NFKC')
    at = findUnquoted(folded, word, last)
    if (at < 0) return q
    end = at + word.length
    // Folding kept every character's place: quote the user's own characters.
    if (folded.length !== q.length) text = folded
  }
  return `${text.slice(0, at)} "${text.slice(at, end)}" ${text.slice(end)}`.replace(/\s+/g, ' ').trim()
}

/** Where `word` occurs outside "…" in q (the first or the last time), else -1. */
function findUnquoted(q: string, word: string, last: boolean): number {
  const quoted = [...q.matchAll(/"[^"]*"/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const)
  const inside = (i: number) => quoted.some(([a, b]) => i < b && i + word.length > a)
  let found = -1
  for (let i = q.indexOf(word); i >= 0; i = q.indexOf(word, i + 1)) {
    if (inside(i)) continue
    if (!last) return i
    found = i
  }
  return found
}
