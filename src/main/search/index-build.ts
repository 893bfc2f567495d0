// Building and maintaining the index: bulk loading, incremental updates, removal and
// compaction of dead documents. The public write API of SearchIndex lives here.
import { RECORD_KINDS } from '../../shared/domain'
import type { RecordKind } from '../../shared/domain'
import { G_PEOPLE, G_PLACES, G_TAGS, type IndexDoc } from './doc'
import { normalize } from './normalize'
import { KeyWriter } from './index-text'
import * as postingsMod from './postings'

// Imported constants and helpers copied into locals (hot loops; some loaders turn imports into getters).
const slack = postingsMod.slack

const MAX_DOCS = 1 << 25
const NAME_SEPARATORS = /[\s、，,；;/·]+/
const CJK_NAME = /^[\u3400-\u9fff\uf900-\ufaff]+$/
const KINDS: RecordKind[] = [...RECORD_KINDS]

export class IndexBuilder extends KeyWriter {
  /** Adds or replaces documents in one bulk pass; pinyin of new bigrams is resolved at the end. */
  addMany(docs: readonly IndexDoc[]): void {
    this.beginBulk(textLength(docs))
    for (const d of docs) this.put(d)
    this.endBulk()
  }

  /**
   * Bulk loading: postings go to one sequential buffer, and endBulk() lays every list out
   * in one allocation (thousands of growing arrays would each add GC pressure).
   * Between beginBulk() and endBulk() only bulkAdd() may be called.
   */
  beginBulk(expectedChars = 0): void {
    if (this.bulk) return
    // Postings come to about 0.8 per character of text (measured on generated archives).
    const size = Math.max(1 << 16, Math.ceil(expectedChars * 0.85))
    this.bulk = { kid: new Int32Array(size), ent: new Int32Array(size), n: 0, lastPos: new Int32Array(this.lastDoc.length) }
  }

  bulkAdd(docs: Iterable<IndexDoc>): void {
    this.beginBulk()
    for (const d of docs) this.put(d)
  }

  endBulk(): void {
    const b = this.bulk
    if (!b) return
    this.bulk = null
    const nk = this.lists.length
    const add = new Int32Array(nk)
    for (let i = 0; i < b.n; i++) add[b.kid[i]!]!++
    let total = 0
    for (let k = 0; k < nk; k++) if (add[k]) total += slack(this.lens[k]! + add[k]!)
    const big = new Int32Array(total)
    const at = new Int32Array(nk)
    let off = 0
    for (let k = 0; k < nk; k++) {
      if (!add[k]) continue
      const len = this.lens[k]!
      const cap = slack(len + add[k]!)
      big.set(this.lists[k]!.subarray(0, len), off)
      this.lists[k] = big.subarray(off, off + cap)
      at[k] = off + len
      this.lens[k] = len + add[k]!
      off += cap
    }
    const kid = b.kid
    const ent = b.ent
    for (let i = 0; i < b.n; i++) big[at[kid[i]!]!++] = ent[i]!
    this.resolvePinyin()
  }

  upsert(doc: IndexDoc): void {
    this.put(doc)
    this.resolvePinyin()
  }

  /** Incremental update: removals, then documents added or replaced. */
  update(docs: readonly IndexDoc[], removed: readonly string[] = []): void {
    for (const id of removed) this.remove(id)
    if (docs.length > 2000) return this.addMany(docs)
    for (const d of docs) this.put(d)
    this.resolvePinyin()
  }

