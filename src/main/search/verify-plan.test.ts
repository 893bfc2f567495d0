// Which candidates a broad term reads (verifyPlan): the budget's worth with the highest
// priority (a match in a short field, then the newest date), not a whole year's worth.
import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../../bench/generate'
import { projectRecord, G_BODY, G_TITLE, type ProjectionContext } from './doc'
import type { MaskSet } from './postings'
import { SearchIndex } from './search-index'

class Probe extends SearchIndex {
  plan(set: MaskSet, budget: number) {
    return this.verifyPlan(set, budget)
  }
  date(d: number): number {
    return this.dateKey[d]!
  }
}

const g = generateArchive({ records: 1500, seed: 5 })
const tags = new Map(g.tags.map((t) => [t.id, t.path]))
const kinds = new Map(g.records.map((r) => [r.id, r.kind]))
const pc: ProjectionContext = { tagPath: (id) => tags.get(id), linked: () => [], kindOf: (id) => kinds.get(id) }

describe('verifyPlan', () => {
  const idx = new Probe()
  idx.addMany(g.records.map((r) => projectRecord(r, pc)))
  const n = g.records.length
  // Every doc a candidate; one in seven matched in its title, the rest only in the body.
  const set: MaskSet = { docs: Int32Array.from({ length: n }, (_, i) => i), n, masks: Uint8Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 << G_TITLE : 1 << G_BODY)) }
  const prio = (i: number) => (set.masks[i]! & (1 << G_TITLE) ? 1e8 : 0) + idx.date(i)

  it('reads about the budget, the highest priorities, never fewer', () => {
    for (const budget of [50, 120, 400]) {
      const plan = idx.plan({ ...set, docs: set.docs.slice(), masks: set.masks.slice() }, budget)!
      const read = [...plan.keys()].filter((i) => plan[i])
      expect(read.length).toBeGreaterThanOrEqual(budget)
      // Only ties at the cut go past the budget (dates are days: a year would be hundreds).
      const cut = Math.min(...read.map(prio))
      expect(read.filter((i) => prio(i) > cut).length).toBeLessThan(budget)
      for (let i = 0; i < n; i++) if (!plan[i]) expect(prio(i)).toBeLessThanOrEqual(cut)
      // Title matches come first: with budget below their count, every read one is one.
      if (budget < n / 7) expect(read.every((i) => set.masks[i]! & (1 << G_TITLE))).toBe(true)
    }
  })

  it('reads everything within the budget', () => {
    expect(idx.plan(set, n)).toBeNull()
  })
})
