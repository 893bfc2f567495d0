// English words of the record forms, their keys and the first-run step (namespace "forms").
export default {
  back: 'Back to the previous page',
  saveKeys: 'Save (Ctrl+S or Ctrl+Enter)',
  saveAndNew: 'Save and new',
  saveAndNewKeys: 'Save, then stay here to enter the next one',
  savedNext: 'Saved “{title}”; enter the next one',
  written: 'Reads: {text}',
  terms: {
    places: 'Index places', people: 'Index people',
    placesHint: 'Above: the place as the caption gives it. Below: place names for search and filters, one or more.',
    peopleHint: 'Above: the people and their roles as the caption gives them. Below: names for search, one or more.',
  },
  fonds: {
    title: 'Your fonds',
    lead: 'The fonds code and the name of the creating unit go into every document’s reference code and the filing catalogue. Use the fonds code the archives gave you; you can change both later in Settings.',
    code: 'Fonds code',
    codeHint: '4 letters or digits, as the archives assigned',
    name: 'Name of the creating unit',
    nameHint: 'The full name of the unit that created these records',
    nameRequired: 'Enter the name of the creating unit.',
    suggest: 'Use the suggestion: {code} {name}',
    example: 'Reference code example: {code}',
    back: 'Back',
    start: 'Start',
    saved: 'Fonds saved',
  },
}
