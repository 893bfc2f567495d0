// English words of how a search was read (search.understood) and of the office's thesaurus
// in Settings (settings.thesaurus); same keys as understood.zh-CN.ts.
export const understood = {
  chip: {
    batch: 'Batch: {n}', batchRange: 'Batches: {lo}–{hi}', year: 'Year: {n}', yearRange: 'Years: {lo}–{hi}',
    kind: 'Type: {kind}', other: 'Filter: {text}',
  },
  chipClose: 'Do not filter: search for the text “{text}”',
  noBatch: 'The archive has no batch {n}: searched for the words instead', noBatchRange: 'The archive has no batches {lo}–{hi}: searched for the words instead',
  noYear: 'The archive has nothing from {n}: searched for the words instead', noYearRange: 'The archive has nothing from {lo}–{hi}: searched for the words instead',
  noMatch: 'Nothing in the archive matches “{text}”: searched for the words instead',
  how: {
    synonym: 'Also searched for {used}, synonyms of {word}', abbreviation: 'Read {word} as short for {used}',
    number: 'Read the number {word} as {used} too', sound: 'Read {word} by its sound as {used}',
  },
  ignored: 'Ignored: {words}',
  quoted: '“{w}”', sep: ', ', join: '. ',
  partialDivider: 'The results below contain only some of the words',
  onlyPartial: 'No record contains all the words; below, records by how many of them they contain',
  onlyPartialMissing: 'No record contains all the words; below, records by how many of them they contain. Not found: {words}',
  noneHas: 'No record contains: {words}',
  hitMissing: 'Lacks: {words}',
}

export const thesaurus = {
  title: 'Search thesaurus',
  hint: 'The office’s own synonyms and short forms. Searching for a word of a line also finds the other words of that line; a short form only finds its full forms, e.g. “晋 山西”: 晋 also finds 山西, 山西 does not find 晋.',
  own: 'Added by the office', ownEmpty: 'No lines added yet.', words: 'Words', wordsHint: 'Separated by spaces, 、 or commas, e.g. 焦炭 干熄焦',
  oneWay: 'Short form (one way)', oneWayHint: 'The first word is a short form: only it finds the others',
  add: 'Add line', edit: 'Edit', save: 'Save', cancel: 'Cancel', remove: 'Delete', removeConfirm: 'Delete the line “{line}”?',
  added: 'Line added', saved: 'Line saved', removed: 'Line deleted',
  tooFew: 'Enter at least two different words', tooLong: 'At most 40 characters a word', tooMany: 'At most 20 words a line', duplicate: 'The thesaurus already has this line',
  synonym: 'Synonyms', abbreviation: 'Short form',
  shipped: 'Thesaurus shipped with the app ({n} lines; switch off the ones you do not want)', use: 'Use', useLine: 'Use this line: {line}',
  enabled: 'Line in use again', disabled: 'Line switched off', filter: 'Filter words', noneMatch: 'No line contains “{q}”', loadFailed: 'Could not read the shipped thesaurus: {msg}',
}
