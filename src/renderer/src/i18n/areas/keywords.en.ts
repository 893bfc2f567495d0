// English words of the keyword suggestions (namespace "keywords").
export default {
  suggest: 'Suggest keywords',
  hint: 'Keywords read from the title and the text; click one to add it',
  add: 'Add the keyword “{word}”',
  addAll: 'Add all',
  none: 'No keywords to suggest',
  allAdded: 'All suggested keywords are added',
}
