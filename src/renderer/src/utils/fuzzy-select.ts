// The options an el-select shows, filtered by the pickers' matching (fuzzy.ts) through its
// filter-method. With a filter-method Element Plus shows what is rendered: the component
// renders `shown`, which keeps the match order.
import { computed, reactive, ref } from 'vue'
import { fuzzyIndex, isLatinQuery, type FuzzyOption } from './fuzzy'

export interface FuzzySelect<T> {
  /** The options to render: all of them for an empty query, else the matches best first. */
  readonly shown: T[]
  /** Whether typed text may become a new value (allow-create). Off while typed Latin finds
   *  something: Enter on `mhg` then picks 煤化工 instead of creating a tag named mhg. */
  readonly creates: boolean
  /** For `:filter-method`. */
  filter(query: string): void
  /** For `@visible-change`: a closed select renders every option again, so a value set
   *  from outside (the route, a reload) still finds its label. */
  visible(open: boolean): void
}

export function useFuzzySelect<T>(items: () => readonly T[], toOption: (item: T) => FuzzyOption): FuzzySelect<T> {
  const query = ref('')
  const index = computed(() => {
    const all = items()
    const byValue = new Map(all.map((item) => [toOption(item).value, item]))
    return { all, byValue, fuzzy: fuzzyIndex(all.map(toOption)) }
  })
  const shown = computed<T[]>(() => {
    const { all, byValue, fuzzy } = index.value
    if (!query.value.trim()) return [...all]
    return fuzzy.filter(query.value).map((v) => byValue.get(v)!)
  })
  const creates = computed(() => !isLatinQuery(query.value) || !shown.value.length)
  return reactive({
    shown,
    creates,
    filter: (q: string) => void (query.value = q),
    visible: (open: boolean) => void (open || (query.value = '')),
  }) as FuzzySelect<T>
}
