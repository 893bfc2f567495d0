// The label in front of a search snippet: the engine names the field it matched
// (metrics, summary, caption.event…); the user reads the field's own words
// (指标, 摘要, 说明·事由), the same words the record form uses.

/** A message by key, or '' when the locale has no such message. */
export type Words = (key: string) => string

export function snippetLabel(field: string, words: Words): string {
  const dot = field.indexOf('.')
  if (dot < 0) return words(`search.field.${field}`) || words(`field.${field}`)
  // A part of a group, e.g. caption.event: the group's word, then the part's.
  const head = field.slice(0, dot)
  const group = words(`search.field.${head}`) || words(`field.${head}`)
  const part = words(`field.${field}`)
  return group && part ? `${group}·${part}` : part
}
