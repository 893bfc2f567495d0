// What one handed-over file may cost to read. Every number is checked before the expensive
// step it guards (sizes before inflating, pages before reading them); the worker's heap and
// wall-clock limits (offthread.ts) catch whatever a parser does that no header announced.
// A file over a limit fails alone, with a reason naming the limit.

const MB = 1024 * 1024

export interface ParseLimits {
  /** Any report or catalogue file as handed over (the CLI reads from disk, past the upload cap). */
  fileBytes: number
  /** A CSV catalogue: decoded whole into one string. */
  csvBytes: number
  /** One XML part of a .docx: mammoth needs ~30× the part in heap (~12 MB of XML fills 512 MB). */
  docxPartBytes: number
  /** One XML part of an .xlsx (a sheet, the shared strings): read by a scanner, not a DOM. */
  xlsxPartBytes: number
  /** All XML parts of a .docx/.xlsx together, unpacked (the only parts ever inflated). */
  zipTotalBytes: number
  /** Unpacked:packed of one part over 1 MB. Deflate tops out near 1030:1; office XML stays far below. */
  zipRatio: number
  pdfPages: number
  /** Text kept from one file: the report body keeps no more, so reading stops there. */
  textChars: number
  /** Rows under the header row. */
  tableRows: number
  tableColumns: number
  /** sharp's limitInputPixels for photos: width × height, checked from the header before decoding. */
  imagePixels: number
  /** One file's whole parse, in the worker; then the worker is ended. */
  timeoutMs: number
  /** The parse worker's V8 heap (resourceLimits.maxOldGenerationSizeMb). */
  workerHeapMb: number
}

export const DEFAULT_LIMITS: Readonly<ParseLimits> = Object.freeze({
  fileBytes: 256 * MB,
  csvBytes: 50 * MB,
  docxPartBytes: 10 * MB,
  xlsxPartBytes: 50 * MB,
  zipTotalBytes: 200 * MB,
  zipRatio: 500,
  pdfPages: 2000,
  textChars: 2_000_000,
  tableRows: 50_000,
  tableColumns: 200,
  imagePixels: 200_000_000,
  timeoutMs: 60_000,
  workerHeapMb: 512,
})

let current: ParseLimits = { ...DEFAULT_LIMITS }

/** The limits in force, read at the start of each file. */
export function limits(): Readonly<ParseLimits> {
  return current
}

/** Changes some limits until the returned function is called (tests, tools). */
export function overrideLimits(patch: Partial<ParseLimits>): () => void {
  const before = current
  current = { ...current, ...patch }
  return () => {
    current = before
  }
}

/** A byte count as a limit is named in a reason: "50 MB". */
export function bytesText(n: number): string {
  return n >= MB ? `${Math.round((n / MB) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`
}
