// Pinyin for search: the syllable table, splitting typed Latin into syllables, and the
// readings of characters and character pairs (pinyin-pro, toneless, ü written v).
// The index asks for readings once per distinct character and once per distinct
// character pair (with the context of the pair's first occurrence, so polyphones such
// as 行 in 银行/行动 or 长 in 长治/校长 resolve); queries only ever convert the query.
import { createRequire } from 'node:module'
import type * as PinyinPro from 'pinyin-pro'

/** Toneless syllables of Mandarin (pinyin-pro's inventory, without the interjections m, n, ng, hng). */
export const SYLLABLES: readonly string[] = (
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng ' +
  'cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu ' +
  'cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ' +
  'ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan ' +
  'guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian ' +
  'jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan ' +
  'kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun ' +
  'luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei ' +
  'nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi ' +
  'pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren ' +
  'reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen ' +
  'sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te ' +
  'tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang ' +
  'xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan ' +
  'zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang ' +
  'zhui zhun zhuo zi zong zou zu zuan zui zun zuo'
).split(' ')

const SYLLABLE_SET = new Set(SYLLABLES)
const PREFIX_SET = new Set<string>()
for (const s of SYLLABLES) for (let i = 1; i < s.length; i++) PREFIX_SET.add(s.slice(0, i))
/** Letters a syllable can start with (no syllable starts with i, u or v). */
export const INITIAL_LETTERS = new Set('abcdefghjklmnopqrstwxyz'.split(''))

export function isSyllable(s: string): boolean {
  return SYLLABLE_SET.has(s)
}

export interface PinyinChunk {
  /** A whole syllable, or (prefix: true) the start of one: an initial or a half-typed syllable. */
  text: string
  prefix: boolean
}

/**
 * The ways to read a run of letters as whole syllables, fewest syllables first (xian →
 * [xian], [xi, an]). With allowPrefix the last chunk may be a half-typed syllable
 * (fuka → [fu, ka…]). At most `max` readings.
 */
export function segmentPinyin(s: string, opts: { allowPrefix?: boolean; max?: number } = {}): PinyinChunk[][] {
  const max = opts.max ?? 4
  if (!/^[a-z]+$/.test(s) || s.length > 60) return []
  const memo = new Map<number, PinyinChunk[][]>()
  const go = (i: number): PinyinChunk[][] => {
    if (i === s.length) return [[]]
    const hit = memo.get(i)
    if (hit) return hit
    const out: PinyinChunk[][] = []
    for (let j = Math.min(s.length, i + 6); j > i; j--) {
      const part = s.slice(i, j)
      const whole = SYLLABLE_SET.has(part)
      // The last chunk of a word still being typed may be the start of a longer syllable
      // (fuka → fu ka…, which also covers ka itself).
      const half = !!opts.allowPrefix && j === s.length && PREFIX_SET.has(part)
      if (!whole && !half) continue
      for (const rest of go(j)) {
        out.push([{ text: part, prefix: half }, ...rest])
        if (out.length >= max * 4) break
      }
    }
    memo.set(i, out)
    return out
  }
  return go(0)
    .sort((a, b) => a.length - b.length || prefixes(a) - prefixes(b))
    .slice(0, max)
}
const prefixes = (a: PinyinChunk[]) => a.filter((c) => c.prefix).length

/** Reads letters as initials, one per character (jmse → j m s e), if every letter can start a syllable. */
export function initialsOf(s: string): PinyinChunk[] | null {
  if (s.length < 2 || s.length > 12 || !/^[a-z]+$/.test(s)) return null
  const out: PinyinChunk[] = []
  for (const ch of s) {
    if (!INITIAL_LETTERS.has(ch)) return null
    out.push({ text: ch, prefix: true })
  }
  return out
}

const OPTS = { type: 'array', toneType: 'none', v: true } as const

/**
 * pinyin-pro, loaded at its first call (~85 ms with its dictionary): a process that never
 * reads pinyin (a CLI `show`, the host's own thread, whose index lives in a worker) never
 * pays for it at start.
 */
let lib: typeof PinyinPro | null = null
const pinyinPro = (): typeof PinyinPro => (lib ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro)

/** Calls into pinyin-pro, by purpose (tests check that queries never convert indexed text). */
export const pinyinCalls = { chars: 0, pairs: 0, query: 0 }
const valid = (r: string | undefined): r is string => !!r && /^[a-z]+$/.test(r)

