// The service worker of the installable app (written by hand, filled in by vite.config.ts at
// build time): it keeps the app shell (index.html, every script, style and icon of the build)
// so the cadre's screens open without a connection. API answers are not cached here: the app
// keeps its own data (the outbox in IndexedDB, the last answers in localStorage).
const VERSION = '__VERSION__'
const PRECACHE = __PRECACHE__
const CACHE = `shuanglian-shell-${VERSION}`
// On a weak village signal a page request may hang: after this long the cached shell answers.
const NAVIGATION_TIMEOUT_MS = 4000

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('shuanglian-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  )
})

function shell() {
  return caches.open(CACHE).then((cache) => cache.match('/index.html'))
}

function navigation(request) {
  return new Promise((resolve) => {
    let settled = false
    const fallback = () => {
      if (settled) return
      settled = true
      shell().then((cached) => resolve(cached || Response.error()))
    }
    const timer = setTimeout(fallback, NAVIGATION_TIMEOUT_MS)
    fetch(request)
      .then((response) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(response)
      })
      .catch(() => {
        clearTimeout(timer)
        fallback()
      })
  })
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/healthz') return
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request))
    return
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            // Hashed assets never change: a file missed at install is kept once fetched.
            if (response.ok && url.pathname.startsWith('/assets/')) cache.put(request, response.clone())
            return response
          }),
      ),
    ),
  )
})
