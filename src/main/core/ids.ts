import { randomBytes } from 'node:crypto'
import { userInfo } from 'node:os'

const PREFIX = { batch: 'bat', report: 'rep', achievement: 'ach', photo: 'pho', tag: 'tag', link: 'lnk', group: 'grp', saved: 'srch' } as const

/** Short, readable, collision-safe ids: rep_1f3a9c2b7d4e. */
export function newId(kind: keyof typeof PREFIX): string {
  // An unknown kind (input the schema has yet to refuse) still gets a well-formed id.
  const prefix = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(PREFIX, kind) ? PREFIX[kind] : 'rec'
  return `${prefix}_${randomBytes(6).toString('hex')}`
}

/** Who made a change: the OS user name (recorded on records and in the journal). */
export function currentUser(): string {
  try {
    return userInfo().username || process.env.USER || process.env.USERNAME || 'unknown'
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown'
  }
}
