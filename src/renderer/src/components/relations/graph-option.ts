// The relation graph's ECharts option, apart from the component so it can be tested
// without a DOM. Node names are drawn on the canvas as text; the tooltip is HTML (ECharts
// sets a formatter's return value as innerHTML), so the title in it is escaped.
// Positions come from graph-layout.ts (layout 'none'): ECharts fits the nodes' bounding
// box to the panel, so two invisible frame corners make that box symmetric around the
// record, which therefore sits in the middle of the panel.
import type { GraphResult } from '@shared/contract/relations'
import { escapeHtml } from '@renderer/utils/escape-html'
import { KIND_COLOR, TEXT_STYLE } from './chart'
import { EXTENT, labelSide, radialLayout } from './graph-layout'

/** What ECharts passes a graph's tooltip and label formatters (the parts used here). */
export interface GraphFormatterParams {
  dataType?: string
  data?: { full?: string; type?: string }
}

/** Ids of the invisible corners that frame the picture (never records: ids are kind_…). */
export const FRAME_IDS = ['frame:nw', 'frame:se'] as const

/** The hovered node's full title (with its 示例 mark), as escaped HTML; nothing for an edge. */
export function graphTooltip(p: GraphFormatterParams): string {
  return p.dataType === 'node' ? escapeHtml(p.data?.full ?? '') : ''
}

const frame = (id: string, v: number) => ({
  id,
  name: '',
  full: '',
  x: v,
  y: v,
  symbolSize: 0,
  label: { show: false },
  tooltip: { show: false },
  emphasis: { disabled: true },
  itemStyle: { opacity: 0 },
})

export function graphOption(g: GraphResult, t: (key: string) => string) {
  const pos = radialLayout(g)
  const depth = new Map(g.nodes.map((n) => [n.id, n.depth]))
  const outerOnly = (e: GraphResult['edges'][number]) => (depth.get(e.from) ?? 0) >= 2 && (depth.get(e.to) ?? 0) >= 2
  return {
    textStyle: TEXT_STYLE,
    tooltip: { formatter: graphTooltip, confine: true },
    series: [
      {
        type: 'graph',
        layout: 'none',
        top: 4,
        bottom: 4,
        left: 4,
        right: 4,
        roam: true,
        scaleLimit: { min: 0.5, max: 4 },
        // The picture is computed; dragging a node would only undo that.
        draggable: false,
        // Long titles are cut with … (the tooltip has the whole); overlapping labels of
        // smaller nodes give way to bigger ones, the record's own label first.
        label: { show: true, fontSize: 11, width: 84, overflow: 'truncate', ellipsis: '…', fontFamily: TEXT_STYLE.fontFamily, distance: 4 },
        labelLayout: { hideOverlap: true },
        // Hovering a node brings out its neighbours' names and what each link is.
        emphasis: { focus: 'adjacency', label: { show: true }, edgeLabel: { show: true } },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 6,
        // Canvas text, not HTML: the link type's name as is. Shown on hover only: drawn on
        // every edge the names pile up on the record's own label.
        edgeLabel: { show: false, fontSize: 10, formatter: (p: GraphFormatterParams) => t(`links.types.${p.data?.type ?? ''}`), fontFamily: TEXT_STYLE.fontFamily, color: '#909399' },
        lineStyle: { color: '#a8abb2', width: 1.2, curveness: 0 },
        data: [
          ...g.nodes.map((n) => {
            const p = pos.get(n.id) ?? { x: 0, y: 0, angle: 0 }
            const centre = n.id === g.center
            return {
              id: n.id,
              name: n.title,
              x: p.x,
              y: p.y,
              // Far ring: name on hover only, so the picture stays readable.
              label: centre
                ? { show: true, position: 'bottom', fontSize: 12, fontWeight: 'bold', width: 140, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] }
                : { show: n.depth < 2, position: labelSide(p) },
              full: n.title + (n.sample ? `（${t('common.sample')}）` : ''),
              symbolSize: centre ? 28 : n.depth === 1 ? 16 : 9,
              z: centre ? 10 : 2,
              itemStyle: { color: KIND_COLOR[n.kind], borderColor: n.sample ? '#606266' : '#fff', borderType: n.sample ? 'dashed' : 'solid', borderWidth: 2 },
            }
          }),
          frame(FRAME_IDS[0], -EXTENT),
          frame(FRAME_IDS[1], EXTENT),
        ],
        // A link between two records of the outer ring crosses the picture: faint and bent.
        links: g.edges.map((e) => ({
          source: e.from,
          target: e.to,
          type: e.type,
          ...(outerOnly(e) ? { lineStyle: { opacity: 0.3, width: 1, curveness: 0.25 } } : {}),
        })),
      },
    ],
  }
}
