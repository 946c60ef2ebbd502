import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listDictionary } from '@/api/system/dictionary'
import type { Dictionary, DictionaryItem } from '@/api/types'
import { cachedFetch } from '@/offline/cache'

// The enumerations (户属性, 致贫原因, ...) for the selects, loaded once per sign-in.
export const useDictionaryStore = defineStore('dictionary', () => {
  const dictionaries = ref<Record<string, Dictionary>>({})
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    if (!loading) {
      // Remembered, so a cadre's forms have their choices without a connection.
      loading = cachedFetch('all', 'dictionaries', listDictionary)
        .then(({ value: answer }) => {
          const byName: Record<string, Dictionary> = {}
          for (const dictionary of answer.items) byName[dictionary.name] = dictionary
          dictionaries.value = byName
        })
        .catch((error: unknown) => {
          loading = null // try again next time
          throw error
        })
    }
    return loading
  }

  function options(name: string): DictionaryItem[] {
    return dictionaries.value[name]?.items ?? []
  }

  function label(name: string, code: string | null | undefined): string {
    if (!code) return ''
    return options(name).find((item) => item.code === code)?.label ?? code
  }

  function reset(): void {
    dictionaries.value = {}
    loading = null
  }

  return { dictionaries, load, options, label, reset }
})
