// The search worker: the same SearchIndex as the in-thread engine, fed by messages
// from the thread that owns the store (see worker-engine.ts). Built as its own entry
// (out/main/searchWorker.js); under tsx/vitest it is loaded through worker-dev.mjs.
import { parentPort } from 'node:worker_threads'
import type { Reply, Request } from './protocol'
import { SearchIndex } from './search-index'
import { peekIndex, trySaveIndex, tryLoadIndex } from './index-persist'
import { segmenter } from '../language/segmenter'

const port = parentPort
if (!port) throw new Error('search worker: not started as a worker thread')

let index = new SearchIndex()
let buildStart = 0

/**
 * After a load or a build: the word segmenter's dictionary (~0.2 s) and two runs of each
 * kind of query (SearchIndex.warmUpQueries; ~0.6 s at 100,000 records), one per turn of
 * the event loop so that a query arriving meanwhile waits for one warm-up query at most.
 * A newer index (a rebuild, another load) ends the round: it is only a head start.
 */
let warming = 0
function warmUp(): void {
  const round = ++warming
  const target = index
  const once = target.warmUpQueries()
  // Twice: the engine compiles a function for good only after it has run a few times.
  const queries = [...once, ...once]
  const step = () => {
    if (round !== warming || target !== index) return
    const q = queries.shift()
    if (q === undefined) return
    try {
      target.warmUp(q, { areas: [] })
    } catch {
      return // a warm-up query never matters enough to report
    }
    setImmediate(step)
  }
  setTimeout(() => {
    segmenter().cut('援疆')
    setImmediate(step)
  }, 0)
}

port.on('message', (m: Request) => {
  let reply: Reply
  try {
    switch (m.type) {
      case 'begin':
        buildStart = performance.now()
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
        reply = { id: m.id, ok: true, result: { ms: performance.now() - buildStart } }
        warmUp()
        break
      case 'update':
        index.update(m.docs, m.removed)
        reply = { id: m.id, ok: true }
        break
      case 'query':
        reply = { id: m.id, ok: true, result: index.search(m.input, { areas: m.areas, thesaurus: m.thesaurus, thesaurusOff: m.thesaurusOff }) }
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
          warmUp()
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
