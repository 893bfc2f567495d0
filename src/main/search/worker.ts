// The search worker: the same SearchIndex as the in-thread engine, fed by messages
// from the thread that owns the store (see worker-engine.ts). Built as its own entry
// (out/main/searchWorker.js); under tsx/vitest it is loaded through worker-dev.mjs.
import { parentPort } from 'node:worker_threads'
import type { Reply, Request } from './protocol'
import { SearchIndex } from './search-index'
import { peekIndex, trySaveIndex, tryLoadIndex } from './index-persist'
import { segmenter } from '../language/segmenter'
import { normalize } from './normalize'
import { readingOf } from './pinyin'

const port = parentPort
if (!port) throw new Error('search worker: not started as a worker thread')

// pinyin-pro and the traditional → simplified table load on first use (the host's own thread
// never needs them); here every query needs them, so they load now, before the index does.
normalize('援疆')
readingOf('援疆')

let index = new SearchIndex()
let buildStart = 0
/** Between 'begin' and 'end': the index is half built, and nothing may query it but the host. */
let building = false

/**
 * The word segmenter's dictionary (~0.2 s), at once after a load or build, even while the
 * host still opens or for a CLI call: most first queries of three characters or more need
 * it, and loaded by the first of them it made that query take 130–280 ms.
 */
function loadSegmenter(): void {
  setTimeout(() => {
    try {
      segmenter().cut('援疆')
    } catch {
      // The first query that needs it will say what is wrong.
    }
  }, 0)
}

let warming = 0
/** Set by the host's 'warm', once it is open. */
let warmWanted = false
let lastQuery = -Infinity
const QUIET_MS = 250
const HEADS_STEP = 10_000
/**
 * Once the host is open ('warm'), and after each later load or build: the titles' heads
 * (readTitleHeads), then two runs of each kind of query (SearchIndex.warmUpQueries; ~1.2 s
 * at 100,000 records), one step per turn of the event loop, and only once no query has come
 * for QUIET_MS: a user's query waits for one step at most, and a burst of queries (typing)
 * is never slowed by it. A newer index (a rebuild, another load) ends the round: it is only
 * a head start. Not while the host still opens: on 2 cores it slowed a 100,000-record open
 * by ~0.5 s of 4, and a CLI call (one query, then exit) never asks for it.
 */
function warmUp(): void {
  const round = ++warming
  const target = index
  const once = target.warmUpQueries()
  const steps: (() => void)[] = []
  // First the titles' heads, a tenth of a 100,000-record archive (~2.5 ms) a step.
  const heads = (from: number) => () => {
    if (target.readTitleHeads(from, from + HEADS_STEP) === from + HEADS_STEP) steps.unshift(heads(from + HEADS_STEP))
  }
  steps.push(heads(0))
  // Twice: the engine compiles a function for good only after it has run a few times.
  for (const q of [...once, ...once]) steps.push(() => target.warmUp(q, { areas: [] }))
  const step = () => {
    if (round !== warming || target !== index) return
    const wait = lastQuery + QUIET_MS - performance.now()
    if (wait > 0) return void setTimeout(step, wait)
    const next = steps.shift()
    if (!next) return
    try {
      next()
    } catch {
      return // a warm-up query never matters enough to report
    }
    setImmediate(step)
  }
  setTimeout(step, 0)
}

/** A new index is in place (loaded or built). */
function indexReady(): void {
  loadSegmenter()
  if (warmWanted) warmUp()
}

port.on('message', (m: Request) => {
  let reply: Reply
  try {
    switch (m.type) {
      case 'begin':
        buildStart = performance.now()
        building = true
        warming++
        index.clear()
        index.beginBulk(m.chars)
        reply = { id: m.id, ok: true }
        break
      case 'add':
        index.bulkAdd(m.docs)
        reply = { id: m.id, ok: true }
        break
      case 'end':
        index.endBulk()
        building = false
        reply = { id: m.id, ok: true, result: { ms: performance.now() - buildStart } }
        indexReady()
        break
      case 'update':
        index.update(m.docs, m.removed)
        reply = { id: m.id, ok: true }
        break
      case 'query':
        lastQuery = performance.now()
        reply = { id: m.id, ok: true, result: index.search(m.input, { areas: m.areas, thesaurus: m.thesaurus, thesaurusOff: m.thesaurusOff }) }
        break
      case 'warm':
        warmWanted = true
        // The host's first requests come right after it opens: they go first.
        lastQuery = performance.now()
        // A build under way (the first open of an archive) warms up at its 'end'.
        if (!building) warmUp()
        reply = { id: m.id, ok: true }
        break
      case 'stats':
        reply = { id: m.id, ok: true, result: index.stats() }
        break
      case 'peek':
        reply = { id: m.id, ok: true, result: peekIndex(m.file) }
        break
      case 'load': {
        const r = tryLoadIndex(m.file, { epoch: m.epoch, maxSeq: m.maxSeq })
        if (r.index) {
          index = r.index
          indexReady()
        }
        reply = { id: m.id, ok: true, result: r.index ? { loaded: true, seq: r.seq, ms: r.ms } : { loaded: false, reason: r.reason } }
        break
      }
      case 'save':
        reply = { id: m.id, ok: true, result: trySaveIndex(index, m.file, { epoch: m.epoch, seq: m.seq }) }
        break
    }
  } catch (e) {
    reply = { id: m.id, ok: false, error: (e as Error).stack ?? String(e) }
  }
  port.postMessage(reply)
})
