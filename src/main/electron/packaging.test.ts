// The installers' configuration (electron-builder.yml), checked as electron-builder itself
// reads it: building an installer downloads Electron, so no machine here can run it, and a
// mistake would surface only on the office's workstation. Its file filters are run through
// electron-builder's own matchers over this checkout's real files.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const require = createRequire(join(ROOT, 'package.json'))

interface FileSet {
  filter?: string[]
}
interface Target {
  target: string
  arch?: string[]
}
// The parts of electron-builder's Configuration this test reads.
interface Config {
  appId?: string
  productName?: string
  executableName?: string
  directories?: { output?: string; buildResources?: string }
  files?: FileSet[]
  asar?: boolean
  asarUnpack?: string[]
  npmRebuild?: boolean
  extraMetadata?: Record<string, unknown>
  extraResources?: unknown
  win?: { icon?: string; target?: Target[] }
  nsis?: Record<string, unknown>
  portable?: Record<string, unknown>
  linux?: {
    icon?: string
    category?: string
    maintainer?: string
    executableName?: string
    syncDesktopName?: boolean
    desktop?: { entry?: Record<string, string> }
    target?: Target[]
  }
  electronFuses?: Record<string, boolean>
}
type Filter = (file: string, stat: { isDirectory(): boolean; moduleFullFilePath?: string }) => boolean

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>
  validateConfiguration(config: Config, logger: unknown): Promise<void>
}
const { FileMatcher, getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, macro: (p: string) => string, patterns: string[]) => { createFilter(): Filter }
  getNodeModuleFileMatcher(appDir: string, dest: string, macro: (p: string) => string, platform: object, packager: object): { createFilter(): Filter }
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

const FILE = { isDirectory: () => false }
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  main: string
  dependencies: Record<string, string>
  scripts: Record<string, string>
}

let config: Config
/** Is this project file (relative, /-separated) packed into the app? */
let shipsAppFile: (rel: string) => boolean
/** Is this file of an installed package (node_modules/…) packed into the app? */
let shipsModuleFile: (rel: string) => boolean

beforeAll(async () => {
  config = await getConfig(ROOT, null, null)
  const patterns = (config.files ?? []).flatMap((f) => f.filter ?? [])
  const appFilter = new FileMatcher(ROOT, '', (p) => p, patterns).createFilter()
  shipsAppFile = (rel) => appFilter(join(ROOT, rel), FILE)
  const moduleFilter = getNodeModuleFileMatcher(ROOT, '', (p) => p, {}, { config, debugLogger: { isEnabled: false } }).createFilter()
  shipsModuleFile = (rel) => moduleFilter(join(ROOT, rel), { ...FILE, moduleFullFilePath: rel })
})

describe('the installers', () => {
  it('is a configuration electron-builder accepts (its own schema)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('names the app 援疆档案 with an ASCII id and executable', () => {
    expect(config.productName).toBe('援疆档案')
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/)
    expect(config.executableName).toMatch(/^[a-z0-9-]+$/)
    expect(config.linux?.executableName ?? config.executableName).toMatch(/^[a-z0-9-]+$/)
  })

  it('builds an NSIS installer in Chinese (per-user allowed) and a portable exe for Windows x64', () => {
    const targets = config.win?.target ?? []
    expect(targets.map((t) => t.target).sort()).toEqual(['nsis', 'portable'])
    for (const t of targets) expect(t.arch).toEqual(['x64'])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'], language: '2052' })
    // The archive is in the user data folder: an uninstall never takes it along.
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false)
    for (const name of [config.nsis?.artifactName, config.portable?.artifactName]) expect(name).toMatch(/^[\w.${}-]+$/)
  })

  it('builds .deb packages for x64 and arm64 (UOS, Kylin) under Office, with a maintainer', () => {
    const targets = config.linux?.target ?? []
    expect(targets).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }])
    expect(config.linux?.category).toBe('Office')
    expect(config.linux?.maintainer).toMatch(/^\S.* <[^@\s<>]+@[^@\s<>]+>$/)
    expect(config.linux?.desktop?.entry?.Name).toBe('援疆档案')
    // An ASCII WM class ties the window to its launcher (syncDesktopName reads desktopName).
    expect(config.linux?.syncDesktopName).toBe(true)
    expect(config.extraMetadata?.desktopName).toMatch(/^[a-z0-9-]+\.desktop$/)
  })

  it('keeps the app name the CLI expects, so both find the same archive', () => {
    // Electron names userData after package.json productName || name; the CLI's default
    // archive is …/aid-archive/archive (src/main/app.ts).
    expect(config.extraMetadata).not.toHaveProperty('productName')
    expect(config.extraMetadata).not.toHaveProperty('name')
    expect(pkg.name).toBe('aid-archive')
    expect(pkg).not.toHaveProperty('productName')
  })

  it('has npm scripts for both platforms that use this configuration', () => {
    expect(pkg.scripts['dist:win']).toMatch(/scripts\/dist\.mjs win\b/)
    expect(pkg.scripts['dist:linux']).toMatch(/scripts\/dist\.mjs linux\b/)
  })
})

