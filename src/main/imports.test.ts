// Who may import whom. Every .ts/.vue file under src/ (tests, testing.ts helpers and
// src/main/test-support/ excepted) is read; each relative (or @shared/@renderer) import,
// export-from and dynamic import() is resolved to a file and both ends are placed in a
// layer. `import type` / `export type` are left out: they are erased and tie nothing at
// run time (that is how src/main/core may name the search engine's type).
//
// The rules:
//  - src/shared imports nothing of ours outside src/shared.
//  - src/main/core imports only core and shared.
//  - An area — src/main/areas/<name>/ — imports core, shared, src/main/media, src/main/language
//    and its own folder only: never another area, never a host.
//  - src/main/search and src/main/media import core and shared only (and themselves); search
//    also uses src/main/language.
//  - src/main/language (Chinese word segmentation, the shipped lexicon, 主题词 extraction)
//    imports core, shared, itself and its data in resources/search/; areas may use it.
//  - src/main/demo (the demo archive, wired in by app.ts) imports core, shared, media, itself
//    and its seed data in resources/demo/.
//  - src/main/app.ts, the composition root, is the only file that imports areas (and the
//    search engine, the demo); it imports no host.
//  - Hosts — src/main/electron/ (with src/main/index.ts, its entry), src/main/bridge/,
//    src/main/cli/ — import src/main/app.ts, shared, media and their own folder, plus the
//    exceptions listed in EXCEPTIONS below.
//  - src/renderer and src/preload import only shared and themselves.
//  - A file in no layer fails too: a new folder gets its place in these rules first.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')

type Layer = 'shared' | 'core' | 'area' | 'search' | 'media' | 'language' | 'demo' | 'app' | 'host' | 'renderer' | 'preload' | 'test-support' | 'outside' | 'unknown'
interface Place {
  layer: Layer
  /** The area or host a file belongs to (its own folder). */
  unit?: string
}

/** Imports the layers do not allow but the design does, each with its reason. */
const EXCEPTIONS: { from: string; to: string; why: string }[] = [
  // The import commands know the intake area's files and options; the area keeps them
  // beside its handlers, and they reach the archive only through dispatch.
  { from: 'src/main/cli/', to: 'src/main/areas/intake/cli.ts', why: 'intake CLI commands' },
  // Likewise the export command, written by the export area.
  { from: 'src/main/cli/', to: 'src/main/areas/export/cli.ts', why: 'export CLI command' },
  // `aid-archive serve` is the way to run the browser host: the CLI starts that host.
  { from: 'src/main/cli/serve.ts', to: 'src/main/bridge/server.ts', why: 'the serve command runs the browser host' },
  // The areas' CLI commands print to a terminal like the rest of the CLI, through its escaping.
  { from: 'src/main/areas/export/cli.ts', to: 'src/main/cli/safe-text.ts', why: 'terminal-safe output' },
  { from: 'src/main/areas/intake/cli.ts', to: 'src/main/cli/safe-text.ts', why: 'terminal-safe output' },
  // The exchange commands (pack, unpack, sync, conflicts), written by the exchange area, in the CLI's language.
  { from: 'src/main/cli/', to: 'src/main/areas/exchange/cli.ts', why: 'exchange CLI commands' },
  { from: 'src/main/areas/exchange/cli.ts', to: 'src/main/cli/safe-text.ts', why: 'terminal-safe output' },
  { from: 'src/main/areas/exchange/cli.ts', to: 'src/main/cli/locale.ts', why: 'messages in the user\'s language' },
]

const posix = (p: string) => p.split(sep).join('/')

export function place(rel: string): Place {
  if (!rel.startsWith('src/')) return { layer: 'outside' }
  if (rel.startsWith('src/shared/')) return { layer: 'shared' }
  if (rel.startsWith('src/renderer/')) return { layer: 'renderer' }
  if (rel.startsWith('src/preload/')) return { layer: 'preload' }
  if (rel === 'src/main/app.ts') return { layer: 'app' }
  if (rel === 'src/main/index.ts') return { layer: 'host', unit: 'electron' }
  const [, top, sub] = /^src\/main\/([^/]+)\/(?:([^/]+)\/)?/.exec(rel) ?? []
  switch (top) {
    case 'core':
    case 'search':
    case 'media':
    case 'language':
    case 'demo':
    case 'test-support':
      return { layer: top }
    case 'areas':
      return sub ? { layer: 'area', unit: sub } : { layer: 'unknown' }
    case 'electron':
    case 'bridge':
    case 'cli':
      return { layer: 'host', unit: top }
  }
  return { layer: 'unknown' }
}

