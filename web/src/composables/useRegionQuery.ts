import { ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { Region } from '@/api/types'

/**
 * The region of a region-scoped page, kept in the URL (?region=620902108) so a view can be
 * bookmarked or shared: the picker's first root when none is given, its load errors apart.
 */
export function useRegionQuery(routeName: string) {
  const route = useRoute()
  const router = useRouter()

  const region = ref(typeof route.query.region === 'string' ? route.query.region : '')
  const pickerError = ref<unknown>(null)

  function onRoots(roots: Region[]): void {
    if (!region.value && roots.length) region.value = roots[0].code
  }

  /**
   * Calls `changed` now and on every region chosen, writing it into the URL; a link to
   * another region while the page is open (the same component is reused) chooses it.
   */
  function follow(changed: (code: string) => void): void {
    watch(
      region,
      (code) => {
        if (code && route.name === routeName && route.query.region !== code) {
          void router.replace({ query: { ...route.query, region: code } })
        }
        changed(code)
      },
      { immediate: true },
    )
    watch(
      () => route.query.region,
      (code) => {
        if (typeof code === 'string' && code && code !== region.value) region.value = code
      },
    )
  }

  return { region, pickerError, onRoots, follow }
}
