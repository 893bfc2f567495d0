// A catalogue file (CSV or XLSX) as rows of trimmed text cells, empty rows left out.
// Runs in the parse worker (offthread.ts); every cap is checked as the rows are read.
import Papa from 'papaparse'
import { bytesText, type ParseLimits } from './limits'
import { FileRefusal } from './refusal'
import { readXlsx } from './xlsx'

export function readTable(name: string, data: Uint8Array, lim: Readonly<ParseLimits>): string[][] {
  if (/\.csv$/i.test(name)) return readCsv(data, lim)
  if (/\.xlsx$/i.test(name)) return readXlsx(name, data, lim)
  throw new FileRefusal('catalogue.bad_type', { name })
}

function readCsv(data: Uint8Array, lim: Readonly<ParseLimits>): string[][] {
  // The whole file becomes one string before a row is read, so its size is the first cap.
  if (data.length > lim.csvBytes) throw new FileRefusal('file.too_large', { limit: bytesText(lim.csvBytes) })
  const text = new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let refused: FileRefusal | null = null
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (r, parser) => {
      const row = r.data.map((c) => String(c ?? '').trim())
      let used = row.length
      while (used && !row[used - 1]) used--
      if (used > lim.tableColumns) refused = new FileRefusal('file.too_many_columns', { limit: lim.tableColumns })
      // Cells past the cap are empty here: dropped, so a row of stray commas costs nothing later.
      else if (rows.push(row.slice(0, lim.tableColumns)) - 1 > lim.tableRows) refused = new FileRefusal('file.too_many_rows', { limit: lim.tableRows })
      if (refused) parser.abort()
    },
  })
  if (refused) throw refused
  return rows
}

/**
 * Rows as one string and the lengths that cut it: what crosses from the worker. Cloning
 * 50,000 rows of little strings took the receiving thread ~300 ms; one string ~30 ms.
 */
export interface PackedRows {
  text: string
  /** Per row: its cell count, then each cell's length. */
  lengths: Uint32Array
}

export function packRows(rows: string[][]): PackedRows {
  const lengths = new Uint32Array(rows.reduce((n, r) => n + r.length + 1, 0))
  const cells: string[] = []
  let k = 0
  for (const r of rows) {
    lengths[k++] = r.length
    for (const c of r) {
      lengths[k++] = c.length
      cells.push(c)
    }
  }
  return { text: cells.join(''), lengths }
}

export function unpackRows({ text, lengths }: PackedRows): string[][] {
  const rows: string[][] = []
  let at = 0
  for (let k = 0; k < lengths.length; ) {
    const row = new Array<string>(lengths[k++]!)
    for (let j = 0; j < row.length; j++) {
      const n = lengths[k++]!
      row[j] = text.slice(at, at + n)
      at += n
    }
    rows.push(row)
  }
  return rows
}
