// Reading a parsed query the way staff mean it, before any lookup: filters said in words
// (第四批, 2024年, a closing 成果) become chips; every other word becomes a unit to find,
// with the other forms that name the same thing (thesaurus lines, numbers as written).
// Splitting a unit into words (decompose) happens only when the unit as typed finds
// nothing, so a query that worked before reads exactly as before.
import type { SearchChip } from '../../../shared/api'
import type { RecordKind } from '../../../shared/domain'
import { parseBatchNumber, type Filter, type ParsedQuery, type TextTerm } from '../query'
import { ALL_GROUPS } from '../doc'
import { chineseInteger, spokenForms } from './numbers'
import { FUNCTION_CHARS, FUNCTION_WORDS, type Thesaurus } from './thesaurus'
import { segmenter } from '../../language/segmenter'

export interface Alt {
  text: string
  how: 'synonym' | 'abbreviation' | 'number'
}

export interface Unit {
  /** The words as typed (normalised): what notices name. */
  label: string
  term: TextTerm
  alts: Alt[]
  /** Must be found (a quoted phrase, +word, a field value): never dropped by partial ranking. */
  required: boolean
  /** May be split into words when it finds nothing as a whole. */
  decomposable: boolean
}

export interface Analysis {
  units: Unit[]
  negatives: TextTerm[]
  filters: Filter[]
  chips: SearchChip[]
  ignored: string[]
}

const KIND_WORDS: Record<string, RecordKind> = { 成果: 'achievement', 照片: 'photo', 图片: 'photo', 相片: 'photo', 文书: 'report' }
const BATCH_RE = /第?([0-9]{1,2}|[一二两三四五六七八九十]{1,3})批(?:次|援疆工作队|工作队)?/g
const YEAR_RE = /((?:19|20)[0-9]{2}|[一二][〇零一二三四五六七八九]{3})年度?(?![0-9]|[0-9一二三四五六七八九十]{1,2}月)/g
const CJK_TEXT = /^[\u3400-\u9fff\uf900-\ufaff〇]+$/

export interface AnalyzeContext {
  thesaurus: Thesaurus
  batchExists(n: number): boolean
}

export function analyze(parsed: ParsedQuery, ctx: AnalyzeContext): Analysis {
  const filters = [...parsed.filters]
  const chips: SearchChip[] = []
  const ignored: string[] = []
  const units: Unit[] = []
  const negatives = parsed.terms.filter((t) => t.negate)
  const pieces: { term: TextTerm; text: string }[] = []

  for (const t of parsed.terms) {
    if (t.negate) continue
    const free = (t.kind === 'cjk' || t.kind === 'literal') && t.groups === ALL_GROUPS && !t.required
    if (!free) {
      units.push({ label: t.text, term: t, alts: [], required: t.kind === 'phrase' || t.required || t.groups !== ALL_GROUPS, decomposable: false })
      continue
    }
    // Filters said in words. Each found span is cut out of the term's text.
    let text = t.text.replace(BATCH_RE, (m, n: string) => {
      const num = parseBatchNumber(n)
      if (num === null) return m
      if (!ctx.batchExists(num)) {
        chips.push({ type: 'batch', source: m, lo: num, hi: num, unmatched: true })
        return m
      }
      chips.push({ type: 'batch', source: m, lo: num, hi: num })
      filters.push({ type: 'batch', lo: num, hi: num, negate: false, clause: t.clause })
      return ' '
    })
    text = text.replace(YEAR_RE, (m, y: string) => {
      const year = /^[0-9]+$/.test(y) ? Number(y) : chineseInteger(y)!
      chips.push({ type: 'year', source: m, lo: year, hi: year })
      filters.push({ type: 'year', lo: year, hi: year, negate: false, clause: t.clause })
      return ' '
    })
    for (const piece of text.split(' ')) if (piece) pieces.push({ term: t, text: piece })
  }

  // A closing 成果 / 照片 names the kind wanted, when something else says what about.
  const last = pieces[pieces.length - 1]
  if (last) {
    const trimmed = stripFunctionWords(last.text)
    for (const [word, kind] of Object.entries(KIND_WORDS)) {
      if (!trimmed.endsWith(word)) continue
      const rest = stripFunctionWords(trimmed.slice(0, -word.length))
      if (!rest && pieces.length === 1 && !chips.some((c) => !c.unmatched) && !parsed.filters.length) break
      chips.push({ type: 'kind', source: word, kind })
      filters.push({ type: 'kind', kinds: [kind], negate: false, clause: last.term.clause })
      if (rest) last.text = rest
      else pieces.pop()
      break
    }
  }

  for (const { term, text } of pieces) {
    const core = stripFunctionWords(text, ignored)
    if (!core) continue
    const kind = CJK_TEXT.test(core) ? 'cjk' : 'literal'
    units.push({ label: core, term: { ...term, kind, text: core }, alts: altsFor(core, ctx.thesaurus), required: false, decomposable: kind === 'cjk' || /[\u4e00-\u9fff]/.test(core) })
  }
  return { units, negatives, filters, chips, ignored: [...new Set(ignored)] }
}

