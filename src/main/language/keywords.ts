// 主题词 suggested from a report's text: jieba's TF-IDF over nouns and noun phrases (主题词
// are nouns, GB/T 3860), with the archive's own vocabulary kept whole and preferred. The
// first call in a process loads jieba's dictionary and IDF table (~0.35 s); later calls
// take a few milliseconds for an ordinary report, ~40 ms at the 200,000-character cap.
import type { ArchiveReader } from '../core/store/reader'
import { segmenter, type Segmenter } from './segmenter'
import { FUNCTION_WORDS, SHIPPED_THESAURUS, SHIPPED_WORDS } from './lexicon'

/** Text read for keywords: the subject of a report is stated long before this. */
export const KEYWORD_TEXT_CHARS = 200_000

/**
 * jieba's noun tags (n 名词, nr 人名, nrt 译名, ns 地名, nt 机构, nz 专名), vn 名动词 (培训,
 * 援助: the subject of many reports), j 简称 (北大) and eng (CT, PPP). Without the filter TF-IDF
 * returns verbs (开展, 提高) and numerals too.
 */
export const KEYWORD_POS: readonly string[] = ['n', 'nr', 'nrt', 'ns', 'nt', 'nz', 'vn', 'j', 'eng']

/** How much more an archive word (place, organisation, tag…) weighs than another. */
const VOCABULARY_BOOST = 1.3
/**
 * Verbs count when the text repeats them, at half weight: jieba tags some subjects as verbs
 * (验收, 帮扶, 结对) and a notice about 竣工验收 says 验收 five times, while in a short text
 * every verb said once or twice would otherwise outweigh the common nouns.
 */
const VERB_WEIGHT = 0.5
const VERB_MIN_COUNT = 3

/**
 * Words of the genre and of the page, not of the subject: 文种, 版头 and 版记 words, and the
 * verbs and nouns every 公文 uses whatever it is about.
 */
const GENERIC = new Set(
  (
    '通知 通报 报告 请示 批复 意见 决定 函 纪要 方案 简报 综述 总结 讲话 汇报 说明 文件 正文 标题 附件 抄送 抄报 印发 共印 主送 ' +
    '份号 密级 机密 秘密 绝密 特急 加急 签发人 本报 记者 通讯员 编者按 同志 工作 情况 问题 方面 要求 部门 单位 年度 全年 今年 去年 目前 期间 ' +
    '开展 推进 加强 做好 提高 实施 完成 取得 继续 表示 进行 推动 落实 组织 坚持 报送 发布 确保 按照 根据 通过 提升 促进 增强 召开 举行 ' +
    '参加 建立 形成 实现 带来 用于 列为 增至 回顾 归纳 打造 举办 开始 结合 围绕 加快 深入 认真 积极 进一步 有效 重点 主要 相关 有关 ' +
    '项目 减少 增加 增长 扩大 投入 提供 发挥 带动 支持 帮助 解决 保障 完善 健全 优化 创新 发展 服务 建设 管理'
  ).split(' '),
)

// A number, a date, a count or a measure says nothing of the subject: 2024, 第五批, 60余人次, 万元.
const NUMERAL = '[\\d０-９〇零一二三四五六七八九十百千万亿两几数.．,，%％‰\\-—~～:：/]'
const UNIT =
  '年|月|日|号|时|分|秒|期|批|届|次|个|人|项|名|位|台|套|件|元|户|亩|吨|米|所|家|座|间|条|天|周|余|多|人次|万元|亿元|千瓦时|立方米|平方米|公里|千米|公顷|千克|公斤|小时|分钟|以上|以下|左右'
const COUNTED = new RegExp(`^第?(?:${NUMERAL})*(?:${UNIT})*(?:${NUMERAL})*$`)
const HAS_NUMERAL = new RegExp(NUMERAL)
const UNIT_ONLY = new RegExp(`^(?:${UNIT})$`)
/** A count or a unit alone (2024, 三年, 人次), not two unit characters that make a word (时间, 家人). */
const countOnly = (w: string) => COUNTED.test(w) && (HAS_NUMERAL.test(w) || UNIT_ONLY.test(w))

