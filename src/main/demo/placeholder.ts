// Placeholder images for the demo's photo records: the seed describes three photos but
// ships none, so each record gets a plain SVG that says what it stands for and that it
// is not the original. Self-contained: no external references, no scripts, deterministic
// bytes (the file store is content-addressed, so loading the demo twice stores one file).

const WIDTH = 1200
const HEIGHT = 800
const FONT = `"Noto Sans CJK SC","Microsoft YaHei",sans-serif`
export const PLACEHOLDER_LABEL = '示意图 · 占位图片 (placeholder)'

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string)
}

/** YYYY, YYYY-MM or YYYY-MM-DD as written in Chinese: 2024年6月23日, 2025年5月, 2025年. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date)
  if (!m) return date ? date : '日期不详'
  const [, y, mo, d] = m
  return `${y}年${mo ? `${Number(mo)}月` : ''}${d ? `${Number(d)}日` : ''}`
}

/** Breaks a title into balanced lines of at most `max` characters (CJK text has no spaces to break at). */
export function wrap(text: string, max: number): string[] {
  const chars = [...text]
  // Balanced lines (17 characters → 9 + 8, not 16 + 1).
  const per = Math.ceil(chars.length / Math.max(1, Math.ceil(chars.length / max)))
  const lines: string[] = []
  for (let i = 0; i < chars.length; i += per) lines.push(chars.slice(i, i + per).join(''))
  return lines.length ? lines : ['']
}

export interface PlaceholderInfo {
  title: string
  date: string
  photoNo?: string
  provider?: string
}

export function placeholderSvg(p: PlaceholderInfo): string {
  const titleLines = wrap(p.title, 18).slice(0, 3)
  const titleSize = 44
  const titleTop = 300 - ((titleLines.length - 1) * titleSize * 1.3) / 2
  const title = titleLines
    .map((line, i) => `<text x="600" y="${Math.round(titleTop + i * titleSize * 1.3)}" font-size="${titleSize}" font-weight="bold" fill="#334155" text-anchor="middle">${escapeXml(line)}</text>`)
    .join('\n  ')
  const meta = [chineseDate(p.date), p.photoNo ?? ''].filter(Boolean).join('　')
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family='${FONT}'>
  <title>${escapeXml(`${PLACEHOLDER_LABEL}：${p.title}`)}</title>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="#eceae4"/>
  <rect x="24" y="24" width="${WIDTH - 48}" height="${HEIGHT - 48}" fill="none" stroke="#a8a29e" stroke-width="4" stroke-dasharray="18 12"/>
  <line x1="24" y1="24" x2="${WIDTH - 24}" y2="${HEIGHT - 24}" stroke="#d6d3d1" stroke-width="2"/>
  <line x1="${WIDTH - 24}" y1="24" x2="24" y2="${HEIGHT - 24}" stroke="#d6d3d1" stroke-width="2"/>
  <rect x="300" y="110" width="600" height="76" rx="38" fill="#57534e"/>
  <text x="600" y="160" font-size="34" fill="#ffffff" text-anchor="middle">${escapeXml(PLACEHOLDER_LABEL)}</text>
  ${title}
  <text x="600" y="${Math.round(titleTop + titleLines.length * titleSize * 1.3 + 40)}" font-size="36" fill="#475569" text-anchor="middle">${escapeXml(meta)}</text>
  <text x="600" y="690" font-size="26" fill="#78716c" text-anchor="middle">${escapeXml('原照片未入档，此图仅示意，不是档案原件')}</text>
  ${p.provider ? `<text x="600" y="735" font-size="24" fill="#78716c" text-anchor="middle">${escapeXml(`图片来源：${p.provider}`)}</text>` : ''}
</svg>
`
}
