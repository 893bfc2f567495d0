// Numbers as people say them, turned into the form the archive writes them in, as extra
// forms of a query word (the word as typed is always searched too): 五万立方米 → 5万立方米,
// 一点七亿度 → 1.7亿千瓦时, 百分之三十 → 30%, 二〇二四年 → 2024年, 每小时170吨 → 170吨/时.
// Units are rewritten only right after a number, so 温度 or 制度 stay words.

const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const NUMERAL = '〇零一二两三四五六七八九十百千'

/** A Chinese numeral below 万 (三十, 一千七百, 二〇二四 read digit by digit) → its value; null if not one. */
export function chineseInteger(s: string): number | null {
  if (!s) return null
  // Digit by digit (years, codes): every character a digit, no 十百千.
  if (s.length >= 2 && [...s].every((c) => c in DIGIT)) return Number([...s].map((c) => DIGIT[c]).join(''))
  let total = 0
  let cur = -1
  for (const c of s) {
    if (c in DIGIT) {
      if (cur >= 0 && cur !== 0) return null // 二三 outside digit-by-digit form
      cur = DIGIT[c]!
    } else if (c in SMALL_UNIT) {
      total += (cur < 0 ? 1 : cur) * SMALL_UNIT[c]!
      cur = -1
    } else return null
  }
  if (cur > 0) total += cur
  return total
}

/** Writes the Chinese numerals of a text as digits (一点七亿 → 1.7亿, 三十 → 30); other text stays. */
export function digitsForNumerals(text: string): string {
  const re = new RegExp(`[${NUMERAL}]+(?:点[${NUMERAL}]+)?`, 'g')
  return text.replace(re, (m, offset: number) => {
    // A lone 一/两 inside a word (统一, 一家亲, 两地) is not a quantity: only before a
    // measure or magnitude does it read as one.
    const next = text[offset + m.length] ?? ''
    const [int, frac] = m.split('点') as [string, string | undefined]
    if (m.length === 1 && !/[万亿千百十%年月日人名个项台次批吨米元户家所天岁倍余多届期篇张场座条]/.test(next)) return m
    // 一 and 两 after another character are part of a word (石榴籽一家亲, 晋昌两地).
    if (m.length === 1 && /[一两]/.test(m) && /[\u3400-\u9fff]/.test(text[offset - 1] ?? '')) return m
    const a = chineseInteger(int)
    if (a === null) return m
    if (frac === undefined) return String(a)
    const f = [...frac].map((c) => DIGIT[c])
    return f.some((x) => x === undefined) ? m : `${a}.${f.join('')}`
  })
}

/** Unit words as the archive writes them, after a number (度 → 千瓦时). */
const UNITS: [RegExp, string][] = [
  [/(\d(?:\.\d+)?[万亿]?)度(?!电)/g, '$1千瓦时'],
  [/(\d(?:\.\d+)?[万亿]?)度电/g, '$1千瓦时'],
  [/(\d(?:\.\d+)?[万亿]?)平米/g, '$1平方米'],
  [/(\d(?:\.\d+)?[万亿]?)方(?![面向法案式])/g, '$1立方米'],
  [/(\d(?:\.\d+)?[万亿]?)公斤/g, '$1千克'],
  [/(\d(?:\.\d+)?[万亿]?)块钱?/g, '$1元'],
  [/(\d(?:\.\d+)?)个百分点/g, '$1%'],
]

/** Other forms of a query word that name the same quantity; [] when it holds none. */
export function spokenForms(word: string): string[] {
  const out = new Set<string>()
  let w = digitsForNumerals(word)
  // 百分之三十 → 30%
  w = w.replace(/百分之(\d+(?:\.\d+)?)/g, '$1%')
  for (const [re, to] of UNITS) w = w.replace(re, to)
  // 每小时170吨 / 170吨每小时 / 170吨/小时 → 170吨/时
  w = w.replace(/每(?:小时|时)(\d+(?:\.\d+)?)吨/g, '$1吨/时').replace(/(\d+(?:\.\d+)?)吨(?:每小时|每时|\/小时)/g, '$1吨/时')
  if (w !== word) out.add(w)
  // 5万 → 50000 and back are not rewritten: the archive keeps 万 and 亿 as written.
  return [...out]
}
