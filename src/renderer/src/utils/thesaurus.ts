// The office's thesaurus lines as the settings card edits them: words typed in one box,
// checked the way the archive will check them, and filtered for reading.
import type { ThesaurusEntry } from '@shared/domain'

/** The limits of a line, as the settings schema has them. */
export const MAX_WORD = 40
export const MAX_WORDS = 20

/** Words typed in one box: separated by spaces, 、, commas or semicolons (either width); repeats dropped. */
export function parseWords(text: string): string[] {
  return [...new Set(text.split(/[\s、，,；;]+/).map((w) => w.trim()).filter(Boolean))]
}

/** A line as it is typed back into the box. */
export function lineText(e: Pick<ThesaurusEntry, 'words'>): string {
  return e.words.join(' ')
}

const key = (e: Pick<ThesaurusEntry, 'words' | 'oneWay'>) =>
  // A synonym line is the same line whatever the order of its words; a short form's first word counts.
  e.oneWay ? `1:${e.words[0]}:${[...e.words.slice(1)].sort().join('\u0001')}` : `0:${[...e.words].sort().join('\u0001')}`

/**
 * What is wrong with a line before it is saved (a key under settings.thesaurus), or ''.
 * `others` are the lines it would sit among (without itself when it is edited).
 */
export function lineProblem(e: Pick<ThesaurusEntry, 'words' | 'oneWay'>, others: readonly Pick<ThesaurusEntry, 'words' | 'oneWay'>[]): '' | 'tooFew' | 'tooLong' | 'tooMany' | 'duplicate' {
  if (e.words.length < 2) return 'tooFew'
  if (e.words.length > MAX_WORDS) return 'tooMany'
  if (e.words.some((w) => w.length > MAX_WORD)) return 'tooLong'
  const k = key(e)
  return others.some((o) => key(o) === k) ? 'duplicate' : ''
}

/** The lines holding every word of the filter (a part of a word is enough; letters in any case). */
export function filterLines<T extends Pick<ThesaurusEntry, 'words'>>(lines: readonly T[], filter: string): T[] {
  const parts = parseWords(filter.toLowerCase())
  if (!parts.length) return [...lines]
  return lines.filter((l) => parts.every((p) => l.words.some((w) => w.toLowerCase().includes(p))))
}

/**
 * The archive's refusal of a save, for line i (formErrors puts a message at every level of
 * a field's path: thesaurus.i holds the one for that line), else ''.
 */
export function lineError(fields: Record<string, string>, i: number): string {
  return fields[`thesaurus.${i}`] ?? ''
}
