// Suggestions for a report's catalogue fields, read from its text for the user to confirm:
// 题名, 日期 (成文日期), 文号 and 责任者. The text is read the way its layout is written:
// a 公文 (GB/T 9704) opens with a 版头 (份号, 密级, 紧急程度, the 发文机关标志 "…文件",
// the 发文字号), then the 标题, 主送机关, 正文, the 落款 and 成文日期, and a 版记 (抄送,
// 印发机关和印发日期); a 简报 opens with its 报头 (name, 期号, 编印单位 and date), then the
// article's title. The title comes after the head, never from it.
import type { ReportSuggestion } from '../../../shared/contract/intake'
import { parseHumanDate } from '../../../shared/dates'

const DOC_NO = /[\u4e00-\u9fa5A-Za-z]{1,16}\s*[〔［\[【（(]\s*\d{4}\s*[〕］\]】）)]\s*\d{1,5}\s*号/
const ISSUE_NO = /(?:\d{4}\s*年\s*)?第\s*\d{1,4}\s*期/
const CN_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g
const ISO_DATE = /\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})\b/g
const ORG =
  /(指挥部|工作队|工作组|联络组|领导小组|办公室|办公厅|委员会|管委会|党委|党组|人民政府|政府|组织部|宣传部|厅|局|处|中心|医院|学校|学院|大学|公司|报社|新华社|分社|编辑部)$/
