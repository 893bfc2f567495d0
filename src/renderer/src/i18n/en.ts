// English. Typed against the Chinese messages, so a missing key fails the typecheck.
import type zh from './zh-CN'
import intake from './areas/intake.en'
import relations from './areas/relations.en'
import exportMessages from './areas/export.en'
import exchange from './areas/exchange.en'
import forms from './areas/forms.en'
import keywords from './areas/keywords.en'
import { understood, thesaurus } from './areas/understood.en'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof zh>

const en: Messages = {
  app: { name: 'Aid Archive', tagline: 'Archive of the aid-to-Xinjiang front command office' },
  nav: {
    library: 'All records', batches: 'Batches', tags: 'Tags', saved: 'Saved searches', noSaved: 'No saved searches yet', deleteSaved: 'Delete the saved search “{name}”',
    settings: 'Settings', search: 'Search', newRecord: 'New',
  },
  kind: { batch: 'Batch', report: 'Document', achievement: 'Achievement', photo: 'Photo' },
  common: {
    save: 'Save', cancel: 'Cancel', delete: 'Delete', reload: 'Reload', confirm: 'OK', create: 'Create', close: 'Close',
    loading: 'Loading…', none: 'None', all: 'All', add: 'Add', remove: 'Remove', back: 'Back', saved: 'Saved',
    discard: 'Discard changes', rename: 'Rename', color: 'Colour', open: 'Open', error: 'Failed: {msg}', sample: 'Sample',
    unexpected: 'Something unexpected went wrong (perhaps the connection dropped). Try again.',
    placeholder: 'Placeholder', unsaved: 'Unsaved changes', count: '{n} records', yes: 'Yes', no: 'No',
  },
  welcome: {
    title: 'Welcome to Aid Archive',
    lead: 'This archive is new and empty. Load the demo archive to look around, or start cataloguing from scratch.',
    demo: 'Load the demo archive',
    demoHint: "Built from a report on the fifth Shanxi batch's three years in Changji: batch, documents, achievements and photos.",
    empty: 'Start empty',
    emptyHint: 'First give the fonds code and the creating unit, then add batches, documents, achievements and photos.',
    loading: 'Loading the demo archive…',
    loaded: 'Demo archive loaded',
  },
  library: {
    title: 'All records', total: '{n} records', filterKind: 'Kind', filterBatch: 'Batch', filterArea: 'Area', filterTag: 'Tag',
    clearFilters: 'Clear filters', sort: 'Sort', sortUpdated: 'Last modified', sortDate: 'Date', sortTitle: 'Title', sortKind: 'Kind',
    desc: 'Descending', asc: 'Ascending', selected: '{n} selected', bulkTag: 'Add tags', bulkUntag: 'Remove tags',
    clearSelection: 'Clear selection', empty: 'No records match these filters',
    emptyAll: 'The archive is empty. Use “New” at the top right to add a record.', chooseTags: 'Choose tags',
    applied: '{n} records updated',
    col: { kind: 'Kind', title: 'Title', refCode: 'Ref. code', photoNo: 'Photo no.', refOrPhotoNo: 'Ref. code / photo no.', date: 'Date', batch: 'Batch', area: 'Area', tags: 'Tags' },
    batchN: 'Batch {n}', tableLabel: 'Records (↑↓ move, Enter opens, Ctrl+A selects all, Esc clears the selection)',
  },
  field: {
    title: 'Title', titleSupplied: 'Title supplied by archivist (shown in [ ])', tags: 'Tags', sample: 'Sample record', notes: 'Notes',
    number: 'Batch number', startDate: 'Start date', endDate: 'End date', counterpart: 'Counterpart region', leader: 'Leader',
    batchId: 'Batch', area: 'Area of work', places: 'Places', people: 'People', date: 'Date',
    reportType: 'Document type', docNumber: 'Document number', responsible: 'Responsible party', pages: 'Pages',
    classification: 'Classification', retention: 'Retention', openness: 'Access status', filing: 'Ref. code', body: 'Body text',
    source: 'Source', keywords: 'Keywords', remarks: 'Remarks', attachments: 'Attachments',
    organisations: 'Organisations', metrics: 'Metrics', status: 'Status', summary: 'Summary', photoNo: 'Photo no.',
    refNo: 'See also (ref. code)', groupId: 'Photo group', description: 'Description', file: 'File', exif: 'EXIF',
    caption: { event: 'Event', time: 'Time', place: 'Place', people: 'People', background: 'Background', photographer: 'Photographer' },
    metric: { label: 'Metric', value: 'Value', unit: 'Unit', before: 'Before', qualifier: 'Exactness', note: 'Note' },
    createdAt: 'Created', updatedAt: 'Modified', createdBy: 'Created by', updatedBy: 'Modified by',
  },
  hint: {
    date: 'e.g. 2025-03-18, 2025年3月18日 or 2025.3', places: 'Choose or type a place', people: 'Choose or type a name and role',
    keywords: 'Type a keyword, then Enter', organisations: 'Choose or type an organisation', noBatch: 'No batch',
    noArea: 'Not set',
    photoNo: 'Issued automatically when the photo joins a photo group; you may type one, but not one another photo has.',
    refNo: 'Derived from the ref. codes of the filed reports this photo is linked to; not typed.', refNoNone: 'Not linked to a filed report yet',
  },
  section: {
    basic: 'Basics', archival: 'Description (DA/T 18)', content: 'Content', context: 'Batch and place',
    caption: 'Caption (six elements)', image: 'Image', metrics: 'Metrics', meta: 'Record', tags: 'Tags', links: 'Links',
  },
  enums: {
    retention: { Y: 'Permanent', D30: '30 years', D10: '10 years' },
    openness: { 开放: 'Open', 控制: 'Controlled', 延期开放: 'Delayed', 未审核: 'Not reviewed' },
    classification: { none: 'Unclassified', 秘密: 'Secret', 机密: 'Confidential', 绝密: 'Top secret' },
    reportType: { 简报: 'Briefing', 综述: 'Overview', 总结: 'Summary', 报告: 'Report', 报道: 'Article', 通知: 'Notice', 其他: 'Other' },
    status: { planned: 'Planned', in_progress: 'In progress', completed: 'Completed' },
    qualifier: { exact: 'Exact', 约: 'About', 余: 'Odd (余)', 多: 'Over (多)', 以上: 'At least', 以下: 'At most' },
  },
  record: {
    notFound: 'This record cannot be found (it may have been deleted).', saved: 'Saved', nothingToSave: 'Nothing to save',
    invalid: '{n} field(s) did not pass validation: see the note under each.', conflict: 'This record was changed elsewhere. Reload it, then edit again.',
    changedElsewhere: 'This record was changed elsewhere.', deleteTitle: 'Delete record',
    deleteConfirm: 'Delete “{title}”? This cannot be undone.', deleteLinks: 'Its {n} link(s) will be deleted too.',
    deleted: 'Deleted (with {n} link(s))', filed: 'Filed as {code}', unfiled: 'Not filed yet', file: 'File',
    fileHint: 'Assigns the next item number in its year / retention / organisation class', fileYear: 'Year',
    fileOrg: 'Organisation code', created: 'Created', newTitle: 'New {kind}', noImage: 'No image file',
    placeholderHint: 'The demo image is a generated placeholder, not an original photo',
    addMetric: 'Add metric', noMetrics: 'No metrics', attachmentsNone: 'No attachments', exifNone: 'No EXIF data',
    openPreview: 'Open original', batchCounts: 'Documents {report} · Achievements {achievement} · Photos {photo}',
  },
  tags: {
    title: 'Tags', empty: 'No tags yet. Type a path like 产业/煤化工 on a record to create one.', add: 'Add tag',
    addPlaceholder: 'Choose a tag, or type a new path like 产业/煤化工', created: 'Tag {path} created', count: '{n} records',
    renamePrompt: 'New tag path (levels separated by /)', deleteConfirm: 'Delete tag “{path}”? It will be removed from {n} records.',
    deleted: 'Tag deleted, {n} records changed', showRecords: 'Show records', none: 'No tags', more: 'Also tagged: {tags}',
  },
  links: {
    title: 'Links', empty: 'No links', add: 'Add link', type: 'Link type', note: 'Note', direction: 'Direction',
    thisToOther: 'This record → chosen record', otherToThis: 'Chosen record → this record',
    search: 'Type to find the record to link', pick: 'Choose a record', created: 'Link added', deleted: 'Link deleted',
    deleteConfirm: 'Delete this link?',
    types: { evidence: 'Evidence', continues: 'Continues', related: 'Related', cites: 'Cites' },
    out: { evidence: 'Evidence for →', continues: 'Continues →', related: 'Related', cites: 'Cites →' },
    in: { evidence: 'Evidenced by ←', continues: 'Continued by ←', related: 'Related', cites: 'Cited by ←' },
  },
  batches: {
    title: 'Batches', empty: 'No batch records yet.', new: 'New batch', byArea: 'Achievements by area', noArea: 'No achievements yet',
    period: '{start} to {end}', leader: 'Leader: {name}', counterpart: 'Counterpart: {name}', showRecords: 'Show its records',
  },
  search: {
    placeholder: 'Search the archive (press / or Ctrl+K)', label: 'Search the archive', results: '{n} results', took: '{ms} ms', noResults: 'No results',
    noResultsHint: 'Check the spelling, or remove some filters.', tryInstead: 'Try: ', warnings: 'About your query',
    warning: {
      unknown_field: 'Unknown search field “{field}:”, ignored. Fields: {fields}',
      missing_value: '“{field}:” needs a value to look for.',
      bad_batch: 'batch: needs a batch number, e.g. batch:5 or batch:3..5 (got “{value}”).',
      bad_year: 'year: needs a year, e.g. year:2024 or year:2024..2025 (got “{value}”).',
      bad_type: 'type: “{value}” is not a kind. Kinds: photo, report, achievement, batch; several joined by a vertical bar.',
      bad_has: 'has: “{value}” is not known. Use photo, file, metric, tag or link.',
      no_batch: 'No batch numbered {range} in the archive.',
      no_area: 'area: no area named like “{value}”. Areas: {areas}.',
      too_common: '“{char}” is too common: a single character is looked up in titles, tags, places, people and captions only.',
      sound: 'Nothing has “{word}” exactly; searched by its sound ({reading}).',
    },
    save: 'Save this search', saveName: 'Name this search', saved: 'Saved search “{name}”', deleteSaved: 'Delete saved search “{name}”?',
    idle: 'Type to search. Pinyin (fukang), initials (fk) and filters work, e.g. type:photo, batch:5, area:教育, place:阜康, year:2024..2025, tag:产业, has:photo.',
    keys: '↑↓ move · Enter open · Esc clear', onlyKind: 'Only:', loadMore: 'More ({n} left)', clear: 'Clear',
    field: { title: 'Title', caption: 'Caption', places: 'Places', people: 'People', tags: 'Tags', body: 'Text' },
    chip: { type: 'Kind', batch: 'Batch', area: 'Area', place: 'Place', year: 'Year', tag: 'Tag', has: 'Has', exclude: 'Not', phrase: 'Phrase' },
    understood,
  },
  settings: {
    title: 'Settings', archive: 'Archive', path: 'Location', user: 'User', schema: 'Data version', counts: 'Records',
    fonds: 'Fonds', fondsCode: 'Fonds code', fondsCodeHint: '4 letters or digits, e.g. Z109', fondsName: 'Name of the creating unit',
    orgCodes: 'Organisation codes', orgCode: 'Code', orgName: 'Name', addOrg: 'Add code', defaultOrg: 'Default organisation code',
    photoNoFormat: 'Photo number format', photoNoFormatHint: '{n} is the four-digit running number (required); {year} is the year of the photo (optional).',
    photoNoExample: 'Example: {example} (number 1 of {year})',
    language: 'Language', areas: 'Areas of work', saved: 'Settings saved',
    countsLine: 'Batches {batch} · Documents {report} · Achievements {achievement} · Photos {photo} · Tags {tags} · Links {links}',
    thesaurus,
  },
  rules: {
    title: 'Archive rule check', hint: 'Every record, tag and link checked against the archive rules ({n} items), whatever the batch filter.', empty: 'No problems found',
    count: '{n} found', fix: 'Fix all', fixTitle: 'Fix all: {rule}', recheck: 'Check again', manual: 'Open each record and correct it by hand',
    fixConfirm: '{n} problem(s) will be fixed, changing {items} item(s). {how} This can be undone (Ctrl+Z).',
    fixed: 'Fixed: {n} item(s) changed', fixedSome: 'Fixed: {n} item(s) changed; {remaining} problem(s) remain', more: '{n} more not listed', showAll: 'Show all ({n})', sep: ', ',
    label: {
      record_schema: 'Invalid descriptions', period_order: 'Period ends before it starts', batch_ref: 'Missing batch', group_ref: 'Missing photo group',
      tag_exists: 'Missing tags', tag_path_unique: 'Repeated tags', link_ends_exist: 'Links to missing records', link_not_self: 'Records linked to themselves',
      link_unique: 'Repeated links', batch_number_unique: 'Repeated batch numbers', ref_code_unique: 'Repeated ref. codes', photo_no_unique: 'Repeated photo numbers',
      ref_no_derived: 'See-also codes out of date',
    },
    how: {
      batch_ref: 'These records will no longer name the missing batch.', group_ref: 'These photos will leave the missing photo group.',
      tag_exists: 'Tags that no longer exist will be removed from the records.', link_ends_exist: 'Links to missing records will be deleted.',
      link_not_self: 'Links from a record to itself will be deleted.', link_unique: 'Of repeated links, only the oldest is kept.',
      photo_no_unique: 'The earliest photo keeps its number; the others get new numbers from the archive sequence.',
      ref_no_derived: 'The see-also codes will be derived again from the links of the photos to filed reports.',
    },
  },
  opening: {
    phase: { lock: 'Locking the archive…', archive: 'Reading the archive…', journal: 'Replaying the journal…', search: 'Loading the search index…', ready: 'Almost ready…' },
    elapsed: '{s} s elapsed',
  },
  startup: { title: 'Cannot open the archive', unauthorized: 'The access token is missing or wrong. Open the full address printed at start-up again.', failed: 'Opening the archive failed: {msg}' },
  lang: { 'zh-CN': '简体中文', en: 'English' },
  intake,
  relations,
  export: exportMessages,
  exchange,
  forms,
  keywords,
}
export default en
