#!/usr/bin/env node
// Entry of the aid-archive command (built to out/main/cli.js; `npm run cli` runs it from source).
import { main } from './program'
import { cliErrorLine } from './locale'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`${cliErrorLine(e)}\n`)
    process.exitCode = 1
  },
)
