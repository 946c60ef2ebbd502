import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

// Two ways to lose the connection: the browser knows it is offline, or it thinks it is
// online but the server cannot be reached (the village's mobile signal drops behind a
// proxy). The banner shows for either; a later successful request clears the second.
export const useNetworkStore = defineStore('network', () => {
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const serverReachable = ref(true)

  const online = computed(() => browserOnline.value && serverReachable.value)

  function setBrowserOnline(value: boolean): void {
    browserOnline.value = value
  }

  function setServerReachable(value: boolean): void {
    serverReachable.value = value
  }

  function listen(target: Window = window): () => void {
    const up = () => setBrowserOnline(true)
    const down = () => setBrowserOnline(false)
    target.addEventListener('online', up)
    target.addEventListener('offline', down)
    return () => {
      target.removeEventListener('online', up)
      target.removeEventListener('offline', down)
    }
  }

  return { browserOnline, serverReachable, online, setBrowserOnline, setServerReachable, listen }
})
