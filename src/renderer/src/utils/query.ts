// Reads the field filters out of a search query so they can be shown as chips and
// removed one by one. The core parses the query; this only finds the tokens' spans.
export interface QueryChip {
  /** type, batch, area, place, year, tag, has; 'exclude' for -word; 'phrase' for "…". */
  field: string
  value: string
  start: number
  end: number
}

const TOKEN = /(-?)"([^"]*)"|(-?)([A-Za-z]+):("[^"]*"|\S+)|(^|\s)-(\S+)/g

export function queryChips(q: string): QueryChip[] {
  const chips: QueryChip[] = []
  for (const m of q.matchAll(TOKEN)) {
    const at = m.index ?? 0
    if (m[2] !== undefined) chips.push({ field: m[1] ? 'exclude' : 'phrase', value: m[2], start: at, end: at + m[0].length })
    else if (m[4] !== undefined) {
      const value = (m[5] ?? '').replace(/^"|"$/g, '')
      chips.push({ field: m[3] ? `-${m[4].toLowerCase()}` : m[4].toLowerCase(), value, start: at, end: at + m[0].length })
    } else if (m[7] !== undefined) {
      const lead = (m[6] ?? '').length
      chips.push({ field: 'exclude', value: m[7], start: at + lead, end: at + m[0].length })
    }
  }
  return chips
}

/** The query without one chip, whitespace tidied. */
export function removeChip(q: string, chip: QueryChip): string {
  return (q.slice(0, chip.start) + ' ' + q.slice(chip.end)).replace(/\s+/g, ' ').trim()
}

/** Adds a filter token unless it is already there. */
export function addFilter(q: string, field: string, value: string): string {
  const token = `${field}:${/\s/.test(value) ? `"${value}"` : value}`
  if (queryChips(q).some((c) => c.field === field && c.value === value)) return q
  return `${q.trim()} ${token}`.trim()
}
