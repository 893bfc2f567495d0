// A CouchDB-protocol server in this process, for tests of the sync client: express-pouchdb
// over PouchDB with the in-memory adapter, on 127.0.0.1 at a free port. Test-only (its
// packages are devDependencies). Databases are not created for you: as with a real CouchDB,
// a test PUTs the database first, so a client that would create one silently is caught.
import { createRequire } from 'node:module'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'

interface PouchStatic {
  plugin(p: unknown): PouchStatic
  defaults(o: Record<string, unknown>): PouchStatic
}
type Handler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void
interface ExpressApp extends Handler {
  use(h: Handler): void
  listen(port: number, host: string, cb: () => void): Server
}

let pouch: PouchStatic | null = null

function serverPouch(): PouchStatic {
  if (pouch) return pouch
  const req = createRequire(import.meta.url)
  const base = (req('pouchdb-core') as PouchStatic).defaults({})
  base.plugin(req('pouchdb-adapter-memory'))
  // express-pouchdb's view routes (part of its minimum for PouchDB) call query().
  base.plugin(req('pouchdb-mapreduce'))
  return (pouch = base)
}

export interface CouchServer {
  /** http://127.0.0.1:PORT (no database; append /name). */
  url: string
  close(): Promise<void>
}

export async function startCouchServer(opts: { users?: Record<string, string> } = {}): Promise<CouchServer> {
  const req = createRequire(import.meta.url)
  const express = req('express') as () => ExpressApp
  const expressPouchDB = req('express-pouchdb') as (p: PouchStatic, o: Record<string, unknown>) => Handler
  // A prefix of its own keeps each server's in-memory databases apart from the others'.
  const Pouch = serverPouch().defaults({ adapter: 'memory', prefix: `couch-${randomUUID()}-` })
  const app = express()
  const users = opts.users
  if (users) {
    // CouchDB answers a wrong or missing name/password with 401 and this body.
    app.use((rq, rs, next) => {
      const m = /^Basic\s+(\S+)$/i.exec(rq.headers.authorization ?? '')
      const pair = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : ''
      const at = pair.indexOf(':')
      const name = at < 0 ? '' : pair.slice(0, at)
      if (at >= 0 && Object.hasOwn(users, name) && users[name] === pair.slice(at + 1)) return next()
      rs.statusCode = 401
      rs.setHeader('Content-Type', 'application/json')
      rs.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }))
    })
  }
  app.use(expressPouchDB(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }))
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
    s.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
