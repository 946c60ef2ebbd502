import { reactive, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'

export interface Paging {
  page: number
  size: number
}

export interface RouteListOptions<Filters extends object, Row> {
  /** The list's route: another route's query changes are not this list's. */
  routeName: string
  /** The search read from the URL. */
  filtersOf: (query: LocationQuery) => Filters
  /** The search written into the URL (only what is set). */
  queryOf: (filters: Filters & Paging) => Record<string, string>
  fetch: (query: Filters & Paging) => Promise<{ items: Row[]; total: number }>
  /** Runs after the filters were taken from the URL, before the list loads. */
  routeChanged?: (filters: Filters & Paging) => void
}

/**
 * A list page whose search and page live in the URL (?q=…&page=2&size=50): the list loads
 * whenever the URL changes; searching or paging pushes a new URL.
 */
export function useRouteList<Filters extends object, Row>(options: RouteListOptions<Filters, Row>) {
  const route = useRoute()
  const router = useRouter()

  function queryFromRoute(): Filters & Paging {
    return {
      ...options.filtersOf(route.query),
      page: Math.max(1, Number(route.query.page) || 1),
      size: Math.min(200, Math.max(1, Number(route.query.size) || 20)),
    }
  }
  const filters = reactive(queryFromRoute()) as Filters & Paging
  const rows = ref([]) as Ref<Row[]>
  const total = ref(0)
  const loading = ref(false)
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const answer = await options.fetch(queryFromRoute())
      rows.value = answer.items
      total.value = answer.total
    } catch (caught) {
      error.value = caught
    } finally {
      loading.value = false
    }
  }

  watch(
    () => route.query,
    () => {
      if (route.name !== options.routeName) return
      Object.assign(filters, queryFromRoute())
      options.routeChanged?.(filters)
      void load()
    },
    { immediate: true },
  )

  function push(): void {
    const query = options.queryOf(filters)
    if (filters.page > 1) query.page = String(filters.page)
    if (filters.size !== 20) query.size = String(filters.size)
    void router.push({ query })
  }

  function search(): void {
    filters.page = 1
    push()
  }

  function goToPage(page: number): void {
    filters.page = page
    push()
  }

  function resize(size: number): void {
    filters.size = size
    filters.page = 1
    push()
  }

  return { filters, rows, total, loading, error, load, push, search, goToPage, resize }
}
