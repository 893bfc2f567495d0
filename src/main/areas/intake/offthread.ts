// Parses untrusted files in a worker thread with a heap limit and a clock, so a file built
// to exhaust memory or time ends that thread alone: its file fails with a reason, the
// process serving the UI (Electron main, browser host) keeps answering, the next file gets
// a fresh worker. A Parser keeps one worker for a batch of files, one file at a time.
// Where no worker script can be found, files are parsed in this thread under the same
// size, page and row caps, without the heap limit or a clock that can stop a parser.
import { Worker } from 'node:worker_threads'
import type { Extracted } from './extract'
import { bytesText, limits, type ParseLimits } from './limits'
import { runParseJob, type ParseJob, type ParseOutcome } from './parse-jobs'
import { FileRefusal } from './refusal'
import { unpackRows } from './table'
import { locateWorkerScript, type WorkerScript } from '../../core/worker-script'
import { ApiError } from '../../../shared/errors'

export type WorkerLocation = WorkerScript

/** Built app: intakeWorker.js beside the bundle (out/main/ or its chunks/); from source: parse-worker.ts through tsx. */
export function locate(from: string = import.meta.url): WorkerLocation | null {
  return locateWorkerScript(from, 'intakeWorker.js', 'parse-worker.ts')
}

// Each worker may fill its heap limit: at most this many at once across the process, the
// rest wait their turn.
const MAX_WORKERS = 2
let running = 0
const queue: (() => void)[] = []
function acquire(): Promise<void> {
  if (running < MAX_WORKERS) {
    running++
    return Promise.resolve()
  }
  return new Promise((resolve) => queue.push(resolve))
}
function release(): void {
  const next = queue.shift()
  if (next) next()
  else running--
}

interface Pending {
  id: number
  resolve: (o: ParseOutcome) => void
  reject: (e: unknown) => void
  timer: NodeJS.Timeout | undefined
}

/** One worker thread: one file at a time, each under the clock; any failure of the thread ends it. */
class ParseWorker {
  dead = false
  private readonly thread: Worker
  /** Resolved once the worker has loaded its code and listens. */
  private readonly ready: Promise<void>
  private readonly boot: NodeJS.Timeout
  private pending: Pending | null = null
  private seq = 0

  constructor(
    where: WorkerLocation,
    readonly heapMb: number,
    bootMs: number,
  ) {
    const w = (this.thread = new Worker(where.url, { workerData: where.workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } }))
    let isReady: () => void = () => {}
    this.ready = new Promise<void>((resolve) => (isReady = resolve))
    this.boot = setTimeout(() => this.end(new FileRefusal('file.failed', { detail: 'the parse worker did not start' })), bootMs)
    w.on('message', (m: { ready: true } | { id: number; outcome: ParseOutcome }) => {
      if ('ready' in m) {
        clearTimeout(this.boot)
        return isReady()
      }
      const p = this.pending
      if (!p || p.id !== m.id) return
      this.pending = null
      clearTimeout(p.timer)
      p.resolve(m.outcome)
    })
    w.on('error', (e: Error & { code?: string }) =>
      this.end(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new FileRefusal('file.out_of_memory', { limit: `${heapMb} MB` })
          : new FileRefusal('file.failed', { detail: e.message.split('\n')[0]! }),
      ),
    )
    w.on('exit', (code) => this.end(new FileRefusal('file.failed', { detail: `parse worker exited (${code})` })))
  }

  run(job: ParseJob, lim: Readonly<ParseLimits>): Promise<ParseOutcome> {
    return new Promise<ParseOutcome>((resolve, reject) => {
      if (this.dead) return reject(new FileRefusal('file.failed', { detail: 'parse worker ended' }))
      const id = ++this.seq
      this.pending = { id, resolve, reject, timer: undefined }
      // The clock starts once the worker has loaded (from source, tsx takes a second): it
      // measures the file, not the boot.
      void this.ready.then(() => {
        if (this.pending?.id !== id) return
        this.pending.timer = setTimeout(() => this.end(new FileRefusal('file.timeout', { seconds: Math.round(lim.timeoutMs / 1000) })), lim.timeoutMs)
        this.thread.postMessage({ id, job, limits: lim })
      })
    })
  }

  /** Whether an idle worker keeps the process alive (a CLI run must be able to exit). */
  hold(yes: boolean): void {
    if (yes) this.thread.ref()
    else this.thread.unref()
  }

  /** Ends the thread; the file in flight, if any, fails with `why`. */
  end(why: FileRefusal = new FileRefusal('file.failed', { detail: 'parse worker ended' })): void {
    if (this.dead) return
    this.dead = true
    clearTimeout(this.boot)
    void this.thread.terminate()
    if (parked?.worker === this) {
      clearTimeout(parked.timer)
      parked = null
    }
    const p = this.pending
    this.pending = null
    if (p) {
      clearTimeout(p.timer)
      p.reject(why)
    }
  }
}

