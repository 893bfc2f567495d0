// The relation graph's ECharts option, apart from the component so it can be tested
// without a DOM. Node names are drawn on the canvas as text; the tooltip is HTML (ECharts
// sets a formatter's return value as innerHTML), so the title in it is escaped.
import type { GraphResult } from '@shared/contract/relations'
import { escapeHtml } from '@renderer/utils/escape-html'
import { KIND_COLOR, TEXT_STYLE } from './chart'

/** What ECharts passes a graph's tooltip and label formatters (the parts used here). */
export interface GraphFormatterParams {
  dataType?: string
  data?: { full?: string; type?: string }
}

/** The hovered node's full title (with its 示例 mark), as escaped HTML; nothing for an edge. */
export function graphTooltip(p: GraphFormatterParams): string {
  return p.dataType === 'node' ? escapeHtml(p.data?.full ?? '') : ''
}

export function graphOption(g: GraphResult, t: (key: string) => string) {
  return {
    textStyle: TEXT_STYLE,
    tooltip: { formatter: graphTooltip },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        // Laid out before the first paint: a settled picture, not one that drifts into place.
        force: { repulsion: 320, gravity: 0.08, edgeLength: [70, 120], layoutAnimation: false },
        label: { show: true, position: 'bottom', fontSize: 10, width: 96, overflow: 'truncate', fontFamily: TEXT_STYLE.fontFamily },
        emphasis: { focus: 'adjacency' },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 6,
        // Canvas text, not HTML: the link type's name as is.
        edgeLabel: { show: true, fontSize: 9, formatter: (p: GraphFormatterParams) => t(`links.types.${p.data?.type ?? ''}`), fontFamily: TEXT_STYLE.fontFamily },
        lineStyle: { color: '#b1b3b8', curveness: 0.1 },
        data: g.nodes.map((n) => ({
          id: n.id,
          name: n.title,
          // Far ring: name on hover only, so the picture stays readable.
          label: { show: n.depth < 2 },
          full: n.title + (n.sample ? `（${t('common.sample')}）` : ''),
          symbolSize: n.depth === 0 ? 30 : n.depth === 1 ? 18 : 11,
          itemStyle: { color: KIND_COLOR[n.kind], borderColor: n.sample ? '#606266' : '#fff', borderType: n.sample ? 'dashed' : 'solid', borderWidth: 2 },
        })),
        links: g.edges.map((e) => ({ source: e.from, target: e.to, type: e.type })),
      },
    ],
  }
}