describe('what goes into the app', () => {
  const projectFiles = () =>
    execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)

  it('ships the build and nothing of the sources, tests, end-to-end specs or docs', () => {
    for (const f of ['package.json', pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'resources/icon.png'])
      expect(shipsAppFile(f), f).toBe(true)
    // Every worker bundle electron-vite writes beside the main bundle, and their chunks.
    const viteConfig = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8')
    const workers = [...viteConfig.matchAll(/(\w*[Ww]orker):\s*resolve\(/g)].map((m) => m[1]!)
    expect(workers.length).toBeGreaterThanOrEqual(3)
    for (const w of workers) expect(shipsAppFile(`out/main/${w}.js`), w).toBe(true)
    expect(shipsAppFile('out/main/chunks/search-index-x.js')).toBe(true)
    expect(shipsAppFile('out/main/index.js.map')).toBe(false)

    const shipped = projectFiles().filter((f) => !f.startsWith('node_modules/') && shipsAppFile(f))
    expect(shipped.sort()).toEqual(['package.json', 'resources/icon.png'])
    for (const f of ['src/main/app.ts', 'e2e/fixtures.ts', 'src/main/electron/packaging.test.ts', 'resources/demo/demo.json', 'bench/index.ts'])
      expect(shipsAppFile(f), f).toBe(false)
  })

  it('finds its resources inside the package: the demo is bundled, nothing is read from resources/ at run time', () => {
    // The demo archive is imported (so bundled into out/main), not read from a file.
    expect(readFileSync(join(ROOT, 'src/main/demo/index.ts'), 'utf8')).toMatch(/from '\.\.\/\.\.\/\.\.\/resources\/demo\/demo\.json'/)
    // A main-process file that reads a file beside the app would need extraResources here.
    const runtimeReads = mainSources().filter((f) => /process\.resourcesPath|['"`]resources\//.test(readFileSync(join(ROOT, f), 'utf8')))
    if (runtimeReads.length) expect(config.extraResources, runtimeReads.join(', ')).toBeTruthy()
    else expect(config.extraResources ?? null).toBeNull()
  })

  it('unpacks sharp and its native packages from app.asar', () => {
    expect(config.asar).not.toBe(false)
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**/*', 'node_modules/@img/**/*']))
    // Node-API binaries: nothing to rebuild against Electron's headers (which would need the internet).
    expect(config.npmRebuild).toBe(false)
  })

  it('ships every package the main process imports, with all it depends on', () => {
    const imported = new Set<string>()
    for (const f of mainSources()) {
      for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/(?:from\s+|import\(\s*)'([^'./][^']*)'/g)) {
        const spec = m[1]!
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!
        // electron-vite leaves only package.json dependencies outside the bundle.
        if (name in pkg.dependencies) imported.add(spec)
      }
    }
    expect([...imported]).toEqual(expect.arrayContaining(['sharp', 'exceljs', 'docx', 'mammoth', 'pdfjs-dist/legacy/build/pdf.mjs']))
    for (const spec of imported) {
      const entry = moduleRelative(resolveEntry(spec))
      expect(shipsModuleFile(entry), `${spec} → ${entry}`).toBe(true)
    }
    const names = new Set([...imported].map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)))
    for (const dir of dependencyClosure(names)) expect(shipsModuleFile(`${dir}/package.json`), dir).toBe(true)
  })

  it('leaves out the renderer libraries vite has already bundled', () => {
    for (const name of ['vue', 'element-plus', 'echarts', 'vue-i18n', '@vue/runtime-core'])
      expect(shipsModuleFile(`node_modules/${name}/package.json`), name).toBe(false)
    expect(shipsModuleFile('node_modules/sharp/package.json')).toBe(true)
  })
})

