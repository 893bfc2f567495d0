// CRC-32 for the archive's derived files (open cache, saved search index): zlib's where
// Node has it (20.15 and later, and every Electron this app ships with), else a table.
import * as zlib from 'node:zlib'

export const crc32: (data: Uint8Array, prev?: number) => number = typeof zlib.crc32 === 'function' ? zlib.crc32 : crc32js

let table32: Int32Array | null = null
function crc32js(data: Uint8Array, prev = 0): number {
  if (!table32) {
    table32 = new Int32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table32[n] = c
    }
  }
  let c = ~prev
  for (let i = 0; i < data.length; i++) c = table32[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}
