#!/usr/bin/env node
// The package's bin: runs the built CLI (out/main/cli.js parses process.argv when imported).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('aid-archive: the app is not built yet: run `npm run build` in the aid-archive folder first.\n')
  process.exit(1)
}
await import(cli.href)
