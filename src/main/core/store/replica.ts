// Which replica this copy of the archive is. The id lives in replica.json beside
// archive.json, with the machine and folder it was minted for: an archive folder copied to
// another place (a USB stick, a new workstation) is a new replica and gets a new id, since
// two copies changing items under one id would look like one history and lose edits. A new
// id never costs correctness, only a slightly longer version vector.
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { REPLICA_FILE } from './names'

interface ReplicaFile {
  id: string
  host: string
  dir: string
}

export function newReplicaId(): string {
  return randomBytes(6).toString('hex')
}

/** The replica id of the archive in dir (minting and writing a new one where needed). */
export async function replicaOf(dir: string): Promise<string> {
  const file = join(dir, REPLICA_FILE)
  const here = { host: hostname(), dir: resolve(dir) }
  try {
    const got = JSON.parse(await readFile(file, 'utf8')) as Partial<ReplicaFile>
    if (typeof got.id === 'string' && /^[a-z0-9]{1,40}$/.test(got.id) && got.host === here.host && got.dir === here.dir) return got.id
  } catch {
    /* missing or unreadable: a new id below */
  }
  const id = newReplicaId()
  await writeFile(file, JSON.stringify({ id, ...here }, null, 1) + '\n')
  return id
}
