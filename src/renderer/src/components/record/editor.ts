// The edit state of one record: a draft of its editable fields, the patch of what
// changed, and how a fresh copy from the core is merged in (live updates).
import { computed, ref } from 'vue'
import { IMMUTABLE_FIELDS } from '@shared/api'
import type { ArchiveRecord } from '@shared/domain'

/** Fields edited elsewhere (tags panel, 归档, import), never through the form's patch. */
const NOT_IN_FORM = new Set<string>([...IMMUTABLE_FIELDS, 'tags', 'filing', 'attachments', 'file', 'exif', 'groupId'])

export type Draft = Record<string, unknown>

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
// Strings (a report's body can be long) are compared as they are, not serialised.
const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))

export function editable(r: ArchiveRecord): Draft {
  const out: Draft = {}
  for (const [k, v] of Object.entries(r)) if (!NOT_IN_FORM.has(k)) out[k] = clone(v)
  return out
}

export function useRecordEditor() {
  const base = ref<ArchiveRecord | null>(null)
  const draft = ref<Draft>({})
  /** Another window changed fields this form edits while the user had unsaved edits. */
  const stale = ref(false)

  // The saved values, copied once per base (not again on every keystroke).
  const saved = computed<Draft>(() => (base.value ? editable(base.value) : {}))
  const patch = computed<Draft>(() => {
    const b = saved.value
    const p: Draft = {}
    for (const [k, v] of Object.entries(draft.value)) if (!same(v, b[k])) p[k] = v
    return p
  })
  const dirty = computed(() => Object.keys(patch.value).length > 0)

  function reset(r: ArchiveRecord): void {
    base.value = r
    draft.value = editable(r)
    stale.value = false
  }

  /** The patch to send, copied: edits typed while it is on its way must not change it. */
  function outgoing(): Draft {
    return clone(patch.value)
  }

  /**
   * The save of `sent` landed as `r`. Fields typed since it left keep the newer words
   * (still unsaved); the rest take the saved record's values (the core may have tidied them).
   */
  function landed(r: ArchiveRecord, sent: Draft): void {
    const before = saved.value
    const fresh = editable(r)
    const next: Draft = {}
    for (const [k, v] of Object.entries(draft.value)) next[k] = same(v, k in sent ? sent[k] : before[k]) ? fresh[k] : v
    base.value = r
    draft.value = next
    stale.value = false
  }

  /**
   * A fresh copy arrived. If nothing the form edits changed (a tag, a link, 归档 of
   * another field), adopt it silently so saving does not report a false conflict.
   */
  function merge(r: ArchiveRecord): void {
    if (!base.value || !dirty.value) return reset(r)
    if (same(editable(r), saved.value)) base.value = r
    else if (r.updatedAt !== base.value.updatedAt) stale.value = true
  }

  return { base, draft, patch, dirty, stale, reset, merge, outgoing, landed }
}

/** What a kind's form edits: the record without the fields kept out of the form. */
export type FormOf<R> = Omit<R, (typeof IMMUTABLE_FIELDS)[number] | 'tags' | 'filing' | 'attachments' | 'file' | 'exif' | 'groupId'>
export type Errors = Record<string, string | undefined>
