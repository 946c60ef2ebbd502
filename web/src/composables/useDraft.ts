import { watch, type Ref } from 'vue'
import { useDraftStore } from '@/stores/drafts'

/**
 * Keeps a form's unsaved contents in the draft store while it differs from what the
 * server has (`baseline`). restore() applies a kept draft over freshly loaded values.
 */
export function useDraft<T extends object>(key: Ref<string> | (() => string), form: Ref<T>, baseline: Ref<T | null>) {
  const store = useDraftStore()
  const keyOf = () => (typeof key === 'function' ? key() : key.value)

  watch(
    form,
    (value) => {
      if (baseline.value === null) return
      if (JSON.stringify(value) === JSON.stringify(baseline.value)) {
        store.remove(keyOf())
      } else {
        store.put(keyOf(), value)
      }
    },
    { deep: true },
  )

  /** True when a draft was there and has been put into the form. */
  function restore(): boolean {
    const draft = store.get<T>(keyOf())
    if (draft === undefined) return false
    form.value = { ...form.value, ...draft }
    return true
  }

  function clear(): void {
    store.remove(keyOf())
  }

  return { restore, clear }
}
