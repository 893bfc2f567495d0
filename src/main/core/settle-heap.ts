// After a large archive is opened, the young generation is full of records just parsed and
// all alive. The next few collections copy them out one by one, 12–25 ms each at 100,000
// records, and they fall on the first requests the user makes. Collecting them here, once,
// while the open is still under way, moves that cost out of the user's first searches.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

type Gc = (options?: { type?: 'minor' | 'major' }) => void
let gc: Gc | null | undefined

/** Two young-generation collections (an object is moved to the old one at its second); a no-op where V8 will not lend its gc. */
export function settleYoungHeap(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc')
      gc = runInNewContext('gc') as Gc
    } catch {
      gc = null
    }
  }
  if (!gc) return
  gc({ type: 'minor' })
  gc({ type: 'minor' })
}
