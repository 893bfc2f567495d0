// Where the relation graph's nodes go: a radial picture computed once, not a force layout.
// A force layout lets a hub with twenty links pull itself into the middle and pushes the
// record the page is about to the edge; here the record is the origin, its own links sit
// on an inner ring and the links of links on an outer ring, each next to the link that
// brought it in. The same graph always gives the same picture.
import type { GraphResult } from '@shared/contract/relations'

export interface Placed {
  x: number
  y: number
  /** Direction from the centre, radians (0 = right, π/2 = down, as on screen). */
  angle: number
}

/**
 * Radii of the rings in layout units; the chart scales them to the panel (a unit is about
 * 0.66 px in the record page's side column). The units are pixel-sized on purpose: ECharts
 * nudges a straight edge by half a unit to sharpen it, which on a unit-sized layout moved
 * vertical edges 30 px off their nodes. The inner ring is wider when it is the only one.
 */
export const INNER = 110
export const INNER_ALONE = 170
export const OUTER = 220
/** Room around the outer ring: a label (84 px wide, centred under its node) stays inside. */
export const MARGIN = 35
/** An outer-ring node (a dot, unlabelled) needs this share of the arc a labelled inner node needs. */
const DOT_SHARE = 0.25
/** No sector wider than a half circle: a hub's links fan out beyond it, not around the record. */
const MAX_SECTOR = Math.PI
/** More inner nodes than this and the inner ring takes the wider radius. */
const CROWDED = 10
const KIND_ORDER = ['batch', 'report', 'achievement', 'photo']

type GNode = GraphResult['nodes'][number]
const order = (a: GNode, b: GNode) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.title.localeCompare(b.title, 'zh-Hans-CN') || a.id.localeCompare(b.id)

/** Positions by node id; the graph's centre is at (0, 0). */
export function radialLayout(g: GraphResult): Map<string, Placed> {
  const out = new Map<string, Placed>([[g.center, { x: 0, y: 0, angle: Math.PI / 2 }]])
  const inner = g.nodes.filter((n) => n.depth === 1).sort(order)
  const outer = g.nodes.filter((n) => n.depth >= 2).sort(order)
  if (!inner.length) return out
  // A crowded inner ring takes the room the outer ring's dots can spare.
  const r1 = outer.length && inner.length <= CROWDED ? INNER : INNER_ALONE
  // Each outer node hangs from the first inner node (in ring order) it is linked to.
  const ringIndex = new Map(inner.map((n, i) => [n.id, i]))
  const children: GNode[][] = inner.map(() => [])
  for (const n of outer) {
    let parent = Infinity
    for (const e of g.edges) {
      const other = e.from === n.id ? e.to : e.to === n.id ? e.from : null
      const i = other === null ? undefined : ringIndex.get(other)
      if (i !== undefined && i < parent) parent = i
    }
    children[Number.isFinite(parent) ? parent : 0]!.push(n)
  }
  for (let i = 0; i < children.length; i++) children[i] = neighboursTogether(children[i]!, g.edges)
  const widths = sectors(children.map((c) => Math.max(1, c.length * DOT_SHARE)))
  // The first sector is centred at the top, so a record with one link has it above itself.
  let start = -Math.PI / 2 - widths[0]! / 2
  inner.forEach((n, i) => {
    const width = widths[i]!
    const mid = start + width / 2
    out.set(n.id, at(r1, mid))
    children[i]!.forEach((c, k, all) => out.set(c.id, at(OUTER, start + (width * (k + 0.5)) / all.length)))
    start += width
  })
  return out
}

/** Angular widths proportional to need, none above MAX_SECTOR (what a cap frees goes to the others). */
export function sectors(need: number[]): number[] {
  const out = need.map(() => 0)
  const capped = new Set<number>()
  for (;;) {
    const free = 2 * Math.PI - capped.size * MAX_SECTOR
    const rest = need.reduce((a, v, i) => (capped.has(i) ? a : a + v), 0)
    let again = false
    need.forEach((v, i) => {
      if (capped.has(i)) return
      out[i] = (free * v) / rest
      if (out[i]! > MAX_SECTOR + 1e-9) {
        capped.add(i)
        out[i] = MAX_SECTOR
        again = true
      }
    })
    if (!again || capped.size === need.length) return out
  }
}

/** Siblings linked to each other side by side on the ring, so their link is short. */
function neighboursTogether(list: GNode[], edges: GraphResult['edges']): GNode[] {
  const index = new Map(list.map((n, i) => [n.id, i]))
  const near = new Map<string, number[]>()
  for (const e of edges) {
    const a = index.get(e.from)
    const b = index.get(e.to)
    if (a === undefined || b === undefined) continue
    near.set(e.from, [...(near.get(e.from) ?? []), b])
    near.set(e.to, [...(near.get(e.to) ?? []), a])
  }
  const out: GNode[] = []
  const seen = new Set<number>()
  const visit = (i: number): void => {
    if (seen.has(i)) return
    seen.add(i)
    out.push(list[i]!)
    for (const j of (near.get(list[i]!.id) ?? []).sort((x, y) => x - y)) visit(j)
  }
  list.forEach((_, i) => visit(i))
  return out
}

function at(r: number, angle: number): Placed {
  return { x: round(r * Math.cos(angle)), y: round(r * Math.sin(angle)), angle }
}
const round = (v: number) => Math.round(v * 1000) / 1000

/**
 * Half the side of the square frame the chart fits to the panel, symmetric around the
 * centre so the record lands in the middle. The same for every graph, so the rings keep
 * their size and a record with few links still has room for its neighbours' labels.
 */
export const EXTENT = OUTER + MARGIN

/**
 * Where a node's label goes: above nodes in the upper part, below the others. Never beside
 * a node: a label beside a node at the side of the ring would run off the panel.
 */
export function labelSide(p: Placed): 'top' | 'bottom' {
  return Math.sin(p.angle) < -0.35 ? 'top' : 'bottom'
}
