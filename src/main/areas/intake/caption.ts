// Caption parsing: reads 时间 and 摄影者/提供者 out of the newsroom forms captions come in
// ("…（2024年6月23日摄）", "图片由山西援疆前方指挥部提供", "新华社记者 X 摄"). Only these
// anchored forms count: a date or "摄影" elsewhere in the text is left alone.
import { parseHumanDate } from '../../../shared/dates'
import { CHANGJI_PLACES, type Caption } from '../../../shared/domain'

export interface ParsedCaption {
  caption: Partial<Caption>
  /** YYYY, YYYY-MM or YYYY-MM-DD from the 摄 date, else ''. */
  date: string
}

const DATE = '(\\d{4})\\s*年\\s*(?:(\\d{1,2})\\s*月\\s*(?:(\\d{1,2})\\s*日)?)?'
// （2024年6月23日摄） — the date must close with 摄 inside the brackets.
const DATE_TAKEN = new RegExp(`[（(]\\s*${DATE}\\s*摄\\s*[）)]`)
// 图片由…提供 / 照片由…提供 (the providing unit stands for the photographer).
const PROVIDED = /(?:图片|照片|图)\s*由\s*([^，。,；;（）()\s][^，。,；;（）()]{0,60}?)\s*提供/
// 新华社记者 李四 摄 / 记者 李四 摄 / 通讯员 王五 摄 — 摄 must end the phrase, not start 摄影.
const BYLINE = /((?:[\u4e00-\u9fa5]{0,12}(?:记者|通讯员|摄影师)\s*)[\u4e00-\u9fa5·]{2,8}(?:\s+[\u4e00-\u9fa5·]{2,8})*)\s*\/?\s*摄(?![影像制])/

export function parseCaption(text: string): ParsedCaption {
  const caption: Partial<Caption> = {}
  let date = ''
  let rest = text.trim()
  const dt = DATE_TAKEN.exec(rest)
  if (dt) {
    // The regex only finds the 摄 date; whether it is a real day is the archive's calendar check.
    const parsed = parseHumanDate(`${dt[1]}年${dt[2] ? `${dt[2]}月${dt[3] ? `${dt[3]}日` : ''}` : ''}`)
    if (parsed.ok) {
      date = parsed.iso
      caption.time = `${dt[1]}年${dt[2] ? `${Number(dt[2])}月` : ''}${dt[3] ? `${Number(dt[3])}日` : ''}`
      rest = rest.replace(dt[0], '')
    }
  }
  const pv = PROVIDED.exec(rest)
  if (pv) {
    caption.photographer = pv[1]!.trim()
    rest = rest.replace(pv[0], '')
  } else {
    const by = BYLINE.exec(rest)
    if (by) {
      caption.photographer = by[1]!.replace(/\s+/g, ' ').trim()
      rest = rest.replace(by[0], '')
    }
  }
  const event = rest.replace(/[（(]\s*[）)]/g, '').replace(/^[\s，。,;；]+|[\s，,;；]+$/g, '')
  if (event) caption.event = event
  const place = CHANGJI_PLACES.find((p) => text.includes(p))
  if (place) caption.place = place
  return { caption, date }
}

/** A title for a photo from its caption: the first clause of 事由, else the file name. */
export function titleFrom(event: string | undefined, fileName: string): string {
  const first = (event ?? '').split(/[。！？!?\n]/)[0]!.trim()
  if (first) return first.length > 80 ? `${first.slice(0, 80)}…` : first
  return fileName.replace(/\.[^.]+$/, '') || fileName
}