const among = (to: Place, ...layers: Layer[]) => layers.includes(to.layer)
const own = (from: Place, to: Place) => from.layer === to.layer && from.unit === to.unit

/** May a file in `from` import `toRel` (in `to`)? */
const ALLOWED: Record<Layer, (from: Place, to: Place, toRel: string) => boolean> = {
  shared: (_f, to) => among(to, 'shared'),
  core: (_f, to) => among(to, 'core', 'shared'),
  area: (f, to) => among(to, 'core', 'shared', 'media', 'language') || own(f, to),
  search: (_f, to) => among(to, 'search', 'core', 'shared', 'language'),
  language: (_f, to, toRel) => among(to, 'language', 'core', 'shared') || toRel.startsWith('resources/search/'),
  media: (_f, to) => among(to, 'media', 'core', 'shared'),
  demo: (_f, to, toRel) => among(to, 'demo', 'core', 'shared', 'media') || toRel.startsWith('resources/demo/'),
  app: (_f, to) => among(to, 'core', 'shared', 'area', 'search', 'media', 'demo'),
  host: (f, to) => among(to, 'app', 'shared', 'media') || own(f, to),
  renderer: (_f, to) => among(to, 'renderer', 'shared'),
  preload: (_f, to) => among(to, 'preload', 'shared'),
  'test-support': () => true, // never scanned
  outside: () => false,
  unknown: () => false,
}

/** What a file (relative to the repository) may not import, or null if it may. */
export function breach(fromRel: string, toRel: string): string | null {
  const from = place(fromRel)
  const to = place(toRel)
  if (from.layer === 'unknown') return `${fromRel} is in no layer of src/main/imports.test.ts`
  if (EXCEPTIONS.some((e) => fromRel.startsWith(e.from) && toRel === e.to)) return null
  if (ALLOWED[from.layer](from, to, toRel)) return null
  const name = (p: Place) => (p.unit ? `${p.layer} ${p.unit}` : p.layer)
  return `${fromRel} (${name(from)}) imports ${toRel} (${name(to)})`
}

