// The names the archive's records already hold in one field (records.names), most used
// first, for the people, organisation and 责任者 pickers. Asked once when the picker mounts,
// not per keystroke: the list is small and the core caches it until the archive changes.
import { onMounted, ref, type Ref } from 'vue'
import type { NameField } from '@shared/contract/records'
import { call } from '@renderer/api'

export function useArchiveNames(field: NameField | null): Ref<string[]> {
  const names = ref<string[]>([])
  onMounted(async () => {
    if (!field) return
    try {
      names.value = (await call('records.names', { field })).names.map((n) => n.name)
    } catch {
      // Without offers the picker still takes typed names: nothing to tell the user.
    }
  })
  return names
}