/** The 发文机关标志 of a 公文 and the name of a 简报 (报头). */
const MASTHEAD = /(文件|简报|快报|通讯|工作动态|专报|情况反映)$/
/** The 文种 a 公文 title ends with: where a title broken over two lines ends. */
const GENRE = /(通知|通报|报告|请示|批复|意见|决定|决议|命令|公告|通告|公报|议案|函|纪要|方案|办法|规定|细则|规划|计划|要点|总结|综述|讲话|汇报|情况|说明)$/
/** 版记 and 报尾: who it is sent to and who printed it, after the 落款. */
const COLOPHON = /^(抄送|抄报|报送|报|送|发|分送|印发|主送)[:：]|印发$|^[（(]?共印\d+份/
const GENERIC_TITLE = /^(标题|题目|文档\d*|新建.*文档.*|无标题.*|title|untitled|document\d*|microsoft word.*)$/i

/** A line without its spaces: a letterhead is often set as 山 西 援 疆 … 文 件. */
const compact = (s: string) => s.replace(/[\s\u3000]+/g, '')

function dates(text: string): string[] {
  const out: string[] = []
  // The regexes find dates inside running text; the calendar check is the archive's own.
  for (const re of [CN_DATE, ISO_DATE]) for (const m of text.matchAll(re)) {
    const d = parseHumanDate(`${m[1]}-${m[2]}-${m[3]}`)
    if (d.ok) out.push(d.iso)
  }
  return out
}
const dateOnly = (c: string) => /^\d{4}年\d{1,2}月\d{1,2}日(印发)?$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(c)

/** Lines of the head: 份号, 密级, 紧急程度, 标志, 文号, 签发人, 期号, 编印单位, dates, rules. */
function headLine(c: string): boolean {
  return (
    /^\d{1,8}$/.test(c) ||
    /^(份号|密级|紧急程度|签发人|编号)/.test(c) ||
    /^(绝密|机密|秘密|内部|特急|加急|特提|平急)(★.{0,8})?$/.test(c) ||
    (c.length <= 30 && MASTHEAD.test(c)) ||
    (c.length <= 40 && DOC_NO.test(c) && c.replace(DOC_NO, '').replace(/签发人[:：].*$/, '').length <= 2) ||
    (c.length <= 30 && ISSUE_NO.test(c) && c.replace(ISSUE_NO, '').replace(/[（(]总第\d+期[）)]/, '').length <= 2) ||
    editorOf(c) !== null ||
    dateOnly(c) ||
    /^[-—_=*·•.~～]+$/.test(c)
  )
}

/** 编印单位 of a 简报 line ("山西援疆前方指挥部办公室编 2024年5月10日", "编印单位：…"), or null. */
function editorOf(c: string): string | null {
  const labelled = /^(编印单位|编印|主办单位|主办|编发单位)[:：](.{2,40}?)(\d{4}年.*)?$/.exec(c)
  if (labelled) return labelled[2]!
  const m = /^(.{2,40}?)(编印|编发|主办|编)?(\d{4}年\d{1,2}月\d{1,2}日)?$/.exec(c)
  if (!m || (!m[2] && !m[3])) return null
  return ORG.test(m[1]!) ? m[1]! : null
}

/** An org named by a masthead ("山西援疆前方指挥部文件" → 山西援疆前方指挥部), or ''. */
function mastheadOrg(c: string): string {
  const name = c.replace(MASTHEAD, '')
  return name !== c && ORG.test(name) ? name : ''
}

function titleLike(l: string): boolean {
  const c = compact(l)
  return (
    c.length >= 4 && c.length <= 80 && !/[。；！？;!?]$/.test(c) && (c.match(/，|,/g)?.length ?? 0) <= 1 && !/[:：]$/.test(c) &&
    !headLine(c) && !/^[（(]?[一二三四五六七八九十\d]+[、.）)]/.test(c) && !/^(本期|目录|要目|附件)/.test(c) && !/^【[^】]*】$/.test(c)
  )
}

/** The title property, when it reads as a title and the text bears it out. */
function plausibleTitle(t: string | undefined, opening: string): string {
  const s = (t ?? '').replace(/\s+/g, ' ').trim()
  const c = compact(s)
  if (c.length < 4 || c.length > 120 || GENERIC_TITLE.test(c) || MASTHEAD.test(c) || headLine(c)) return ''
  if (!/[\u4e00-\u9fa5]{2}|[A-Za-z]{4}/.test(c)) return ''
  return !opening || opening.includes(c) ? s : ''
}

export interface DocumentFacts {
  /** The document's own title property (docx docProps/core.xml dc:title). */
  title?: string
}

export function suggestReport(text: string, fileName: string, facts: DocumentFacts = {}): ReportSuggestion {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^#{1,6}\s+/, '').replace(/\s+/g, ' ').trim()).filter(Boolean)
  const c = lines.map(compact)
  const docNumber = (DOC_NO.exec(text.slice(0, 2000))?.[0] ?? ISSUE_NO.exec(text.slice(0, 1000))?.[0] ?? '').replace(/\s+/g, '')

  // The head ends at the 文号/期号 when one stands in the first lines (whatever the
  // letterhead says), and runs on over the head lines after it; else it is the head lines
  // at the very top.
  const numbered = c.slice(0, 8).findIndex((x) => headLine(x) && (DOC_NO.test(x) || ISSUE_NO.test(x)))
  let body = numbered >= 0 ? numbered + 1 : 0
  while (body < c.length && headLine(c[body]!)) body++

  let title = plausibleTitle(facts.title, compact(text.slice(0, 4000)))
  if (!title) {
    const at = lines.slice(body, body + 12).findIndex(titleLike)
    if (at >= 0) {
      const i = body + at
      title = lines[i]!
      // A long title set on two lines: the second ends with the 文种 the first lacks.
      const next = lines[i + 1]
      if (next && !GENRE.test(c[i]!) && GENRE.test(compact(next)) && titleLike(next) && c[i]!.length + compact(next).length <= 80) title = `${title}${next}`
    }
  }
  title ||= lines.slice(0, 12).find(titleLike) ?? fileName.replace(/\.[^.]+$/, '')

  // The 落款 and 成文日期 close the 正文; the 版记 after them (抄送, 印发) is not read.
  const tail = lines.slice(Math.max(body, lines.length - 10)).filter((l) => !COLOPHON.test(compact(l)))
  const tailC = tail.map(compact)
  const dateAt = tailC.findLastIndex(dateOnly)
  const date = (dateAt >= 0 ? dates(tail[dateAt]!)[0] : undefined) ?? dates(lines.slice(0, Math.max(body, 1)).join('\n'))[0] ?? dates(text.slice(0, 3000))[0] ?? ''

  // 责任者: the 落款 above the 成文日期, else the 编印单位 of a 简报, else the 发文机关标志.
  const signature = (dateAt > 0 ? [tailC[dateAt - 1]!] : tailC.slice(-4).reverse()).find((x) => x.length <= 30 && ORG.test(x))
  const editor = c.slice(0, body).map(editorOf).find((x) => x)
  const masthead = c.slice(0, Math.max(body, 1)).map(mastheadOrg).find((x) => x)
  const responsible = signature ?? editor ?? masthead ?? ''
  return { title: title.slice(0, 500), date, docNumber: docNumber.slice(0, 100), responsible: responsible.slice(0, 200) }
}

/** A 主题词/关键词 line ("主题词：援疆 项目 验收 通知", GB/T 9704-1999's 版记; a paper's 关键词). */
const KEYWORD_LINE = /^[\s\u3000]*(?:主[\s\u3000]*题[\s\u3000]*词|关[\s\u3000]*键[\s\u3000]*词)[\s\u3000]*[:：][\s\u3000]*(.+)$/m

/** Words of a keyword list as people write them: spaces, 、，；or commas between. */
export function splitKeywords(s: string): string[] {
  const words = s.split(/[\s\u3000、，,；;]+/).map((w) => w.trim()).filter((w) => w.length > 0 && w.length <= 100)
  return [...new Set(words)].slice(0, 20)
}

/**
 * The 主题词 the document gives itself: its keywords property (a .docx's cp:keywords) or a
 * 主题词/关键词 line; none when it gives none.
 */
export function documentKeywords(text: string, property = ''): string[] {
  const own = splitKeywords(property)
  if (own.length) return own
  return splitKeywords(KEYWORD_LINE.exec(text)?.[1] ?? '')
}

export function guessReportType(text: string, fileName: string): '简报' | '综述' | '总结' | '报道' | '通知' | '报告' {
  const s = `${fileName}\n${text.slice(0, 300)}`
  if (/简报|快报/.test(s)) return '简报'
  if (/综述/.test(s)) return '综述'
  if (/总结/.test(s)) return '总结'
  if (/通知/.test(s)) return '通知'
  if (/记者|新华社|日报|报道/.test(s)) return '报道'
  return '报告'
}
