// Multi-selection over a paged list: click selects one, Ctrl/⌘-click toggles,
// Shift-click selects the range from the anchor (loading the pages in between).
import { ref } from 'vue'
import type { RecordSummary } from '@shared/api'

export function useSelection(idsBetween: (a: number, b: number) => Promise<string[]>) {
  const selected = ref(new Set<string>())
  const anchor = ref<number | null>(null)
  const focus = ref(-1)

  async function click(i: number, row: RecordSummary, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): Promise<void> {
    const toggle = e.ctrlKey || e.metaKey
    focus.value = i
    if (e.shiftKey && anchor.value !== null) {
      const ids = await idsBetween(anchor.value, i)
      const next = toggle ? new Set(selected.value) : new Set<string>()
      for (const id of ids) next.add(id)
      selected.value = next
      return
    }
    if (toggle) {
      const next = new Set(selected.value)
      if (next.has(row.id)) next.delete(row.id)
      else next.add(row.id)
      selected.value = next
    } else selected.value = new Set([row.id])
    anchor.value = i
  }

  function clear(): void {
    selected.value = new Set()
    anchor.value = null
  }

  return { selected, anchor, focus, click, clear }
}
