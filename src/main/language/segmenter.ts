// Chinese word segmentation for queries and keyword extraction: jieba (@node-rs/jieba,
// a native module with prebuilt binaries for Windows, macOS and Linux) with its own
// dictionary plus the words the app and the archive add. Loaded on first use (~0.2 s
// for the dictionary, the IDF table another ~0.15 s when keywords are asked for), so a
// process that never segments never pays. Where the binary cannot load (an unusual
// platform), ICU's word segmenter that ships with Node stands in.
import { createRequire } from 'node:module'

export interface Keyword {
  word: string
  weight: number
}

export interface Segmenter {
  readonly engine: 'jieba' | 'icu'
  /** Words of a text, in order (punctuation and spaces come back as their own pieces). */
  cut(text: string): string[]
  /** Adds words to the dictionary (archive vocabulary: places, people, tags…). Idempotent. */
  addWords(words: Iterable<string>): void
  /**
   * The k words of a text that say most about it (TF-IDF); none without jieba. With
   * allowedPos, only words of those parts of speech (jieba's tags: n, ns, vn…); the words
   * addWords adds count as nouns (n).
   */
  keywords(text: string, k: number, allowedPos?: readonly string[]): Keyword[]
}

interface JiebaModule {
  Jieba: { withDict(d: Uint8Array): JiebaInstance }
  TfIdf: { withDict(d: Uint8Array): TfIdfInstance }
}
interface JiebaInstance {
  cut(s: string, hmm?: boolean): string[]
  loadDict(d: Uint8Array): void
}
interface TfIdfInstance {
  extractKeywords(j: JiebaInstance, s: string, k: number, pos?: string[]): { keyword: string; weight: number }[]
}

class JiebaSegmenter implements Segmenter {
  readonly engine = 'jieba' as const
  private added = new Set<string>()
  private tfidf: TfIdfInstance | null = null
  constructor(
    private mod: JiebaModule,
    private j: JiebaInstance,
    private idf: () => Uint8Array,
  ) {}

  cut(text: string): string[] {
    // Without the HMM: unknown words come back as single characters, which the query
    // side glues together itself; the HMM's guesses join words across boundaries.
    return this.j.cut(text, false)
  }

  addWords(words: Iterable<string>): void {
    const lines: string[] = []
    for (const w of words) {
      // A dictionary line is "word freq": no spaces inside the word.
      const word = w.trim()
      if (word.length < 2 || word.length > 20 || /\s/.test(word) || this.added.has(word)) continue
      this.added.add(word)
      lines.push(`${word} 50000 n`)
    }
    if (lines.length) this.j.loadDict(Buffer.from(lines.join('\n') + '\n'))
  }

  keywords(text: string, k: number, allowedPos?: readonly string[]): Keyword[] {
    this.tfidf ??= this.mod.TfIdf.withDict(this.idf())
    const pos = allowedPos?.length ? [...allowedPos] : undefined
    return this.tfidf.extractKeywords(this.j, text, k, pos).map((x) => ({ word: x.keyword, weight: x.weight }))
  }
}

class IcuSegmenter implements Segmenter {
  readonly engine = 'icu' as const
  private seg = new Intl.Segmenter('zh', { granularity: 'word' })
  cut(text: string): string[] {
    return [...this.seg.segment(text)].map((s) => s.segment)
  }
  addWords(): void {}
  keywords(): Keyword[] {
    return []
  }
}

let instance: Segmenter | null = null

/** The process's segmenter (created on first call). AID_SEGMENTER=icu forces the fallback. */
export function segmenter(): Segmenter {
  if (instance) return instance
  if (process.env.AID_SEGMENTER !== 'icu') {
    try {
      const req = createRequire(import.meta.url)
      const mod = req('@node-rs/jieba') as JiebaModule
      const dicts = () => req('@node-rs/jieba/dict') as { dict: Uint8Array; idf: Uint8Array }
      instance = new JiebaSegmenter(mod, mod.Jieba.withDict(dicts().dict), () => dicts().idf)
      return instance
    } catch {
      // No binary for this platform: fall through to ICU.
    }
  }
  return (instance = new IcuSegmenter())
}
