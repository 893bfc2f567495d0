// 简体中文 messages of the relations area (namespace "relations"); en in relations.en.ts has the same keys.
export default {
  nav: { dashboard: '对比看板', todo: '待办清单', journal: '操作日志' },
  history: {
    undo: '撤销', redo: '重做', undoTip: '撤销：{s}（Ctrl+Z）', redoTip: '重做：{s}（Ctrl+Shift+Z）',
    nothingUndo: '没有可撤销的操作', nothingRedo: '没有可重做的操作', undone: '已撤销：{s}', redone: '已重做：{s}',
  },
  batch: {
    period: '{start} 至 {end}', counterpart: '对口地区：{name}', leader: '领队：{name}', notes: '备注', team: '工作队',
    achievements: '成果（按领域）', metrics: '指标合计', metricsHint: '同一指标单位一致时才合计；单位不同的分行列出，不相加。',
    mixed: '单位不一，未合计', ratio: '比例（{unit}）不相加', photos: '照片', reports: '文书', none: '暂无', open: '批次页', count: '{n} 项',
    label: '指标', total: '合计', records: '记录数', library: '在档案库中查看', dashboard: '跨批次对比', notFound: '没有这个批次',
  },
  dashboard: {
    title: '跨批次对比', byArea: '各领域成果数（按批次）', metrics: '同名指标跨批次对比', timeline: '成果与照片时间线（按月）',
    hint: '点击柱或点，查看其背后的记录', records: '{title}（{n} 条）', empty: '还没有批次记录。',
    noMetrics: '没有在两个以上批次出现的同名同单位指标。', batchN: '第{n}批', sampleBatchN: '第{n}批（示例）',
    achievement: '成果', photo: '照片', sampleNote: '标“示例”的批次和记录是虚构的演示数据，不是来源中的事实。',
  },
  chain: { title: '延续链', empty: '这项成果没有延续关联。', metrics: '各批次指标对照', current: '本条', before: '原{v}', noBatch: '未定批次' },
  graph: { title: '关系图', hint: '本记录居中，内圈是它的关联，外圈是关联的关联；点击节点打开该记录，滚轮缩放。', empty: '没有关联', reset: '复位' },
  todo: {
    title: '待办清单', unbacked: '待佐证的成果', unbackedHint: '这些成果还没有照片或文书作为佐证（佐证关联）。',
    orphans: '未关联的照片和文书', orphansHint: '这些照片和文书还没有关联到任何记录。', allBatches: '全部批次', none: '没有待办事项',
  },
  journal: {
    title: '操作日志', hint: '日志是档案的一部分，记录谁在何时改了什么。', who: '操作人', method: '操作类型', text: '摘要或记录编号',
    range: '日期范围', at: '时间', summary: '内容', count: '涉及', undone: '已撤销', more: '加载更多', empty: '没有符合条件的记录',
    thisRecord: '本记录的日志', items: '{n} 项', start: '开始日期', end: '结束日期',
    methods: {
      records: '记录', tags: '标签', links: '关联', settings: '设置', history: '撤销/重做', archive: '档案', io: '导入导出',
    },
  },
  bulk: {
    link: '关联到…', move: '移到批次/领域', delete: '删除', deleteTitle: '批量删除',
    deleteConfirm: '将删除所选的 {n} 条记录，与它们相连的关联也一并移除。此操作可以撤销（Ctrl+Z）。',
    deleted: '已删除 {n} 条记录，移除 {links} 条关联', moveTitle: '移动所选的 {n} 条记录', batch: '批次', area: '领域',
    keep: '不变', noBatch: '（无批次）', moved: '已修改 {n} 条记录', moveConfirm: '确定修改 {n} 条记录？',
    linkTitle: '将所选的 {n} 条记录关联到一条记录', linked: '已添加 {n} 条关联（{skipped} 条已存在或跳过）',
    direction: '方向', selectionToTarget: '所选记录 → 目标记录', targetToSelection: '目标记录 → 所选记录', pick: '请选择目标记录',
    apply: '确定', selectHits: '全选这 {n} 条结果', linkedTo: '（{list}）', andMore: '；等另 {n} 条', selectAll: '全选 {n} 条（Ctrl+A）',
  },
} as const
