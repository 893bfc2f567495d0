#!/usr/bin/env node
// Renders the app icon from resources/icon.svg (the one source) into what the installers use:
//   resources/icon.png      512×512  Linux (.deb, the desktop entry) and electron-builder's default
//   resources/icon-256.png  256×256  the largest size Windows shows
//   resources/icon.ico      16–256   Windows (exe, NSIS installer, shortcuts); PNG-compressed entries
// Run it after changing the SVG: node scripts/make-icon.mjs
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const RES = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'resources')
/** The sizes Windows picks from for title bars, taskbar, Explorer views and the installer. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

/** A PNG of the SVG at size×size; rendered at that size (not scaled down from 512) so small sizes stay sharp. */
function render(svg, size) {
  return sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 512)) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer()
}

/** An .ico holding PNG images (Windows Vista and later read these): 6-byte header, 16-byte entries, data. */
export function icoFromPngs(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  const entries = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const e = Buffer.alloc(16)
    e.writeUInt8(size >= 256 ? 0 : size, 0) // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1)
    e.writeUInt8(0, 2) // no palette
    e.writeUInt8(0, 3)
    e.writeUInt16LE(1, 4) // colour planes
    e.writeUInt16LE(32, 6) // bits per pixel
    e.writeUInt32LE(png.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += png.length
    entries.push(e)
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

async function main() {
  const svg = await readFile(join(RES, 'icon.svg'))
  await writeFile(join(RES, 'icon.png'), await render(svg, 512))
  await writeFile(join(RES, 'icon-256.png'), await render(svg, 256))
  const images = []
  for (const size of ICO_SIZES) images.push({ size, png: await render(svg, size) })
  await writeFile(join(RES, 'icon.ico'), icoFromPngs(images))
  console.log(`resources/icon.png (512), icon-256.png, icon.ico (${ICO_SIZES.join(', ')})`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
