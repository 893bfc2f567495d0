// `aid-archive serve`: the browser host in the foreground until Ctrl+C / SIGTERM,
// which closes the archive cleanly (snapshot written, lock released). The URL is printed
// at once and the page shows the open's progress; an open that fails is said on stderr
// and in the page (its status carries the error), and the host stays up to show it.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBridge } from '../bridge/server'
import { slowOpenForTests, startOpening } from '../app'
import { cliErrorLine } from './locale'
import type { CliIO } from './program'

/** out/renderer beside the built CLI (out/main/cli.js), or in the repo when run from source. */
export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [join(here, '..', 'renderer'), resolve(here, '..', '..', '..', 'out', 'renderer')]
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0]!
}

export async function serve(dir: string, port: number, io: CliIO): Promise<void> {
  const opening = startOpening(dir, { slowOpenForTestsMs: slowOpenForTests(process.env) })
  opening.service.catch((e: unknown) => io.err(cliErrorLine(e)))
  const root = rendererDir()
  if (!existsSync(join(root, 'index.html'))) io.err(`The renderer is not built (${root}): run npm run build. The API is served anyway.`)
  const bridge = await startBridge({ service: opening, rendererDir: root, port })
  io.out(`Aid Archive: ${bridge.url}`)
  await new Promise<void>((done) => {
    let stopping = false
    // Handlers stay installed while closing: a second Ctrl+C (or the same signal sent to
    // the whole process group) must not kill the process before the lock is released.
    const stop = () => {
      if (stopping) return
      stopping = true
      void bridge
        .close()
        // An open still under way is waited for: its lock must be released too.
        .then(() => opening.service.then((s) => s.close(), () => undefined))
        .finally(() => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          done()
        })
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
