// Turning a part's text into postings (the general path and a fast bulk path), and
// resolving the pinyin of bigrams new to the index. Kept apart from the document-level API.
import { IndexStateData } from './index-state'
import { pairReadingsBatch, type PairSite } from './pinyin'
import * as keysMod from './keys'
import * as normMod from './normalize'

// Imported constants and helpers copied into locals (hot loops; some loaders turn imports into getters).
const CJK = normMod.CJK
const ALNUM = normMod.ALNUM
const CHAR_IDS = keysMod.CHAR_IDS
const TRI_BASE = keysMod.TRI_BASE
const WORD_BASE = keysMod.WORD_BASE
const ALNUM_CODE = keysMod.ALNUM_CODE
const isDigit = keysMod.isDigit

export class KeyWriter extends IndexStateData {
  /** Posts the keys of one part's text; returns whether normalisation changes the text. */
  protected indexText(d: number, g: number, p: number, text: string): boolean {
    const cls = this.cls
    const charId = this.charId
    const norm = this.norm
    const bit = 1 << g
    let changed = false
    let prev = -1
    let prevCode = 0
    const n = text.length
    let i = 0
    while (i < n) {
      let c = text.charCodeAt(i)
      const nc = norm[c]!
      if (nc !== c) (changed = true), (c = nc)
      const k = cls[c]
      if (k === CJK) {
        let id = charId[c]!
        if (id < 0) id = this.newChar(c)
        if (prev >= 0) {
          this.fresh = -1
          const kid = this.post(prev * CHAR_IDS + id, d, bit)
          if (this.fresh >= 0) {
            this.pendingPairs.push(kid, p, i - 1)
            this.bigramText[kid] = String.fromCharCode(prevCode, c)
          }
        }
        prev = id
        prevCode = c
        i++
      } else if (k === ALNUM) {
        // A run of letters/digits: trigrams, or the whole run when it is 1–2 long.
        let a = 0
        let b = ALNUM_CODE[c]!
        let L = 1
        let j = i + 1
        for (; j < n; j++) {
          let cc = text.charCodeAt(j)
          const nn = norm[cc]!
          if (nn !== cc) (changed = true), (cc = nn)
          // A decimal point between digits stays in the number ("8.5万" is not "5万").
          if (cls[cc] !== ALNUM && !(cc === 0x2e && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1)))) break
          const code = ALNUM_CODE[cc]!
          if (L >= 2) this.post(TRI_BASE + (a * 37 + b) * 37 + code, d, bit)
          a = b
          b = code
          L++
        }
        if (L === 1) this.post(WORD_BASE + b, d, bit)
        else if (L === 2) this.post(WORD_BASE + 37 + a * 37 + b, d, bit)
        prev = -1
        i = j
      } else {
        prev = -1
        i++
      }
    }
    return changed
  }

  /**
   * indexText for bulk loading, written for speed (every character of every record
   * passes here): first the text's keys go to a buffer, then one loop looks them up
   * and appends postings, with the hash table and dedupe arrays in locals.
   */
  protected indexTextBulk(d: number, g: number, p: number, text: string): boolean {
    const n = text.length
    if (this.keyBuf.length < 2 * n + 2) {
      this.keyBuf = new Int32Array(2 * n + 2)
      this.posBuf = new Int32Array(2 * n + 2)
    }
    const keys = this.keyBuf
    const pos = this.posBuf
    const cls = this.cls
    const charId = this.charId
    const norm = this.norm
    let m = 0
    let changed = false
    let prev = -1
    let i = 0
    while (i < n) {
      let c = text.charCodeAt(i)
      const nc = norm[c]!
      if (nc !== c) (changed = true), (c = nc)
      const k = cls[c]
      if (k === CJK) {
        let id = charId[c]!
        if (id < 0) id = this.newChar(c)
        if (prev >= 0) {
          keys[m] = prev * CHAR_IDS + id
          pos[m++] = i - 1
        }
        prev = id
        i++
      } else if (k === ALNUM) {
        let a = 0
        let b = ALNUM_CODE[c]!
        let L = 1
        let j = i + 1
        for (; j < n; j++) {
          let cc = text.charCodeAt(j)
          const nn = norm[cc]!
          if (nn !== cc) (changed = true), (cc = nn)
          // A decimal point between digits stays in the number ("8.5万" is not "5万").
          if (cls[cc] !== ALNUM && !(cc === 0x2e && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1)))) break
          const code = ALNUM_CODE[cc]!
          if (L >= 2) {
            keys[m] = TRI_BASE + (a * 37 + b) * 37 + code
            pos[m++] = -1
          }
          a = b
          b = code
          L++
        }
        if (L <= 2) {
          keys[m] = WORD_BASE + (L === 1 ? b : 37 + a * 37 + b)
          pos[m++] = -1
        }
        prev = -1
        i = j
      } else {
        prev = -1
        i++
      }
    }
    const bk = this.bulk!
    if (bk.n + m > bk.kid.length) {
      let cap = bk.kid.length * 2
      while (bk.n + m > cap) cap *= 2
      const k2 = new Int32Array(cap)
      k2.set(bk.kid.subarray(0, bk.n))
      const e2 = new Int32Array(cap)
      e2.set(bk.ent.subarray(0, bk.n))
      bk.kid = k2
      bk.ent = e2
    }
    const kidA = bk.kid
    const entA = bk.ent
    let out = bk.n
    let hKeys = this.hKeys
    let hVals = this.hVals
    let hShift = this.hShift
    let hMask = hKeys.length - 1
    let lastDoc = this.lastDoc
    let lastPos = bk.lastPos
    const bit = 1 << g
    const entry = (d << 6) | bit
    for (let x = 0; x < m; x++) {
      const key = keys[x]!
      let h = Math.imul(key, 0x9e3779b1) >>> hShift
      let kid = -1
      for (;;) {
        const kk = hKeys[h]!
        if (kk === key) {
          kid = hVals[h]!
          break
        }
        if (kk === -1) break
        h = (h + 1) & hMask
      }
      if (kid < 0) {
        kid = this.newKey(key)
        hKeys = this.hKeys
        hVals = this.hVals
        hShift = this.hShift
        hMask = hKeys.length - 1
        lastDoc = this.lastDoc
        lastPos = bk.lastPos
        const at = pos[x]!
        if (at >= 0) {
          this.pendingPairs.push(kid, p, at)
          this.bigramText[kid] = String.fromCharCode(norm[text.charCodeAt(at)]!, norm[text.charCodeAt(at + 1)]!)
        }
      }
      if (lastDoc[kid] === d) {
        entA[lastPos[kid]!]! |= bit
        continue
      }
      lastDoc[kid] = d
      lastPos[kid] = out
      kidA[out] = kid
      entA[out++] = entry
    }
    bk.n = out
    return changed
  }

  /** Readings for characters and bigrams that entered the index since the last call. */
  protected resolvePinyin(): void {
    const pp = this.pendingPairs
    const pc = this.pendingChars
    if (!pp.length && !pc.length) return
    const need = new Set<string>()
    for (const id of pc) need.add(String.fromCharCode(this.charCodes[id]!))
    this.chars.ensure(need)
    for (const id of pc) for (const r of this.chars.get(String.fromCharCode(this.charCodes[id]!))) push(this.sylChars, r, id)
    const sites: PairSite[] = []
    for (let i = 0; i < pp.length; i += 3) {
      const bt = this.bigramText[pp[i]!]!
      const part = pp[i + 1]!
      const pos = pp[i + 2]!
      const text = part >= 0 ? this.partText[part] : undefined
      sites.push(text && text.substr(pos, 2) === bt ? { text, pos } : { text: bt, pos: 0 })
    }
    const readings = pairReadingsBatch(this.chars, sites)
    for (let i = 0; i < pp.length; i += 3) {
      const kid = pp[i]!
      const key = this.keyCode[kid]!
      push(this.charBigrams, Math.floor(key / CHAR_IDS), kid)
      push(this.charBigrams, key % CHAR_IDS, kid)
      const rs = readings[i / 3]!
      if (!rs.length) continue
      this.readingsOf[kid] = rs
      this.withPinyin++
      for (const [a, b] of rs) {
        push(this.pairIdx, a + ' ' + b, kid)
        push(this.initIdx, a[0]! + b[0]!, kid)
        push(this.syl1Idx, a, kid)
      }
    }
    this.pendingPairs = []
    this.pendingChars = []
  }
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const a = m.get(k)
  if (a) {
    if (a[a.length - 1] !== v) a.push(v)
  } else m.set(k, [v])
}
