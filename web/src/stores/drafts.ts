import { defineStore } from 'pinia'
import { ref } from 'vue'

// Unsaved form contents, mirrored to sessionStorage: a failed save, a lost connection or
// a reload of the tab loses nothing typed. Cleared when the server has saved the form.
const PREFIX = 'shuanglian.draft.'

function readStorage(key: string): unknown {
  try {
    const text = sessionStorage.getItem(PREFIX + key)
    return text === null ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

export const useDraftStore = defineStore('drafts', () => {
  const drafts = ref<Record<string, unknown>>({})

  function get<T>(key: string): T | undefined {
    if (!(key in drafts.value)) {
      const stored = readStorage(key)
      if (stored === undefined) return undefined
      drafts.value[key] = stored
    }
    return drafts.value[key] as T
  }

  function put(key: string, value: unknown): void {
    const copy = JSON.parse(JSON.stringify(value)) as unknown
    drafts.value[key] = copy
    try {
      sessionStorage.setItem(PREFIX + key, JSON.stringify(copy))
    } catch {
      // Storage full or blocked: the draft still lives in this page's memory.
    }
  }

  function remove(key: string): void {
    delete drafts.value[key]
    try {
      sessionStorage.removeItem(PREFIX + key)
    } catch {
      // Nothing stored then.
    }
  }

  function has(key: string): boolean {
    return get(key) !== undefined
  }

  return { drafts, get, put, remove, has }
})
