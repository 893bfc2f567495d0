// The address bar always shows the query being looked at, so a reload, a bookmark or
// the back button returns to it. Written from one place: the box, the chips, a saved
// search and Esc all call show().
import { useRoute, useRouter } from 'vue-router'
import { useSearch } from '@renderer/stores/search'

export function useSearchUrl() {
  const route = useRoute()
  const router = useRouter()
  const search = useSearch()

  /**
   * On the search page the address is replaced (no history entry per keystroke); from
   * another page a non-empty query opens the search page.
   */
  function show(q: string): void {
    const here = route.name === 'search'
    if (!here && !q) return
    if (here && (typeof route.query.q === 'string' ? route.query.q : '') === q) return
    // Remembered so the view does not take this change, arriving a moment later, for a
    // new query from outside and put an older text back into the box while typing.
    search.shown = q
    const to = { name: 'search', query: q ? { q } : {} }
    void (here ? router.replace(to) : router.push(to))
  }

  return { show }
}
