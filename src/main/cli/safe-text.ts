// Record text printed to a terminal. A title is whatever someone typed or imported: an
// escape sequence in it (ESC, or its one-byte C1 form CSI 0x9B) would recolour the
// terminal, move the cursor, retitle the window or hide what follows; a direction override
// would show "exe.jpg" for "gpj.exe"; a newline or tab would forge extra lines or columns.

/**
 * What never reaches the terminal as is: C0 controls (tab and newline too), DEL, C1
 * controls, the direction marks, embeddings, overrides and isolates, the line and
 * paragraph separators, and halves of surrogate pairs standing alone.
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' }
const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0')

/** One line of plain text: each unsafe character shown as a visible escape (\n, \x1B, \u202E). */
export function safeText(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`))
}

/** Characters JSON.stringify leaves raw although a terminal acts on them (it already escapes C0 and lone surrogates). */
const JSON_RAW_UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g

/**
 * JSON text for standard output: DEL, C1 and direction characters as \u escapes too.
 * Such characters only ever occur inside JSON strings, so the escape reads back as the
 * same value: a script parsing the output sees no difference.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_RAW_UNSAFE, (c) => `\\u${hex(c, 4)}`)
}

/** JSON.stringify for standard output (escapeJsonText). */
export function safeJson(value: unknown, space?: number): string {
  return escapeJsonText(JSON.stringify(value, null, space) ?? 'null')
}
