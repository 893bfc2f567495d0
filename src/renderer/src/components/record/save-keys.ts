// Ctrl+S / ⌘S and Ctrl+Enter / ⌘Enter save the form on screen, from any field (a
// textarea included). Ctrl+S is always taken from the browser, whose own "save page"
// dialog is never what anyone wants here.
import { onBeforeUnmount, onMounted } from 'vue'

export type SaveKey = 'save' | 'submit' | null

/** Which save shortcut a key press is, if any (never while an input method composes). */
export function saveKeyOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing'>): SaveKey {
  if (e.isComposing || e.altKey || e.shiftKey || !(e.ctrlKey || e.metaKey)) return null
  if (e.key === 'Enter') return 'submit'
  // The code too: with another keyboard layout the key may not read "s".
  if (e.key.toLowerCase() === 's' || e.code === 'KeyS') return 'save'
  return null
}

/** Inside a dialog, popover or dropdown: its own form, not the page's. */
function inOverlay(target: EventTarget | null): boolean {
  return target instanceof Element && !!target.closest('.el-overlay, .el-popper, [role="dialog"]')
}

/** Calls `save` on the save shortcuts while the calling component is mounted. */
export function useSaveKeys(save: () => void): void {
  const onKey = (e: KeyboardEvent) => {
    const key = saveKeyOf(e)
    if (!key) return
    if (key === 'save') e.preventDefault()
    if (inOverlay(e.target) || e.repeat) return
    e.preventDefault()
    save()
  }
  // Capture: before a field (a select, a textarea) acts on the key itself.
  onMounted(() => window.addEventListener('keydown', onKey, true))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey, true))
}
