// English messages of the relations area, typed against relations.zh-CN.ts by ../en.ts.
export default {
  nav: { dashboard: 'Compare batches', todo: 'To-do', journal: 'Journal' },
  history: {
    undo: 'Undo', redo: 'Redo', undoTip: 'Undo: {s} (Ctrl+Z)', redoTip: 'Redo: {s} (Ctrl+Shift+Z)',
    nothingUndo: 'Nothing to undo', nothingRedo: 'Nothing to redo', undone: 'Undone: {s}', redone: 'Redone: {s}',
  },
  batch: {
    period: '{start} to {end}', counterpart: 'Counterpart: {name}', leader: 'Leader: {name}', notes: 'Notes', team: 'Work team',
    achievements: 'Achievements by area', metrics: 'Metric totals', metricsHint: 'A metric is totalled only where its units agree; other units are listed apart, never added.',
    mixed: 'mixed units, not totalled', ratio: 'shares ({unit}) are not added', photos: 'Photos', reports: 'Reports', none: 'None', open: 'Batch page', count: '{n}',
    label: 'Metric', total: 'Total', records: 'Records', library: 'Show in library', dashboard: 'Compare batches', notFound: 'No such batch',
  },
  dashboard: {
    title: 'Compare batches', byArea: 'Achievements per area, by batch', metrics: 'The same metric across batches', timeline: 'Achievements and photos by month',
    hint: 'Click a bar or point to see the records behind it', records: '{title} ({n} records)', empty: 'No batches yet.',
    noMetrics: 'No metric (same label and unit) appears in more than one batch.', batchN: 'Batch {n}', sampleBatchN: 'Batch {n} (sample)',
    achievement: 'Achievements', photo: 'Photos', sampleNote: 'Batches and records marked “sample” are invented demo data, not facts from the sources.',
  },
  chain: { title: 'Continuation chain', empty: 'This achievement continues nothing and nothing continues it.', metrics: 'Metrics side by side', current: 'this', before: 'was {v}', noBatch: 'no batch' },
  graph: { title: 'Neighbourhood', hint: 'This record is in the middle, its links around it, links of links outside; click a node to open it, scroll to zoom.', empty: 'No links', reset: 'Reset view' },
  todo: {
    title: 'To-do', unbacked: 'Achievements without evidence', unbackedHint: 'No photo or report backs these achievements (an evidence link).',
    orphans: 'Photos and reports linked to nothing', orphansHint: 'These photos and reports are not linked to any record.', allBatches: 'All batches', none: 'Nothing to do',
  },
  journal: {
    title: 'Journal', hint: 'The journal is part of the archive: who changed what, and when.', who: 'User', method: 'Kind of change', text: 'Summary or record id',
    range: 'Dates', at: 'Time', summary: 'Change', count: 'Items', undone: 'undone', more: 'Load more', empty: 'No matching entries',
    thisRecord: 'This record’s journal', items: '{n} items', start: 'From', end: 'To',
    methods: {
      records: 'Records', tags: 'Tags', links: 'Links', settings: 'Settings', history: 'Undo/redo', archive: 'Archive', io: 'Import/export',
    },
  },
  bulk: {
    link: 'Link to…', move: 'Move to batch/area', delete: 'Delete', deleteTitle: 'Delete records',
    deleteConfirm: 'Delete the {n} selected records? Their links are removed too. You can undo this (Ctrl+Z).',
    deleted: 'Deleted {n} records and {links} links', moveTitle: 'Move the {n} selected records', batch: 'Batch', area: 'Area',
    keep: 'unchanged', noBatch: '(no batch)', moved: 'Changed {n} records', moveConfirm: 'Change {n} records?',
    linkTitle: 'Link the {n} selected records to one record', linked: 'Added {n} links ({skipped} existed or skipped)',
    direction: 'Direction', selectionToTarget: 'selection → target', targetToSelection: 'target → selection', pick: 'Choose the target record',
    apply: 'OK', selectHits: 'Select these {n} results', linkedTo: '({list})', andMore: '; and {n} more', selectAll: 'Select all {n} (Ctrl+A)',
  },
}
