// Text-level matching: quality of a term in a text, words near each other, pinyin chains
// and typo variants. Pure string functions, used for verification and highlighting.
import * as normMod from './normalize'
import { isDecimalPoint } from './keys'
import { Q } from './score'

// Imported constants copied into locals (hot loops; some loaders turn imports into getters).
const ALNUM = normMod.ALNUM

/** A pinyin chain: the bigrams allowed at each position (one set of single characters for a lone syllable). */
export interface Chain {
  sets: Set<string>[]
  /** First characters of the first set, as a bitmap over UTF-16 units (when firstList is null). */
  first: Uint8Array | null
  /** The first set as a list, when short enough to find with indexOf. */
  firstList: string[] | null
  /** A lone syllable: one set of single characters. */
  chars: boolean
  /**
   * Bit j of a UTF-16 unit: it may stand at position j of a match (j < 8). Most places where a
   * chain's first character occurs are ruled out by the next characters, without building
   * a bigram to look up (a chain of initials, gxj, starts on every g- character).
   */
  pos: Uint8Array | null
}
const FIRST_BY_INDEXOF = 4
export function chainOf(sets: Set<string>[], chars = false): Chain {
  const firstList = !chars && sets[0]!.size <= FIRST_BY_INDEXOF ? [...sets[0]!] : null
  let first: Uint8Array | null = null
  if (!firstList) {
    first = new Uint8Array(65536)
    for (const s of sets[0]!) first[s.charCodeAt(0)] = 1
  }
  let pos: Uint8Array | null = null
  if (!chars) {
    pos = new Uint8Array(65536)
    for (let j = 0; j < sets.length && j < 8; j++)
      for (const b of sets[j]!) {
        pos[b.charCodeAt(0)]! |= 1 << j
        if (j + 1 < 8) pos[b.charCodeAt(1)]! |= 1 << (j + 1)
      }
  }
  return { sets, first, firstList, chars, pos }
}

/** Can the characters from p on stand at the chain's positions (a necessary condition)? */
function fits(text: string, pos: Uint8Array, p: number, n: number): boolean {
  for (let j = 1; j <= n && j < 8; j++) if (!(pos[text.charCodeAt(p + j)]! & (1 << j))) return false
  return true
}
/** Characters covered by a chain match. */
export function chainLength(c: Chain): number {
  return c.chars ? 1 : c.sets.length + 1
}

/** How a term was matched, kept for highlighting. */
export interface Needles {
  /** Strings to find (normalised). */
  strings: string[]
  /** Pinyin chains: allowed bigrams per position. */
  chains: Chain[]
}

/** Exact 1 at word boundaries (or for Chinese), 0.8 inside a Latin word, 0 when absent. */
export function literalQuality(text: string, T: string, cls: Uint8Array): number {
  let at = text.indexOf(T)
  if (at < 0) return 0
  const firstAlnum = cls[T.charCodeAt(0)] === ALNUM
  const lastAlnum = cls[T.charCodeAt(T.length - 1)] === ALNUM
  for (let c = 0; c < 20 && at >= 0; c++) {
    const before = at > 0 ? (isDecimalPoint(text, at - 1) ? ALNUM : cls[text.charCodeAt(at - 1)]) : 0
    const after = at + T.length < text.length ? (isDecimalPoint(text, at + T.length) ? ALNUM : cls[text.charCodeAt(at + T.length)]) : 0
    if (!(firstAlnum && before === ALNUM) && !(lastAlnum && after === ALNUM)) return Q.exact
    at = text.indexOf(T, at + 1)
  }
  return Q.inWord
}

/**
 * Are all words present within `win` characters of each other? Judged from each occurrence p
 * of the first word, with each other word's closest occurrence to p (the last at or before p
 * or the first after it; a tie goes to the earlier). Only an occurrence within `win` of p can
 * keep the span within `win`, so each word is looked for from p - win on, not collected over
 * the whole text first: this runs for thousands of candidates per query, and most of a
 * body's text is far from every p.
 */
export function nearby(text: string, words: string[], win: number): boolean {
  const first = words[0]!
  for (let p = text.indexOf(first); p >= 0; p = text.indexOf(first, p + 1)) {
    let lo = p
    let hi = p + first.length
    let k = 1
    for (; k < words.length; k++) {
      const w = words[k]!
      let before = -1
      let q = text.indexOf(w, Math.max(0, p - win))
      while (q >= 0 && q <= p) {
        before = q
        q = text.indexOf(w, q + 1)
      }
      const best = q >= 0 && (before < 0 || q - p < p - before) ? q : before
      if (best < 0) break
      lo = Math.min(lo, best)
      hi = Math.max(hi, best + w.length)
      if (hi - lo > win) break
    }
    if (k === words.length) return true
  }
  return false
}

/** Does the chain continue from its first pair at p? */
export function follows(text: string, sets: Set<string>[], p: number): boolean {
  for (let k = 1; k < sets.length; k++) if (!sets[k]!.has(text.substr(p + k, 2))) return false
  return true
}

/** First position ≥ from where the text reads as the chain (a bigram from each set, overlapping). */
export function chainAt(text: string, chain: Chain, from: number): number {
  const { sets } = chain
  const n = sets.length
  if (chain.chars) {
    // A single syllable: a set of single characters.
    const first = chain.first!
    for (let p = from; p < text.length; p++) if (first[text.charCodeAt(p)]) return p
    return -1
  }
  if (chain.firstList) {
    // Few candidate first pairs: let indexOf find them.
    let best = -1
    for (const b of chain.firstList) {
      let at = text.indexOf(b, from)
      while (at >= 0 && (best < 0 || at < best)) {
        if (at + n < text.length && fits(text, chain.pos!, at, n) && follows(text, sets, at)) {
          best = at
          break
        }
        at = text.indexOf(b, at + 1)
      }
    }
    return best
  }
  const first = chain.first!
  const pos = chain.pos!
  for (let p = from; p + n < text.length; p++) {
    if (!first[text.charCodeAt(p)] || !fits(text, pos, p, n) || !sets[0]!.has(text.substr(p, 2))) continue
    if (follows(text, sets, p)) return p
  }
  return -1
}

/** Spellings one keystroke away: swapped neighbours, a letter dropped, a letter doubled by mistake. */
export function pinyinVariants(w: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))
  for (let i = 0; i < w.length; i++) out.add(w.slice(0, i) + w.slice(i + 1))
  const letters = 'aeiounghrz'
  for (let i = 0; i <= w.length; i++) for (const c of letters) out.add(w.slice(0, i) + c + w.slice(i))
  out.delete(w)
  return [...out]
}