describe('the app icon', () => {
  it('is drawn once (SVG) and rendered at 512 and 256 pixels', async () => {
    expect(readFileSync(join(ROOT, 'resources/icon.svg'), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 512 512"/)
    for (const [file, size] of [
      ['resources/icon.png', 512],
      ['resources/icon-256.png', 256],
    ] as const) {
      const meta = await sharp(join(ROOT, file)).metadata()
      expect({ file, format: meta.format, width: meta.width, height: meta.height }).toEqual({ file, format: 'png', width: size, height: size })
    }
    expect(config.linux?.icon).toBe('resources/icon.png')
  })

  it('has a Windows .ico with every size from 16 to 256', () => {
    expect(config.win?.icon).toBe('resources/icon.ico')
    const ico = readFileSync(join(ROOT, 'resources/icon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const sizes: number[] = []
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const e = 6 + 16 * i
      sizes.push(ico[e] || 256)
      const [len, at] = [ico.readUInt32LE(e + 8), ico.readUInt32LE(e + 12)]
      expect(at + len).toBeLessThanOrEqual(ico.length)
      // Each image is a PNG of the size its entry claims.
      expect(ico.subarray(at, at + 4).toString('latin1')).toBe('\x89PNG')
      expect(ico.readUInt32BE(at + 16)).toBe(ico[e] || 256)
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]))
  })
})

/** Non-test TypeScript under src/main, src/shared and src/preload (what the main side may import). */
function mainSources(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`
      if (e.isDirectory()) {
        if (e.name !== 'test-support') walk(rel)
      } else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && e.name !== 'testing.ts') out.push(rel)
    }
  }
  for (const d of ['src/main', 'src/shared', 'src/preload']) walk(d)
  return out
}

/** The file a specifier resolves to, as the main process (ESM) would import it. */
function resolveEntry(spec: string): string {
  return fileURLToPath(import.meta.resolve(spec))
}

/** node_modules/… of a resolved file (node_modules here may be a link to another checkout's). */
function moduleRelative(file: string): string {
  const at = file.split(sep).join('/').indexOf('/node_modules/')
  expect(at, file).toBeGreaterThan(-1)
  return file.split(sep).join('/').slice(at + 1)
}

/** Every installed package folder the named packages need at run time, from package-lock.json. */
function dependencyClosure(names: Set<string>): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> }>
  }
  // Node's lookup: the nearest node_modules/<name> from the requiring package upwards.
  const find = (from: string, name: string): string | null => {
    let base = from
    for (;;) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`
      if (lock.packages[candidate] && existsSync(join(ROOT, candidate))) return candidate
      if (!base) return null
      const cut = base.lastIndexOf('/node_modules/')
      base = cut === -1 ? '' : base.slice(0, cut)
    }
  }
  const seen = new Set<string>()
  const todo = [...names].map((n) => find('', n)).filter((d): d is string => !!d)
  while (todo.length) {
    const dir = todo.pop()!
    if (seen.has(dir)) continue
    seen.add(dir)
    const p = lock.packages[dir]!
    const optionalPeers = new Set(Object.entries(p.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n))
    const wanted = [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.optionalDependencies ?? {}), ...Object.keys(p.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n))]
    // Type declarations (some packages list @types/node as a dependency) are never loaded.
    for (const n of wanted.filter((w) => !w.startsWith('@types/'))) {
      const d = find(dir, n)
      if (d) todo.push(d)
    }
  }
  return seen
}