/** The value imports of a file: import/export-from (not `type`), and dynamic import(). */
export function importsOf(fileName: string, text: string): string[] {
  // A .vue file's code is in its <script> blocks.
  const code = fileName.endsWith('.vue') ? [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const out: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) out.push(node.moduleSpecifier.text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) out.push(node.moduleSpecifier.text)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments
      if (arg && ts.isStringLiteralLike(arg)) out.push(arg.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

const ALIASES: [string, string][] = [
  ['@shared/', 'src/shared/'],
  ['@renderer/', 'src/renderer/src/'],
]

/** The file (relative to the repository) an import names; null for a package; undefined if none. */
export function resolveImport(fromRel: string, spec: string): string | null | undefined {
  const bare = spec.replace(/[?#].*$/, '')
  const alias = ALIASES.find(([a]) => bare.startsWith(a))
  if (!alias && !bare.startsWith('.')) return null
  const base = alias ? join(ROOT, alias[1], bare.slice(alias[0].length)) : resolve(ROOT, dirname(fromRel), bare)
  const candidates = [base, `${base}.ts`, `${base}.vue`, `${base}.d.ts`, `${base}.json`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile())
  return hit ? posix(relative(ROOT, hit)) : undefined
}

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules' && posix(relative(ROOT, p)) !== 'src/main/test-support') out.push(...sources(p))
    } else if (/\.(ts|vue)$/.test(name) && !/\.(test|spec)\.ts$/.test(name) && name !== 'testing.ts') out.push(posix(relative(ROOT, p)))
  }
  return out
}

/** Every broken rule in the given files. */
export function breaches(files: string[], read: (rel: string) => string): string[] {
  const out: string[] = []
  for (const rel of files) {
    for (const spec of importsOf(rel, read(rel))) {
      const target = resolveImport(rel, spec)
      if (target === null) continue
      if (target === undefined) out.push(`${rel}: cannot resolve '${spec}'`)
      else {
        const b = breach(rel, target)
        if (b) out.push(`${b} — import '${spec}'`)
      }
    }
  }
  return out
}

describe('imports between layers', () => {
  const files = sources(join(ROOT, 'src'))

  it('finds the files and their imports', () => {
    expect(files).toContain('src/main/app.ts')
    expect(files).toContain('src/main/core/kernel/kernel.ts')
    expect(files.some((f) => f.endsWith('.vue'))).toBe(true)
    expect(files.some((f) => f.endsWith('.test.ts') || f.endsWith('/testing.ts'))).toBe(false)
    expect(resolveImport('src/main/app.ts', './demo')).toBe('src/main/demo/index.ts')
    expect(resolveImport('src/renderer/src/App.vue', '@shared/errors')).toBe('src/shared/errors.ts')
    expect(resolveImport('src/main/app.ts', 'node:path')).toBeNull()
  })

  it('keeps every rule', () => {
    expect(breaches(files, (rel) => readFileSync(join(ROOT, rel), 'utf8'))).toEqual([])
  })

  it('catches an import that breaks a rule (the checker can fail)', () => {
    const fake: Record<string, string> = {
      // core reaching into an area, a lazy host import, and a type import (allowed).
      'src/main/core/kernel/kernel.ts': [
        "import type { SearchEngine } from '../../search/engine'",
        "import { recordsHandlers } from '../../areas/records/handlers'",
        "export type { Link } from '../../../shared/domain'",
        "const lazy = () => import('../../electron/app')",
      ].join('\n'),
      // an area reaching into another area, and through a re-export.
      'src/main/areas/links/handlers.ts': "import { undo } from '../relations/history'\nexport { bulkDelete } from '../relations/bulk'",
      // shared reaching into main; the renderer reaching into main from a .vue script.
      'src/shared/api.ts': "import { newId } from '../main/core/ids'",
      'src/renderer/src/App.vue': "<template><div/></template>\n<script setup lang=\"ts\">\nimport { dispatch } from '../../main/app'\n</script>",
      // a host reaching past app.ts into the core; one name that leads nowhere.
      'src/main/bridge/server.ts': "import { Kernel } from '../core/kernel/kernel'\nimport { x } from './no-such-file'",
    }
    const found = breaches(Object.keys(fake), (rel) => fake[rel]!)
    expect(found).toEqual([
      "src/main/core/kernel/kernel.ts (core) imports src/main/areas/records/handlers.ts (area records) — import '../../areas/records/handlers'",
      "src/main/core/kernel/kernel.ts (core) imports src/main/electron/app.ts (host electron) — import '../../electron/app'",
      "src/main/areas/links/handlers.ts (area links) imports src/main/areas/relations/history.ts (area relations) — import '../relations/history'",
      "src/main/areas/links/handlers.ts (area links) imports src/main/areas/relations/bulk.ts (area relations) — import '../relations/bulk'",
      "src/shared/api.ts (shared) imports src/main/core/ids.ts (core) — import '../main/core/ids'",
      "src/renderer/src/App.vue (renderer) imports src/main/app.ts (app) — import '../../main/app'",
      "src/main/bridge/server.ts (host bridge) imports src/main/core/kernel/kernel.ts (core) — import '../core/kernel/kernel'",
      "src/main/bridge/server.ts: cannot resolve './no-such-file'",
    ])
  })

  it('allows what the rules allow', () => {
    expect(breach('src/main/app.ts', 'src/main/areas/records/handlers.ts')).toBeNull()
    expect(breach('src/main/areas/records/handlers.ts', 'src/main/core/service.ts')).toBeNull()
    expect(breach('src/main/areas/intake/photos.ts', 'src/main/media/files.ts')).toBeNull()
    expect(breach('src/main/areas/intake/photos.ts', 'src/main/areas/intake/caption.ts')).toBeNull()
    expect(breach('src/main/cli/program.ts', 'src/main/areas/export/cli.ts')).toBeNull()
    expect(breach('src/main/cli/program.ts', 'src/main/areas/export/handlers.ts')).not.toBeNull()
    expect(breach('src/main/index.ts', 'src/main/electron/app.ts')).toBeNull()
    expect(breach('src/main/electron/app.ts', 'src/main/bridge/server.ts')).not.toBeNull()
    expect(breach('src/main/search/feed.ts', 'src/main/media/files.ts')).not.toBeNull()
    expect(breach('src/main/newfolder/x.ts', 'src/shared/api.ts')).toMatch(/in no layer/)
  })
})
