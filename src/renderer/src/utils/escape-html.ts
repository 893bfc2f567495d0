// Text made safe to place in HTML, for the few places that hand a string to something that
// parses it as markup (an ECharts tooltip formatter's return value is set as innerHTML).
// Vue's {{ }} and attribute bindings escape on their own and need none of this.

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes the five characters that can open a tag, an entity or end an attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c]!)
}
