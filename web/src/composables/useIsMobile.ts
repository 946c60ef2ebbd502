import { onBeforeUnmount, ref } from 'vue'

// Below 768 px (a cadre's phone) lists become cards and forms one column.
export const MOBILE_QUERY = '(max-width: 767px)'

export function useIsMobile() {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null
  const isMobile = ref(media?.matches ?? false)
  const update = (event: MediaQueryListEvent) => {
    isMobile.value = event.matches
  }
  media?.addEventListener('change', update)
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return isMobile
}
