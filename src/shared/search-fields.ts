// The names the search engine gives the fields it matched (SearchHit.highlights[].field).
// The engine (main/search/doc.ts) may name only these; the search view labels each in the
// user's words (renderer components/search/snippet-label.ts), tested for every name.
export const SEARCH_FIELDS = [
  'title', 'tags', 'counterpart', 'leader', 'places', 'people', 'docNumber', 'responsible', 'keywords', 'source',
  'remarks', 'body', 'organisations', 'metrics', 'summary', 'caption.place', 'caption.people', 'caption.event',
  'caption.time', 'caption.background', 'caption.photographer', 'description', 'photoNo', 'refNo', 'notes',
] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]
