// Record text reaches HTML in the renderer only where someone wrote code that builds it:
// v-html, innerHTML and its kin, Element Plus options that take HTML, and ECharts
// formatters (a tooltip formatter's return value is set as innerHTML). This scan finds
// every such place in src/renderer/src; each must be listed below with why it is safe.
// A new one fails the test until it is looked at; an entry whose code is gone fails too.
import { describe, expect, it } from 'vitest'
import type { GraphResult } from '@shared/contract/relations'
import { graphOption, graphTooltip } from '@renderer/components/relations/graph-option'
import { escapeHtml } from './escape-html'

/** Every renderer source but this file (which names the patterns it looks for). */
const SOURCES = import.meta.glob(['../**/*.vue', '../**/*.ts', '!./html-safety.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

const SINKS: [string, RegExp][] = [
  ['v-html', /\bv-html\b/],
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['srcdoc', /\bsrcdoc\b/i],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  // Element Plus: ElMessage/ElMessageBox/ElNotification option, el-tooltip/el-popover prop.
  ['dangerouslyUseHTMLString', /\bdangerously-?use-?html-?string\b/i],
  ['raw-content', /\braw-?content\b/i],
  // ECharts formatter and valueFormatter, as an option, a prop or a call.
  ['formatter', /formatter\s*[:=(]/i],
]

interface Allowed {
  file: string
  /** Text on the line of the occurrence. */
  line: string
  reason: string
}

const ALLOWED: Allowed[] = [
  {
    file: 'components/relations/graph-option.ts',
    line: 'tooltip: { formatter: graphTooltip, confine: true }',
    reason: 'tooltip HTML: graphTooltip escapes the title with escapeHtml (tested below)',
  },
  {
    file: 'components/relations/graph-option.ts',
    line: "edgeLabel: { show: false, fontSize: 10, formatter: (p: GraphFormatterParams) => t(`links.types.",
    reason: 'a label is drawn on the canvas as text, never parsed as HTML; and it is the link type from the i18n table',
  },
  {
    file: 'views/relations/DashboardView.vue',
    line: "label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => totals[p.dataIndex]",
    reason: 'a point label is drawn on the canvas as text, never parsed as HTML; it is a number with 以上/约 from metricValue',
  },
]

/** A line that is only a comment (//, a block comment's lines, <!-- -->) builds nothing. */
const COMMENT = /^\s*(\/\/|\/\*|\*|<!--)/
/** Paths relative to src/renderer/src, as the allow-list names them. */
const relative = (path: string) => path.replace(/^\.\//, 'utils/').replace(/^\.\.\//, '')

/** Each occurrence as file, line number and line text. */
function occurrences(): { file: string; n: number; text: string; sink: string }[] {
  const out: { file: string; n: number; text: string; sink: string }[] = []
  for (const [path, source] of Object.entries(SOURCES)) {
    source.split('\n').forEach((text, i) => {
      if (COMMENT.test(text)) return
      for (const [sink, re] of SINKS) if (re.test(text)) out.push({ file: relative(path), n: i + 1, text: text.trim(), sink })
    })
  }
  return out
}

describe('HTML built from data in the renderer', () => {
  it('the scan reads the renderer sources, components and views included', () => {
    const files = Object.keys(SOURCES).map(relative)
    expect(files.length).toBeGreaterThan(50)
    expect(files).toContain('components/relations/GraphPanel.vue')
    expect(files).toContain('views/relations/DashboardView.vue')
    expect(files).toContain('utils/escape-html.ts')
    expect(files).toContain('App.vue')
  })

  it('every place that builds HTML is on the allow-list with a reason', () => {
    const unlisted = occurrences()
      .filter((o) => !ALLOWED.some((a) => a.file === o.file && o.text.includes(a.line)))
      .map((o) => `${o.file}:${o.n} ${o.sink}: ${o.text}`)
    expect(unlisted).toEqual([])
  })

  it('no allow-list entry is stale, and each gives a reason', () => {
    const found = occurrences()
    for (const a of ALLOWED) {
      expect(found.some((o) => o.file === a.file && o.text.includes(a.line)), `${a.file}: ${a.line}`).toBe(true)
      expect(a.reason.length).toBeGreaterThan(10)
    }
  })
})

const XSS = '<img src=x onerror=alert(1)>'

describe('escapeHtml', () => {
  it('escapes what opens a tag or an entity or ends an attribute', () => {
    expect(escapeHtml(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeHtml(`a&b "c" 'd' 援疆`)).toBe('a&amp;b &quot;c&quot; &#39;d&#39; 援疆')
    expect(escapeHtml('&lt;')).toBe('&amp;lt;')
  })
})

describe('the relation graph', () => {
  const node = (id: string, title: string, depth: number, sample = false) =>
    ({ id, kind: 'report', title, depth, sample, date: '', batchId: null, batchNumber: null, area: '', places: [], tags: [], updatedAt: '', refCode: '', photoNo: '', hasFile: false, placeholder: false }) as GraphResult['nodes'][number]
  const graph: GraphResult = {
    center: 'rep_a',
    nodes: [node('rep_a', XSS, 0), node('rep_b', `"><script>alert(2)</script>`, 1, true)],
    edges: [{ id: 'lnk_1', from: 'rep_a', to: 'rep_b', type: 'related', note: '', createdAt: '', createdBy: '' }],
  }
  const option = graphOption(graph, (k) => (k === 'common.sample' ? '示例' : k))
  const series = option.series[0]!

  it('the tooltip shows a node title as text: ECharts gets it escaped', () => {
    const hover = (i: number) => option.tooltip.formatter({ dataType: 'node', data: series.data[i] })
    expect(hover(0)).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(hover(1)).toBe('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;（示例）')
    expect(option.tooltip.formatter({ dataType: 'edge', data: { type: 'related' } })).toBe('')
  })

  it('graphTooltip never returns markup from a title', () => {
    expect(graphTooltip({ dataType: 'node', data: { full: XSS } })).not.toMatch(/[<>]/)
    expect(graphTooltip({ dataType: 'node' })).toBe('')
  })

  it('the canvas label and node name keep the title as it is (drawn as text)', () => {
    expect(series.data[0]!.name).toBe(XSS)
    expect(series.edgeLabel.formatter({ data: { type: 'related' } })).toBe('links.types.related')
  })
})
