import { describe, expect, it } from 'vitest'
import { planAll, planPages, sparse, usePages, type Row } from './paging'

/** Pages of `size` rows named r0, r1, … */
function pagesOf(indexes: number[], size = 3): Map<number, Row[]> {
  return new Map(indexes.map((p) => [p, Array.from({ length: size }, (_, j) => ({ id: `r${p * size + j}` }))]))
}

describe('planPages', () => {
  it('sorted by last change: the page that held the row, the first page, and the pages between (read if in view, else forgotten)', () => {
    const pages = pagesOf([0, 1, 2, 3, 4])
    expect(planPages({ pages, changed: ['r10'], visible: [2, 3], drift: 'top', lastPage: 9 })).toEqual({ reload: [0, 2, 3], drop: [1] })
  })
  it('pages after the edited row keep their rows', () => {
    const pages = pagesOf([0, 1, 5])
    expect(planPages({ pages, changed: ['r4'], visible: [0, 1], drift: 'top', lastPage: 9 })).toEqual({ reload: [0, 1], drop: [] })
  })
  it('ascending by last change, the row goes to the last page', () => {
    const pages = pagesOf([0, 1, 2, 3])
    expect(planPages({ pages, changed: ['r4'], visible: [1, 1], drift: 'bottom', lastPage: 3 })).toEqual({ reload: [1, 3], drop: [2] })
  })
  it('a list whose order an edit does not move re-reads only the pages holding changed rows', () => {
    const pages = pagesOf([0, 1, 2, 7])
    expect(planPages({ pages, changed: ['r22', 'r1'], visible: [0, 1], drift: 'fixed', lastPage: 9 })).toEqual({ reload: [0, 7], drop: [] })
  })
  it('a change it cannot place (new row, bulk change) re-reads the pages in view and forgets the others', () => {
    const pages = pagesOf([0, 1, 2, 3])
    const all = { reload: [1, 2], drop: [0, 3], whole: true }
    expect(planAll(pages, [1, 2])).toEqual(all)
    expect(planPages({ pages, changed: ['new'], visible: [1, 2], drift: 'fixed', lastPage: 9 })).toEqual(all)
    expect(planPages({ pages, changed: null, visible: [1, 2], drift: 'top', lastPage: 9 })).toEqual(all)
  })
  it('a change naming nothing reloads nothing', () => {
    expect(planPages({ pages: pagesOf([0]), changed: [], visible: [0, 0], drift: 'top', lastPage: 0 })).toEqual({ reload: [], drop: [] })
  })
})

describe('sparse', () => {
  it('places loaded rows at their index, holes elsewhere', () => {
    const s = sparse(pagesOf([0, 2], 2), 5, 2)
    expect(s.length).toBe(5)
    expect(Array.from(s, (r) => r?.id ?? null)).toEqual(['r0', 'r1', null, null, 'r4'])
  })
})

describe('usePages', () => {
  function list(n: number) {
    let rows = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, v: 0 }))
    const calls: number[] = []
    const fetch = async (offset: number, limit: number) => {
      calls.push(offset)
      return { total: rows.length, items: rows.slice(offset, offset + limit) }
    }
    return { fetch, calls, set: (r: typeof rows) => (rows = r), get: () => rows }
  }
  it('loads only the pages asked for, once', async () => {
    const l = list(10)
    const p = usePages(3, l.fetch)
    await p.ensure(0, 4)
    await p.ensure(2, 5)
    expect(l.calls).toEqual([0, 3])
    expect(p.itemAt(4)?.id).toBe('r4')
    expect(p.itemAt(7)).toBeUndefined()
    expect(p.state.total).toBe(10)
  })
  it('a slow load landing after a refresh of the same page does not overwrite it', async () => {
    let rows = [{ id: 'a', v: 0 }]
    const gates: (() => void)[] = []
    const fetch = (offset: number, limit: number) => {
      const answer = { total: rows.length, items: rows.slice(offset, offset + limit) }
      return new Promise<typeof answer>((res) => gates.push(() => res(answer)))
    }
    const p = usePages(3, fetch)
    const slow = p.ensure(0, 0)
    rows = [{ id: 'a', v: 1 }]
    const fresh = p.refresh({ reload: [0], drop: [] })
    gates[1]!()
    await fresh
    gates[0]!()
    await slow
    expect((p.itemAt(0) as { v: number }).v).toBe(1)
  })
  it('refresh re-reads the planned pages and keeps the others; a moved total forgets them', async () => {
    const l = list(10)
    const p = usePages(3, l.fetch)
    await p.ensure(0, 9)
    l.calls.length = 0
    l.set(l.get().map((r) => (r.id === 'r4' ? { ...r, v: 1 } : r)))
    await p.refresh({ reload: [1], drop: [] })
    expect(l.calls).toEqual([3])
    expect(p.state.pages.size).toBe(4)
    expect((p.itemAt(4) as { v: number }).v).toBe(1)
    l.set([{ id: 'new', v: 0 }, ...l.get()])
    await p.refresh({ reload: [0], drop: [] })
    expect([...p.state.pages.keys()]).toEqual([0])
    expect(p.state.total).toBe(11)
  })
})
