import { describe, expect, it } from 'vitest'
import type { GraphResult } from '@shared/contract/relations'
import { EXTENT, INNER, INNER_ALONE, OUTER, labelSide, radialLayout, sectors } from './graph-layout'
import { FRAME_IDS, graphOption } from './graph-option'

type Kind = GraphResult['nodes'][number]['kind']
const node = (id: string, depth: number, kind: Kind = 'achievement') =>
  ({ id, kind, title: `题名 ${id}`, depth, sample: false, date: '', batchId: null, batchNumber: null, area: '', places: [], tags: [], updatedAt: '', refCode: '', photoNo: '', hasFile: false, placeholder: false }) as GraphResult['nodes'][number]
const edge = (from: string, to: string) => ({ id: `lnk_${from}_${to}`, from, to, type: 'related' as const, note: '', createdAt: '', createdBy: '' })

/** The record, a hub report linked to it and to 20 other achievements, and two more links of the record. */
function hubGraph(): GraphResult {
  const nodes = [node('ach_me', 0), node('rep_hub', 1, 'report'), node('ach_next', 1), node('pho_me', 1, 'photo')]
  const edges = [edge('rep_hub', 'ach_me'), edge('ach_me', 'ach_next'), edge('pho_me', 'ach_me')]
  for (let i = 0; i < 20; i++) {
    nodes.push(node(`ach_${String(i).padStart(2, '0')}`, 2))
    edges.push(edge('rep_hub', `ach_${String(i).padStart(2, '0')}`))
  }
  return { center: 'ach_me', nodes, edges }
}
const dist = (p: { x: number; y: number }) => Math.hypot(p.x, p.y)

describe('the relation graph layout', () => {
  it('puts the record at the centre even when a neighbour has far more links', () => {
    const g = hubGraph()
    const pos = radialLayout(g)
    expect(pos.get('ach_me')).toMatchObject({ x: 0, y: 0 })
    for (const id of ['rep_hub', 'ach_next', 'pho_me']) expect(dist(pos.get(id)!)).toBeCloseTo(INNER, 2)
    for (let i = 0; i < 20; i++) expect(dist(pos.get(`ach_${String(i).padStart(2, '0')}`)!)).toBeCloseTo(OUTER, 2)
    expect(pos.size).toBe(g.nodes.length)
  })

  it("fans a hub's links out beyond the hub, not around the record", () => {
    const pos = radialLayout(hubGraph())
    const hub = pos.get('rep_hub')!
    for (let i = 0; i < 20; i++) {
      const c = pos.get(`ach_${String(i).padStart(2, '0')}`)!
      // On the hub's side of the record: a positive projection on the hub's direction.
      expect(c.x * hub.x + c.y * hub.y).toBeGreaterThan(0)
    }
  })

  it('gives every node its own place, inside the frame', () => {
    const pos = [...radialLayout(hubGraph()).values()]
    const keys = new Set(pos.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`))
    expect(keys.size).toBe(pos.length)
    for (const p of pos) expect(dist(p)).toBeLessThan(EXTENT)
  })

  it('is the same picture whatever order the graph comes in', () => {
    const g = hubGraph()
    const shuffled: GraphResult = { ...g, nodes: [...g.nodes].reverse(), edges: [...g.edges].reverse() }
    expect([...radialLayout(shuffled)].sort()).toEqual([...radialLayout(g)].sort())
  })

  it('keeps a record with links only in one wide ring, its first link above it', () => {
    const g: GraphResult = { center: 'a', nodes: [node('a', 0), node('b', 1), node('c', 1)], edges: [edge('a', 'b'), edge('c', 'a')] }
    const pos = radialLayout(g)
    expect(dist(pos.get('b')!)).toBeCloseTo(INNER_ALONE, 2)
    expect(dist(pos.get('c')!)).toBeCloseTo(INNER_ALONE, 2)
    const top = [...pos.entries()].filter(([id]) => id !== 'a').sort((x, y) => x[1].y - y[1].y)[0]!
    expect(top[1].x).toBeCloseTo(0, 3)
    expect(top[1].y).toBeLessThan(0)
  })

  it('places two linked links of links side by side', () => {
    const g: GraphResult = {
      center: 'a',
      nodes: [node('a', 0), node('b', 1), node('c1', 2), node('c2', 2), node('c3', 2), node('c4', 2)],
      edges: [edge('a', 'b'), ...['c1', 'c2', 'c3', 'c4'].map((c) => edge('b', c)), edge('c1', 'c4')],
    }
    const pos = radialLayout(g)
    const gap = (x: string, y: string) => Math.hypot(pos.get(x)!.x - pos.get(y)!.x, pos.get(x)!.y - pos.get(y)!.y)
    expect(gap('c1', 'c4')).toBeLessThan(gap('c1', 'c3'))
  })

  it('shares the circle by need, no sector beyond a half circle', () => {
    const w = sectors([5, 1, 1])
    expect(w[0]).toBeCloseTo(Math.PI, 6)
    expect(w[1]).toBeCloseTo(Math.PI / 2, 6)
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(2 * Math.PI, 6)
    expect(sectors([1, 1, 1, 1])).toEqual([1, 1, 1, 1].map(() => Math.PI / 2))
    expect(sectors([3])).toEqual([Math.PI])
  })

  it('puts labels above the upper nodes and below the others, never beside', () => {
    expect(labelSide({ x: 0, y: -1, angle: -Math.PI / 2 })).toBe('top')
    expect(labelSide({ x: 1, y: 0, angle: 0 })).toBe('bottom')
    expect(labelSide({ x: 0, y: 1, angle: Math.PI / 2 })).toBe('bottom')
  })
})

describe('the relation graph option', () => {
  const option = graphOption(hubGraph(), (k) => k)
  const series = option.series[0]!
  const data = series.data as { id: string; x: number; y: number; label: { show: boolean }; symbolSize: number }[]

  it('frames the picture symmetric around the record, so ECharts fits it centred', () => {
    const me = data.find((d) => d.id === 'ach_me')!
    const frame = data.filter((d) => (FRAME_IDS as readonly string[]).includes(d.id))
    expect(frame).toHaveLength(2)
    expect(frame[0]!.x + frame[1]!.x).toBe(2 * me.x)
    expect(frame[0]!.y + frame[1]!.y).toBe(2 * me.y)
    const xs = data.map((d) => d.x)
    expect(Math.max(...xs)).toBe(EXTENT)
    expect(Math.min(...xs)).toBe(-EXTENT)
  })

  it('names the record and its links, hides the far ring, lets labels give way', () => {
    expect(data.find((d) => d.id === 'ach_me')!.label.show).toBe(true)
    expect(data.find((d) => d.id === 'rep_hub')!.label.show).toBe(true)
    expect(data.find((d) => d.id === 'ach_00')!.label.show).toBe(false)
    expect(series.labelLayout).toEqual({ hideOverlap: true })
    expect(series.label).toMatchObject({ overflow: 'truncate' })
    expect(series.layout).toBe('none')
    expect(series.draggable).toBe(false)
  })
})
