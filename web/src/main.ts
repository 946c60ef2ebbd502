import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { configureRequest } from './api/request'
import { i18n, setLocale, savedLocale } from './i18n'
import { router } from './router'
import { useAuthStore } from './stores/auth'
import { useNetworkStore } from './stores/network'
import './styles/global.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router)

const auth = useAuthStore()
const network = useNetworkStore()
network.listen()

configureRequest({
  csrfToken: () => auth.csrfToken,
  onReachability: (reachable) => network.setServerReachable(reachable),
  onUnauthorized: () => {
    // The session ended (expired, signed out elsewhere). Drafts stay in sessionStorage,
    // so signing in again brings the user back to a form with what they typed.
    auth.forget()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    }
  },
})

// While the server is unreachable, ask every few seconds so the banner goes as soon as
// the connection is back (a request that answers marks the server reachable again).
setInterval(() => {
  if (!network.serverReachable && network.browserOnline) {
    fetch('/api/v1/me', { credentials: 'same-origin' })
      .then((response) => network.setServerReachable(response.status < 502 || response.status > 504))
      .catch(() => network.setServerReachable(false))
  }
}, 5000)

setLocale(savedLocale())
app.mount('#app')

// The installable app: the service worker keeps the app shell for use without a connection
// (built only: the dev server's modules change on every edit).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined)
  })
}
