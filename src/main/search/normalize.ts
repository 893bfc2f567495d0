// Text normalisation for search: one table lookup per UTF-16 unit, so the output always
// has the input's length and every offset found in normalised text is an offset into
// the original (highlights need that).
//   full-width → half-width for letters and digits (ＡＢＣ１２３ → abc123), ideographic space
//   → space; punctuation is left alone (the query parser reads full-width ：－“” itself)
//   case (ASCII and Latin-1/Latin Extended-A letters → lower case), ü → v (pinyin typing)
//   traditional → simplified, character by character, from opencc-js's Hong Kong → mainland
//   dictionary (phrase conversions that would change the length are left out: "where cheap").
import { createRequire } from 'node:module'
import type * as OpenCCModule from 'opencc-js'

/** Loaded when the table is first built (~35 ms): a process that never searches never pays for it. */
const openCC = (): typeof OpenCCModule => createRequire(import.meta.url)('opencc-js') as typeof OpenCCModule

let table: Uint16Array | null = null

/** Character classes after normalisation. */
export const SEP = 0
export const CJK = 1
export const ALNUM = 2
let classes: Uint8Array | null = null

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536)
  for (let c = 0; c < 65536; c++) t[c] = c
  // Traditional → simplified: convert every CJK character at once, separated by newlines
  // (no phrase spans a newline), and keep the one-to-one mappings.
  const conv = openCC().Converter({ from: 'hk', to: 'cn' })
  const chars: string[] = []
  const ranges: [number, number][] = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ]
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) chars.push(String.fromCharCode(c))
  const out = conv(chars.join('\n')).split('\n')
  if (out.length === chars.length) {
    for (let i = 0; i < chars.length; i++) {
      const o = out[i]!
      if (o.length === 1 && o !== chars[i]) t[chars[i]!.charCodeAt(0)] = o.charCodeAt(0)
    }
  }
  // Full-width digits and letters (punctuation stays: it separates words either way, and
  // rewriting every Chinese comma would copy nearly every text). The ideographic space.
  for (let c = 0xff10; c <= 0xff19; c++) t[c] = c - 0xfee0
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0
  for (let c = 0xff41; c <= 0xff5a; c++) t[c] = c - 0xfee0
  t[0x3000] = 0x20
  // Lower case, applied after the width mapping.
  for (let c = 0; c < 0x250; c++) {
    const v = t[c]!
    const lo = String.fromCharCode(v).toLowerCase()
    if (lo.length === 1) t[c] = lo.charCodeAt(0)
  }
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = t[t[c]!]!
  t[0xfc] = t[0xdc] = 0x76 // ü Ü → v
  return t
}

function buildClasses(): Uint8Array {
  const k = new Uint8Array(65536)
  for (let c = 0x30; c <= 0x39; c++) k[c] = ALNUM
  for (let c = 0x61; c <= 0x7a; c++) k[c] = ALNUM
  for (let c = 0xdf; c < 0x250; c++) if (c !== 0xf7 && c !== 0xd7) k[c] = ALNUM
  for (let c = 0x3400; c <= 0x4dbf; c++) k[c] = CJK
  for (let c = 0x4e00; c <= 0x9fff; c++) k[c] = CJK
  for (let c = 0xf900; c <= 0xfaff; c++) k[c] = CJK
  for (let c = 0xd800; c <= 0xdfff; c++) k[c] = CJK // supplementary ideographs (surrogate halves)
  k[0x3007] = CJK // 〇
  return k
}

export function normTable(): Uint16Array {
  return (table ??= buildTable())
}

/** Class of a normalised UTF-16 unit: SEP, CJK or ALNUM. */
export function charClasses(): Uint8Array {
  return (classes ??= buildClasses())
}

/** Normalises text; returns the same string object when nothing changes. Length is preserved. */
export function normalize(s: string): string {
  const t = normTable()
  const n = s.length
  let i = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i)
    if (t[c] !== c) break
  }
  if (i === n) return s
  const out = new Uint16Array(n)
  for (let j = 0; j < n; j++) out[j] = t[s.charCodeAt(j)]!
  let r = ''
  for (let j = 0; j < n; j += 8192) r += String.fromCharCode.apply(null, out.subarray(j, j + 8192) as unknown as number[])
  return r
}

export function isCjkChar(c: number): boolean {
  return charClasses()[c] === CJK
}
