import { computed, ref, watch, type Ref } from 'vue'
import { useRoute } from 'vue-router'

/**
 * The record a detail page shows, named by the route's :id: fetched when the page opens and
 * whenever the id changes while it stays open; a failed fetch leaves no record and its error.
 */
export function useRouteRecord<T>(routeName: string, fetch: (id: number) => Promise<T>) {
  const route = useRoute()

  const id = computed(() => Number(route.params.id))
  const record = ref(null) as Ref<T | null>
  const loading = ref(false)
  const loadError = ref<unknown>(null)

  async function load(): Promise<void> {
    if (!Number.isInteger(id.value) || id.value <= 0) return
    loading.value = true
    loadError.value = null
    try {
      record.value = await fetch(id.value)
    } catch (caught) {
      record.value = null
      loadError.value = caught
    } finally {
      loading.value = false
    }
  }

  watch(
    () => route.params.id,
    () => {
      if (route.name === routeName) void load()
    },
    { immediate: true },
  )

  return { id, record, loading, loadError, load }
}
