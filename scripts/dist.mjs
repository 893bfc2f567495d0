#!/usr/bin/env node
// npm run dist:win / npm run dist:linux: build the app, check that the native binaries (sharp
// for photos, @node-rs/jieba for Chinese word segmentation) of every target are installed, then run electron-builder (configuration: electron-builder.yml).
//   node scripts/dist.mjs win|linux [--no-build] [--x64|--arm64] [more electron-builder arguments]
// --x64 / --arm64 build that architecture only (electron-builder's own flags, passed on).
// Needs the internet (electron-builder downloads Electron and its packaging tools); writes to dist/.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The targets electron-builder.yml builds per platform, and the native packages each needs. */
export const PLATFORMS = {
  win: { flag: '--win', targets: [{ os: 'win32', cpu: 'x64', packages: ['@img/sharp-win32-x64', '@node-rs/jieba-win32-x64-msvc'] }] },
  linux: {
    flag: '--linux',
    targets: ['x64', 'arm64'].map((cpu) => ({
      os: 'linux',
      cpu,
      packages: [`@img/sharp-linux-${cpu}`, `@img/sharp-libvips-linux-${cpu}`, `@node-rs/jieba-linux-${cpu}-gnu`],
    })),
  },
}

/** The targets (only those of the --x64/--arm64 given, if any) whose native binaries are missing, each with the command that adds them. */
export function missingNative(platform, args = [], root = ROOT) {
  const only = args.filter((a) => /^--(x64|arm64|ia32|armv7l)$/.test(a)).map((a) => a.slice(2))
  return PLATFORMS[platform].targets
    .filter((t) => !only.length || only.includes(t.cpu))
    .map((t) => ({ ...t, missing: t.packages.filter((p) => !existsSync(join(root, 'node_modules', p, 'package.json'))) }))
    .filter((t) => t.missing.length)
    .map((t) => ({ ...t, fix: `npm install --no-save --os=${t.os} --cpu=${t.cpu}${t.os === 'linux' ? ' --libc=glibc' : ''} sharp @node-rs/jieba` }))
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  return r.status ?? 1
}

function main(argv) {
  const [platform, ...rest] = argv
  if (!(platform in PLATFORMS)) {
    console.error('usage: node scripts/dist.mjs win|linux [--no-build] [electron-builder arguments]')
    return 2
  }
  const build = !rest.includes('--no-build')
  const extra = rest.filter((a) => a !== '--no-build')
  const missing = missingNative(platform, extra)
  if (missing.length) {
    console.error(`Native binaries for ${missing.map((m) => `${m.os}-${m.cpu}`).join(', ')} are not installed (${missing.flatMap((m) => m.missing).join(', ')}).`)
    console.error('Without them the app cannot make thumbnails or read photos (sharp), and segments Chinese queries less well with no 主题词 suggestions (jieba), on that machine. Add them, then run this again:')
    for (const m of missing) console.error(`  ${m.fix}`)
    console.error('(npm may then drop the binaries of this machine itself: build one architecture at a time, e.g. -- --arm64, and run npm ci afterwards.)')
    return 1
  }
  if (build && run(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']) !== 0) return 1
  const bin = join(ROOT, 'node_modules', 'electron-builder', 'cli.js')
  return run(process.execPath, [bin, PLATFORMS[platform].flag, '--publish', 'never', ...extra])
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2))