/** Other forms of a word: thesaurus lines and numbers as the archive writes them. */
export function altsFor(word: string, th: Thesaurus): Alt[] {
  const out: Alt[] = []
  for (const x of th.expand(word)) out.push({ text: x.word, how: x.how })
  for (const f of spokenForms(word)) {
    out.push({ text: f, how: 'number' })
    // A unit the thesaurus knows, after the number (1.7亿度 → 1.7亿千瓦时 is done above).
  }
  // A form that contains the word (研学 → 研学旅行) can only find records the word finds.
  return out.filter((a, i) => !a.text.includes(word) && out.findIndex((b) => b.text === a.text) === i)
}

/** Function words at the start and end of a piece (的成果 → 成果, 医院做了什么 → 医院). */
export function stripFunctionWords(s: string, dropped: string[] = []): string {
  let out = s
  for (let changed = true; changed && out; ) {
    changed = false
    for (const len of [4, 3, 2, 1]) {
      if (out.length > len && FUNCTION_WORDS.has(out.slice(0, len)) && !protectedStart(out)) {
        dropped.push(out.slice(0, len))
        out = out.slice(len)
        changed = true
        break
      }
      if (out.length > len && FUNCTION_WORDS.has(out.slice(-len))) {
        dropped.push(out.slice(-len))
        out = out.slice(0, -len)
        changed = true
        break
      }
    }
    if (FUNCTION_WORDS.has(out)) {
      dropped.push(out)
      out = ''
    }
  }
  return out
}

// A few words begin with a function character (中学, 上海, 对口): only strip when
// what follows is not such a word. Kept small on purpose: decompose() does the real work.
function protectedStart(s: string): boolean {
  return /^(中学|中心|中医|上海|对口|下乡|为民|在线|有限|有色|和田|从业|向阳|于田|个人|一中|一体)/.test(s)
}

export interface Decomposed {
  words: string[]
  ignored: string[]
}

/**
 * A unit that found nothing as typed, split into the words it says: the archive's own
 * vocabulary and the thesaurus first (longest match, so 吉木萨尔县 stays whole), jieba for
 * the rest, function words set aside, and characters jieba leaves alone glued back into
 * a word (干/熄/焦 → 干熄焦) unless the thesaurus knows the character (晋 → 山西).
 */
export function decompose(text: string, vocab: { has(w: string): boolean }, th: Thesaurus, maxWord = 12): Decomposed {
  const pieces: { w: string; known: boolean }[] = []
  let gap = ''
  const flush = () => {
    if (!gap) return
    for (const w of segmenter().cut(gap)) if (w.trim()) pieces.push({ w, known: false })
    gap = ''
  }
  for (let i = 0; i < text.length; ) {
    let hit = ''
    for (let L = Math.min(maxWord, text.length - i); L >= 2; L--) {
      const w = text.slice(i, i + L)
      // The whole text already found nothing as one word: look for the words inside it.
      if (w === text) continue
      if (vocab.has(w) || th.words.has(w) || (L >= 2 && FUNCTION_WORDS.has(w))) {
        hit = w
        break
      }
    }
    if (hit) {
      flush()
      pieces.push({ w: hit, known: true })
      i += hit.length
    } else gap += text[i++]
  }
  flush()
  const ignored: string[] = []
  const words: string[] = []
  let run = '' // single characters waiting to be glued
  const endRun = () => {
    if (!run) return
    if (run.length === 1 && words.length) words[words.length - 1] += run
    else words.push(run)
    run = ''
  }
  for (const { w, known } of pieces) {
    if (FUNCTION_WORDS.has(w) || (!known && FUNCTION_CHARS.has(w))) {
      endRun()
      ignored.push(w)
    } else if (w.length === 1 && !known && !th.words.has(w) && /[\u3400-\u9fff〇]/.test(w)) run += w
    else {
      // A lone character before a word joins it (吨 after a number was handled as a literal).
      if (run.length === 1 && !known) {
        run += w
        words.push(run)
        run = ''
        continue
      }
      endRun()
      words.push(w)
    }
  }
  endRun()
  return { words: words.filter((w) => w.trim()), ignored }
}