  remove(id: string): void {
    const d = this.docOf.get(id)
    if (d === undefined) return
    this.docOf.delete(id)
    this.alive[d] = 0
    for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
      this.partText[p] = ''
      this.partOrig.delete(p)
    }
    if (this.batchOf[d] === id) this.batchNumbers.delete(id)
    this.dead++
    this.maybeCompact()
  }

  protected put(doc: IndexDoc): void {
    const old = this.docOf.get(doc.id)
    if (old !== undefined) this.remove(doc.id)
    if (this.nextDoc >= MAX_DOCS - 1) {
      const bulk = !!this.bulk
      this.endBulk()
      this.compact()
      if (bulk) this.beginBulk()
    }
    const d = this.nextDoc++
    this.ensureDocCapacity(d + 1)
    this.docOf.set(doc.id, d)
    this.ids[d] = doc.id
    this.alive[d] = 1
    this.kindOf[d] = KINDS.indexOf(doc.kind)
    this.dateKey[d] = doc.dateKey
    this.yearFrom[d] = doc.yearFrom
    this.yearTo[d] = doc.yearTo
    this.flags[d] = doc.flags
    this.batchOf[d] = doc.batchId
    this.areaOf[d] = normalize(doc.area)
    if (doc.kind === 'batch' && doc.batchNumber !== null) this.batchNumbers.set(doc.id, doc.batchNumber)
    const parts = doc.parts
    const first = this.nextPart
    if (first + parts.length > this.partInfo.length) {
      let cap = this.partInfo.length * 2
      while (first + parts.length > cap) cap *= 2
      const pi = new Int32Array(cap)
      pi.set(this.partInfo)
      this.partInfo = pi
    }
    this.docPart[d] = first
    this.docParts[d] = parts.length
    this.nextPart += parts.length
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!
      const p = first + i
      let nid = this.partNameId.get(part.name)
      if (nid === undefined) {
        nid = this.partNames.length
        this.partNames.push(part.name)
        this.partNameId.set(part.name, nid)
      }
      this.partInfo[p] = nid * 8 + part.group
      this.partText[p] = part.text
      if (part.group === G_TAGS || part.group === G_PLACES || part.group === G_PEOPLE || part.name === 'organisations') this.noteNames(part.text)
      // The tokenizer normalises as it goes and says whether anything changed.
      const changed = this.bulk ? this.indexTextBulk(d, part.group, p, part.text) : this.indexText(d, part.group, p, part.text)
      if (changed) {
        this.partText[p] = normalize(part.text)
        this.partOrig.set(p, part.text)
      }
    }
  }

  /** Adds the names of a short field to the vocabulary (阜康市 also as 阜康). */
  private noteNames(text: string): void {
    // Most records repeat a few place and people lists: each distinct list is read once.
    if (this.namesSeen.has(text)) return
    this.namesSeen.add(text)
    for (const raw of text.split(NAME_SEPARATORS)) {
      if (raw.length < 2 || raw.length > 12) continue
      const w = normalize(raw)
      if (!CJK_NAME.test(w) || this.vocab.has(w)) continue
      this.vocab.add(w)
      const short = w.replace(/(市|县|区|州|镇|乡|村)$/, '')
      if (short.length >= 2 && short !== w) this.vocab.add(short)
    }
  }

  protected maybeCompact(): void {
    if (!this.bulk && this.dead > 5000 && this.dead > this.nextDoc / 4) this.compact()
  }

  /** Drops removed documents from every list and renumbers the living ones. */
  compact(): void {
    const map = new Int32Array(this.nextDoc).fill(-1)
    let n = 0
    for (let d = 0; d < this.nextDoc; d++) if (this.alive[d]) map[d] = n++
    for (let k = 0; k < this.lists.length; k++) {
      const list = this.lists[k]!
      const len = this.lens[k]!
      let w = 0
      for (let r = 0; r < len; r++) {
        const e = list[r]!
        const nd = map[e >> 6]!
        if (nd >= 0) list[w++] = (nd << 6) | (e & 63)
      }
      this.lens[k] = w
      this.lastDoc[k] = w ? this.lists[k]![w - 1]! >> 6 : -1
      if (list.length > 16 && w < list.length / 4) this.lists[k] = list.slice(0, Math.max(4, w * 2))
    }
    const keep = <T>(a: T[]): T[] => {
      const out: T[] = []
      for (let d = 0; d < this.nextDoc; d++) if (map[d]! >= 0) out.push(a[d]!)
      return out
    }
    const keepTyped = <T extends Uint8Array | Uint16Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length)
      for (let d = 0; d < this.nextDoc; d++) if (map[d]! >= 0) b[map[d]!] = a[d]!
      return b
    }
    this.ids = keep(this.ids)
    // Parts: keep those of living documents, in order.
    const partMap = new Int32Array(this.nextPart).fill(-1)
    const partText: string[] = []
    const partInfo = new Int32Array(this.partInfo.length)
    const partOrig = new Map<number, string>()
    const docPart = new Int32Array(this.docPart.length)
    const docParts = new Uint16Array(this.docParts.length)
    for (let d = 0; d < this.nextDoc; d++) {
      const nd = map[d]!
      if (nd < 0) continue
      docPart[nd] = partText.length
      docParts[nd] = this.docParts[d]!
      for (let p = this.docPart[d]!, e = p + this.docParts[d]!; p < e; p++) {
        partMap[p] = partText.length
        const o = this.partOrig.get(p)
        if (o !== undefined) partOrig.set(partText.length, o)
        partInfo[partText.length] = this.partInfo[p]!
        partText.push(this.partText[p]!)
      }
    }
    this.partText = partText
    this.partInfo = partInfo
    this.partOrig = partOrig
    this.docPart = docPart
    this.docParts = docParts
    this.nextPart = partText.length
    this.batchOf = keep(this.batchOf)
    this.areaOf = keep(this.areaOf)
    this.kindOf = keepTyped(this.kindOf)
    this.dateKey = keepTyped(this.dateKey)
    this.yearFrom = keepTyped(this.yearFrom)
    this.yearTo = keepTyped(this.yearTo)
    this.flags = keepTyped(this.flags)
    this.alive = keepTyped(this.alive)
    for (const [id, d] of this.docOf) this.docOf.set(id, map[d]!)
    // Pending pinyin refers to docs by id too.
    for (let i = 0; i < this.pendingPairs.length; i += 3) {
      const old = this.pendingPairs[i + 1]!
      this.pendingPairs[i + 1] = old >= 0 ? partMap[old]! : -1
    }
    this.nextDoc = n
    this.dead = 0
  }
}

/** Characters of text in some documents. */
export function textLength(docs: readonly IndexDoc[]): number {
  let n = 0
  for (const d of docs) for (const p of d.parts) n += p.text.length
  return n
}
