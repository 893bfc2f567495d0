// npm run bench -- <name> [args]: runs bench/<name>.ts's run(args).
// Benchmarks print a table and write bench/results/<name>.json; they are not tests.
import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const available = () =>
  readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['index.ts', 'generate.ts'].includes(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort()

const [name, ...args] = process.argv.slice(2)
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !available().includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${available().join(', ')}`)
  process.exit(name ? 1 : 0)
}
const mod = (await import(pathToFileURL(`${here}/${name}.ts`).href)) as { run?: (args: string[]) => Promise<void> | void }
if (typeof mod.run !== 'function') {
  console.error(`bench/${name}.ts does not export run(args)`)
  process.exit(1)
}
await mod.run(args)
