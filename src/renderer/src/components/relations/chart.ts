// ECharts, registered once with only the pieces these views use (keeps the bundle small).
// Charts draw on a canvas, which does not inherit CSS fonts: set the CJK stack explicitly.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, GraphChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components'
// labelLayout (hideOverlap) does nothing unless this feature is registered.
import { LabelLayout } from 'echarts/features'

use([CanvasRenderer, BarChart, LineChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, LabelLayout])

export const CJK_FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif"
export const TEXT_STYLE = { fontFamily: CJK_FONT }
/** Kind colours close to Element Plus tag colours, so a kind reads the same in charts. */
export const KIND_COLOR: Record<string, string> = { batch: '#909399', report: '#409EFF', achievement: '#67C23A', photo: '#E6A23C' }
export const PALETTE = ['#1D4ED8', '#B45309', '#15803D', '#B91C1C', '#7E22CE', '#0E7490', '#A16207', '#475569']
