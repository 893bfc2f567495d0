// Matching for the pickers (tags, batches, places, names): what the search box forgives, over
// short option labels. A query finds a label by its characters, by its toneless pinyin
// (meihuagong), by its initials (mhg, or fkrm with 市 left out) and, for typed Latin,
// despite a typo (fuse.js).
// The only renderer module that imports pinyin-pro: it is large, and one import keeps
// it in one chunk.
import Fuse from 'fuse.js'
import { pinyin } from 'pinyin-pro'

export interface FuzzyOption {
  value: string
  label: string
}

export interface FuzzyIndex {
  /** The values that match, best first; an empty query gives every value in the given order. */
  filter(query: string): string[]
}

/** How one string reads: lowercased text, full pinyin, initials, where each syllable starts. */
interface Reading {
  text: string
  full: string
  initials: string
  starts: number[]
}

const readings = new Map<string, Reading>()
const latinOnly = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Reads a string once per session: labels repeat across pickers and keystrokes. */
function readingOf(s: string): Reading {
  let r = readings.get(s)
  if (r) return r
  // One array item per character (non-Chinese characters stand for themselves).
  const syllables = (pinyin(s, { toneType: 'none', type: 'array', v: true }) as string[]).map(latinOnly)
  let full = ''
  let initials = ''
  const starts: number[] = []
  for (const syl of syllables) {
    if (!syl) continue
    starts.push(full.length)
    full += syl
    initials += syl[0]
  }
  r = { text: s.toLowerCase(), full, initials, starts }
  readings.set(s, r)
  return r
}

/** Typed Latin (letters, digits, spaces, apostrophes): the query may be pinyin. */
export function isLatinQuery(q: string): boolean {
  return /[a-z]/i.test(q) && /^[a-z0-9\s'’-]+$/i.test(q.trim())
}

/** A tag path is also found by each of its segments (产业/煤化工 by 煤化工). */
function formsOf(label: string): string[] {
  const segments = label.includes('/') ? label.split('/').map((s) => s.trim()).filter(Boolean) : []
  return [label, ...segments]
}

// Ranks, best first: the label equals or starts with the query, contains it, its pinyin or
// initials start with it, they contain it from a syllable's start, its initials with a
// syllable or two left out, a fuse.js near miss.
const EXACT = 0
const PREFIX = 1
const CONTAINS = 2
const PINYIN_PREFIX = 3
const PINYIN_INSIDE = 4
const INITIALS_GAPPED = 5
const NEAR_MISS = 6

/** Staff abbreviate long names leaving out 市, 县, 省…: fkrm for 阜康市人民医院 (fksrmyy). From
 * three letters, anchored at the first syllable, at most this many syllables left out. */
const GAPS = 2
function gappedInitials(initials: string, latin: string): boolean {
  if (latin.length < 3 || initials[0] !== latin[0]) return false
  // Matching each letter as early as possible ends the match soonest, so leaves out fewest.
  let j = 1
  let gaps = 0
  for (let i = 1; i < initials.length && j < latin.length; i++) {
    if (initials[i] === latin[j]) j++
    else if (++gaps > GAPS) return false
  }
  return j === latin.length
}

function rank(forms: Reading[], q: string, latin: string): number | null {
  if (forms.some((f) => f.text === q)) return EXACT
  if (forms.some((f) => f.text.startsWith(q))) return PREFIX
  if (forms[0]!.text.includes(q)) return CONTAINS
  if (!latin) return null
  if (forms.some((f) => f.full.startsWith(latin) || f.initials.startsWith(latin))) return PINYIN_PREFIX
  const whole = forms[0]!
  if (whole.initials.includes(latin) || whole.starts.some((i) => whole.full.startsWith(latin, i))) return PINYIN_INSIDE
  if (forms.some((f) => gappedInitials(f.initials, latin))) return INITIALS_GAPPED
  return null
}

/** Typos are forgiven from this many letters on: pinyin is dense, and a shorter query with
 * one letter wrong matches nearly anything. */
const FUZZY_FROM = 5

export function fuzzyIndex(options: readonly FuzzyOption[]): FuzzyIndex {
  const entries = options.map((o) => ({ value: o.value, forms: formsOf(o.label).map(readingOf) }))
  let fuse: Fuse<{ i: number; label: string; pinyin: string[] }> | null = null
  const fuzzy = (): NonNullable<typeof fuse> =>
    (fuse ??= new Fuse(
      entries.map((e, i) => ({ i, label: e.forms[0]!.text, pinyin: e.forms.map((f) => f.full) })),
      // Anchored near the start of the label or of a segment: a mistyped query is still an
      // attempt at a name's beginning. About one letter wrong in five.
      { keys: ['label', 'pinyin'], threshold: 0.25, location: 0, distance: 16, includeScore: true },
    ))

  return {
    filter(query) {
      const q = query.trim().toLowerCase()
      if (!q) return options.map((o) => o.value)
      const latin = isLatinQuery(q) ? latinOnly(q) : ''
      const ranked: { i: number; rank: number; score: number }[] = []
      const seen = new Set<number>()
      entries.forEach((e, i) => {
        const r = rank(e.forms, q, latin)
        if (r === null) return
        ranked.push({ i, rank: r, score: 0 })
        seen.add(i)
      })
      if (latin.length >= FUZZY_FROM) {
        for (const hit of fuzzy().search(latin)) {
          if (seen.has(hit.item.i)) continue
          ranked.push({ i: hit.item.i, rank: NEAR_MISS, score: hit.score ?? 1 })
        }
      }
      // Stable within a rank: the options' own order (paths, batch numbers) stays.
      ranked.sort((a, b) => a.rank - b.rank || a.score - b.score || a.i - b.i)
      return ranked.map((r) => entries[r.i]!.value)
    },
  }
}