/** Whether a word can stand as a 主题词 at all. */
export function keywordCandidate(word: string): boolean {
  const w = word.trim()
  return [...w].length >= 2 && !FUNCTION_WORDS.has(w) && !GENERIC.has(w) && !countOnly(w) && /[\p{L}]/u.test(w)
}

/**
 * A name as a dictionary word: roles in brackets dropped (杨向茹（…主任）→ 杨向茹); null when
 * it still holds punctuation or spaces (it would never match running text as one word).
 */
function vocabularyWord(s: string): string | null {
  const w = s.replace(/[（(][^（）()]*[）)]/g, '').trim()
  return [...w].length >= 2 && [...w].length <= 20 && /^[\p{L}\p{N}·]+$/u.test(w) ? w : null
}

let cached: { seq: number; dir: string; words: ReadonlySet<string> } | null = null

/**
 * The archive's own words: places, people, organisations, 责任者, tag names, the office's
 * thesaurus and the app's domain terms. Rebuilt when the archive has changed.
 */
export function archiveVocabulary(store: ArchiveReader): ReadonlySet<string> {
  if (cached && cached.seq === store.seq && cached.dir === store.dir) return cached.words
  const words = new Set<string>()
  const add = (s: string | undefined) => {
    const w = s ? vocabularyWord(s) : null
    if (w) words.add(w)
  }
  for (const w of SHIPPED_WORDS) add(w)
  for (const e of [...SHIPPED_THESAURUS, ...store.settings.thesaurus]) e.words.forEach(add)
  store.settings.places.forEach(add)
  for (const r of store.records.values()) {
    if (r.kind === 'batch') add(r.counterpart)
    else {
      r.places.forEach(add)
      r.people.forEach(add)
    }
    if (r.kind === 'achievement') r.organisations.forEach(add)
    if (r.kind === 'report') {
      add(r.responsible)
      r.keywords.forEach(add)
    }
  }
  for (const t of store.tags.values()) t.path.split('/').forEach(add)
  cached = { seq: store.seq, dir: store.dir, words }
  return words
}

export interface KeywordOptions {
  /** How many words at most (default 8). */
  limit?: number
  /** The archive's own words: kept whole by the segmenter and weighed a little more. */
  vocabulary?: Iterable<string>
  /** Words already chosen: never suggested again. */
  exclude?: Iterable<string>
  /** The segmenter (tests); the process's own by default. */
  seg?: Segmenter
}

function occurrences(text: string, word: string): number {
  let n = 0
  for (let i = text.indexOf(word); i >= 0 && n < VERB_MIN_COUNT; i = text.indexOf(word, i + word.length)) n++
  return n
}

/** Up to `limit` 主题词 for a text (title and body), best first; none where jieba cannot load. */
export function suggestKeywords(text: string, opts: KeywordOptions = {}): string[] {
  const limit = Math.max(0, Math.floor(opts.limit ?? 8))
  const body = text.slice(0, KEYWORD_TEXT_CHARS)
  if (!limit || !body.trim()) return []
  const seg = opts.seg ?? segmenter()
  const vocabulary = new Set(opts.vocabulary ?? [])
  seg.addWords(vocabulary)
  const chosen = [...new Set([...(opts.exclude ?? [])].map((w) => w.trim()).filter(Boolean))]
  // More candidates than asked for: some are filtered out below, and the weights reorder them.
  const k = limit * 4 + chosen.length
  const weighed = new Map<string, number>()
  for (const [pos, factor] of [[KEYWORD_POS, 1], [['v'], VERB_WEIGHT]] as const)
    for (const { word, weight } of seg.keywords(body, k, pos))
      if (keywordCandidate(word) && (factor === 1 || occurrences(body, word) >= VERB_MIN_COUNT)) weighed.set(word, Math.max(weighed.get(word) ?? 0, weight * factor * (vocabulary.has(word) ? VOCABULARY_BOOST : 1)))
  const ranked = [...weighed].map(([word, weight]) => ({ word, weight })).sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
  const out: string[] = []
  for (const { word } of ranked) {
    if (out.length >= limit) break
    // One word per subject: 阜康市 makes 阜康 redundant, and 援疆 then 援疆工作队 says it twice.
    if ([...chosen, ...out].some((c) => c.includes(word) || word.includes(c))) continue
    out.push(word)
  }
  return out
}
