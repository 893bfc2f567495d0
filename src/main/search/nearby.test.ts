// nearby(): every word within `win` characters, judged from each occurrence of the first
// word with the closest occurrence of each other word. Checked against the plain reading
// of that rule on random texts over a small alphabet (so words occur many times).
import { describe, expect, it } from 'vitest'
import { nearby } from './match'

/** The rule read literally: every occurrence of each word, the closest by distance, the earlier on a tie. */
function reference(text: string, words: string[], win: number): boolean {
  const occ = words.map((w) => {
    const out: number[] = []
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) out.push(at)
    return out
  })
  if (occ.some((o) => !o.length)) return false
  return occ[0]!.some((p) => {
    let lo = p
    let hi = p + words[0]!.length
    for (let k = 1; k < words.length; k++) {
      let best = occ[k]![0]!
      for (const q of occ[k]!) if (Math.abs(q - p) < Math.abs(best - p)) best = q
      lo = Math.min(lo, best)
      hi = Math.max(hi, best + words[k]!.length)
      if (hi - lo > win) return false
    }
    return true
  })
}

function rng(seed: number) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

describe('nearby', () => {
  it('agrees with the rule read literally on 3,000 random texts', () => {
    const rand = rng(42)
    const alphabet = '援疆工作队医疗'
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('')
    let yes = 0
    for (let i = 0; i < 3000; i++) {
      const text = pick(20 + Math.floor(rand() * 400))
      const words = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(2 + Math.floor(rand() * 2)))
      const win = 4 + Math.floor(rand() * 20)
      const want = reference(text, words, win)
      expect(nearby(text, words, win), `${words.join('/')} ${win} ${text}`).toBe(want)
      if (want) yes++
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(yes).toBeGreaterThan(300)
    expect(yes).toBeLessThan(2700)
  })

  it('finds words close together and refuses them far apart', () => {
    expect(nearby('为老人提供贴心照料', ['老人', '照料'], 12)).toBe(true)
    expect(nearby('老人' + '的'.repeat(30) + '照料', ['老人', '照料'], 12)).toBe(false)
    expect(nearby('照料' + '的'.repeat(30) + '老人，老人照料', ['老人', '照料'], 12)).toBe(true)
  })
})