// The worker of the last batch waits a while for the next (a catalogue's preview is followed
// by its commit, reports come in batches): loading mammoth and pdf.js again costs more than
// most files. At most one waits, unreferenced, so it never keeps the process alive.
const IDLE_MS = 30_000
let parked: { worker: ParseWorker; timer: NodeJS.Timeout } | null = null

export class Parser {
  private worker: ParseWorker | null = null
  private holdsSlot = false
  private busy = false
  private closed = false

  constructor(private readonly where: WorkerLocation | null = locate()) {}

  /** Whether files go to a worker thread (false: in this thread). */
  get offThread(): boolean {
    return this.where !== null
  }

  async text(name: string, data: Uint8Array): Promise<Extracted> {
    const o = await this.run({ kind: 'text', name, data })
    if (o.kind !== 'text') throw new FileRefusal('file.failed', { detail: 'unexpected parse result' })
    return o.value
  }

  async table(name: string, data: Uint8Array): Promise<string[][]> {
    const o = await this.run({ kind: 'table', name, data })
    if (o.kind !== 'table') throw new FileRefusal('file.failed', { detail: 'unexpected parse result' })
    return unpackRows(o.value)
  }

  /** Frees this Parser's place; its worker, if healthy, waits for the next Parser. */
  close(): void {
    this.closed = true
    const w = this.worker
    this.worker = null
    if (w && !w.dead) {
      if (parked) w.end()
      else {
        w.hold(false)
        parked = { worker: w, timer: setTimeout(() => w.end(), IDLE_MS).unref() }
      }
    }
    if (this.holdsSlot) {
      this.holdsSlot = false
      release()
    }
  }

  private async run(job: ParseJob): Promise<Extract<ParseOutcome, { ok: true }>> {
    // Misuse by our own code, never by a file: an internal error, as data like any other.
    if (this.closed) throw new ApiError('internal', 'internal.unexpected', { detail: 'Parser.parse after close' })
    if (this.busy) throw new ApiError('internal', 'internal.unexpected', { detail: 'Parser.parse while busy' })
    this.busy = true
    try {
      const lim = limits()
      // Refused before a copy of it is made for the worker.
      if (job.data.length > lim.fileBytes) throw new FileRefusal('file.too_large', { limit: bytesText(lim.fileBytes) })
      const outcome = this.where ? await this.inWorker(this.where, job, lim) : await runParseJob(job, lim)
      if (!outcome.ok) throw new FileRefusal(outcome.error.reason, outcome.error.params ?? {})
      return outcome
    } finally {
      this.busy = false
    }
  }

  private async inWorker(where: WorkerLocation, job: ParseJob, lim: Readonly<ParseLimits>): Promise<ParseOutcome> {
    if (!this.holdsSlot) {
      await acquire()
      this.holdsSlot = true
    }
    if (this.worker?.dead) this.worker = null
    if (!this.worker && parked?.worker.heapMb === lim.workerHeapMb) {
      this.worker = parked.worker
      clearTimeout(parked.timer)
      parked = null
      this.worker.hold(true)
    }
    this.worker ??= new ParseWorker(where, lim.workerHeapMb, lim.timeoutMs)
    return this.worker.run(job, lim)
  }
}

/** A Parser for the length of `fn`, closed after it. */
export async function withParser<T>(fn: (p: Parser) => Promise<T>): Promise<T> {
  const p = new Parser()
  try {
    return await fn(p)
  } finally {
    p.close()
  }
}