/** Readings of single characters, cached; the first is the most common. */
export class CharReadings {
  private cache = new Map<string, string[]>()

  get(ch: string): string[] {
    let r = this.cache.get(ch)
    if (!r) {
      this.ensure([ch])
      r = this.cache.get(ch) ?? []
    }
    return r
  }

  /** Looks up many characters in one call to pinyin-pro. */
  ensure(chars: Iterable<string>): void {
    const todo: string[] = []
    for (const c of chars) if (!this.cache.has(c)) todo.push(c)
    if (!todo.length) return
    pinyinCalls.chars++
    const all = pinyinPro().polyphonic(todo.join(''), OPTS) as string[][]
    // polyphonic() returns one entry per character of the input.
    if (all.length !== todo.length) {
      for (const c of todo) this.cache.set(c, uniq((pinyinPro().polyphonic(c, OPTS) as string[][])[0]?.filter(valid) ?? []))
      return
    }
    for (let i = 0; i < todo.length; i++) this.cache.set(todo[i]!, uniq(all[i]!.filter(valid)))
  }

  isPolyphone(ch: string): boolean {
    return this.get(ch).length > 1
  }
}

const uniq = (a: string[]) => [...new Set(a)]

export interface PairSite {
  /** Text containing the pair (both characters CJK) and the pair's offset in it. */
  text: string
  pos: number
}

/**
 * Readings of character pairs, each resolved in context: the pair alone (pinyin-pro's
 * phrase dictionary) and the pair inside up to three characters of its run either side.
 * Pairs of unambiguous characters need no lookup; the others go to pinyin-pro in one
 * call (windows joined by newlines, which no phrase spans).
 */
export function pairReadingsBatch(chars: CharReadings, sites: PairSite[]): [string, string][][] {
  const out: [string, string][][] = sites.map(() => [])
  const windows: string[] = []
  const todo: { i: number; alone: number; ctx: number; at: number }[] = []
  let offset = 0
  const addWindow = (w: string) => {
    const at = offset
    windows.push(w)
    offset += w.length + 1
    return at
  }
  sites.forEach(({ text, pos }, i) => {
    const a = text[pos]!
    const b = text[pos + 1]!
    const ra = chars.get(a)
    const rb = chars.get(b)
    if (!ra.length || !rb.length) return
    if (ra.length === 1 && rb.length === 1) {
      out[i]!.push([ra[0]!, rb[0]!])
      return
    }
    let s = pos
    while (s > 0 && pos - s < 3 && isHan(text.charCodeAt(s - 1))) s--
    let e = pos + 2
    while (e < text.length && e - pos < 5 && isHan(text.charCodeAt(e))) e++
    const alone = addWindow(a + b)
    const ctx = s < pos || e > pos + 2 ? addWindow(text.slice(s, e)) : -1
    todo.push({ i, alone, ctx, at: pos - s })
  })
  if (!todo.length) return out
  const all = windows.join('\n')
  pinyinCalls.pairs++
  // MinTokenization (3): the default max-probability tokenizer lets one window's
  // reading leak into the next (银行 read "yin xing" at the start of a batch); this one
  // gave the same readings as separate calls on every window of the seed article.
  let arr = pinyinPro().pinyin(all, { ...OPTS, segmentit: 3 as never }) as string[]
  if (arr.length !== all.length) arr = [...all].map((c) => (c === '\n' ? c : ((pinyinPro().pinyin(c, OPTS) as string[])[0] ?? c)))
  for (const { i, alone, ctx, at } of todo) {
    const seen = new Map<string, [string, string]>()
    const add = (x: string | undefined, y: string | undefined) => {
      if (valid(x) && valid(y)) seen.set(x + ' ' + y, [x, y])
    }
    add(arr[alone], arr[alone + 1])
    if (ctx >= 0) add(arr[ctx + at], arr[ctx + at + 1])
    if (!seen.size) {
      const { text, pos } = sites[i]!
      add(chars.get(text[pos]!)[0], chars.get(text[pos + 1]!)[0])
    }
    out[i] = [...seen.values()]
  }
  return out
}

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)
}

/** The pinyin of a query term, one syllable per character (non-Han characters dropped). */
export function readingOf(text: string): string[] {
  const out: string[] = []
  pinyinCalls.query++
  const arr = pinyinPro().pinyin(text, { ...OPTS, nonZh: 'removed' }) as string[]
  for (const r of arr) if (valid(r)) out.push(r)
  return out
}
