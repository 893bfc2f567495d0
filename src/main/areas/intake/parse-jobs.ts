// One file's parse as a message in and a message out: the same function runs in the parse
// worker (parse-worker.ts) and, where no worker script exists, in the calling thread.
import type { ErrorData } from '../../../shared/errors'
import { extractText, type Extracted } from './extract'
import type { ParseLimits } from './limits'
import { refusalData } from './refusal'
import { packRows, readTable, type PackedRows } from './table'

export type ParseJob = { kind: 'text'; name: string; data: Uint8Array } | { kind: 'table'; name: string; data: Uint8Array }
export type ParseValue = { kind: 'text'; value: Extracted } | { kind: 'table'; value: PackedRows }
export type ParseOutcome = ({ ok: true } & ParseValue) | { ok: false; error: ErrorData }

export async function runParseJob(job: ParseJob, lim: Readonly<ParseLimits>): Promise<ParseOutcome> {
  try {
    if (job.kind === 'text') return { ok: true, kind: 'text', value: await extractText(job.name, job.data, lim) }
    return { ok: true, kind: 'table', value: packRows(readTable(job.name, job.data, lim)) }
  } catch (e) {
    return { ok: false, error: refusalData(e) }
  }
}
