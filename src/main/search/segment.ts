// Splitting a Chinese query term into words, so that "老人照料" also finds
// "为老人提供照料" (both words present, close together). Uses the ICU word segmenter
// that ships with Node (Intl.Segmenter). Single characters are glued together first
// (文化/展/厅 → 文化/展厅), then a lone one to its neighbour (吉木/萨尔/县 → 吉木/萨尔县),
// so that every part has at least one character bigram to look up.

let segmenter: Intl.Segmenter | null = null

export function segmentCjk(term: string): string[] {
  if (term.length <= 2) return [term]
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' })
  const words: string[] = []
  let singleRun = false // the last word is a run of single characters
  for (const { segment } of segmenter.segment(term)) {
    if (segment.length === 1 && singleRun) words[words.length - 1] += segment
    else {
      words.push(segment)
      singleRun = segment.length === 1
    }
  }
  // A lone character joins the word before it (or after it, at the start).
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w.length === 1 && out.length) out[out.length - 1] += w
    else if (w.length === 1 && i + 1 < words.length) words[i + 1] = w + words[i + 1]
    else out.push(w)
  }
  return out.length ? out : [term]
}

/** A fallback split into two-character pieces (the last may have three): 文化展厅 → 文化/展厅. */
export function chunkCjk(term: string): string[] {
  const out: string[] = []
  for (let i = 0; i < term.length; i += 2) out.push(term.slice(i, i + 2))
  if (out.length > 1 && out[out.length - 1]!.length === 1) out[out.length - 2] += out.pop()!
  return out
}
