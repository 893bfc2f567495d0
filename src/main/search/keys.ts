// Key encoding: the integer codes of Latin/number words and trigrams. Pure functions,
// separate from the index so the builder and the query side share one definition.

/** Character ids below this; a CJK bigram key is a * CHAR_IDS + b. */
export const CHAR_IDS = 16384
export const TRI_BASE = 1 << 28
export const WORD_BASE = TRI_BASE + 65536

export const ALNUM_CODE = (() => {
  const t = new Uint8Array(65536).fill(36)
  for (let c = 0; c < 26; c++) t[97 + c] = c
  for (let c = 0; c < 10; c++) t[48 + c] = 26 + c
  return t
})()

export function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)
}

export function isDecimalPoint(s: string, j: number): boolean {
  return s.charCodeAt(j) === 0x2e && isDigit(s.charCodeAt(j - 1)) && isDigit(s.charCodeAt(j + 1))
}

export function wordCode(s: string, i: number, L: number): number {
  const a = ALNUM_CODE[s.charCodeAt(i)]!
  return L === 1 ? a : 37 + a * 37 + ALNUM_CODE[s.charCodeAt(i + 1)]!
}

export function triCode(s: string, i: number): number {
  return (ALNUM_CODE[s.charCodeAt(i)]! * 37 + ALNUM_CODE[s.charCodeAt(i + 1)]!) * 37 + ALNUM_CODE[s.charCodeAt(i + 2)]!
}
