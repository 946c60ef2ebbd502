import { ApiError } from '@/api/request'

// The last answers the cadre's screens got (my households, my progress, the dictionaries),
// kept in localStorage so the screens still open without a connection, saying how old
// what they show is. Keyed by user, cleared on sign-out.
const PREFIX = 'shuanglian.cache.'

export interface Cached<T> {
  value: T
  /** When it was fetched (ISO). */
  at: string
  /** From the server just now, not from the cache. */
  fresh: boolean
}

function key(scope: string, name: string): string {
  return `${PREFIX}${scope}.${name}`
}

export function remember<T>(scope: string, name: string, value: T, at = new Date()): void {
  try {
    localStorage.setItem(key(scope, name), JSON.stringify({ value, at: at.toISOString() }))
  } catch {
    // Storage full or refused: the screen works online all the same.
  }
}

export function recall<T>(scope: string, name: string): Cached<T> | null {
  try {
    const text = localStorage.getItem(key(scope, name))
    if (!text) return null
    const parsed = JSON.parse(text) as { value: T; at: string }
    return { value: parsed.value, at: parsed.at, fresh: false }
  } catch {
    return null
  }
}

export function forgetAll(): void {
  for (const name of Object.keys(localStorage)) {
    if (name.startsWith(PREFIX)) localStorage.removeItem(name)
  }
}

/** The server's answer (remembered), or without a connection the last one remembered. */
export async function cachedFetch<T>(scope: string, name: string, fetcher: () => Promise<T>): Promise<Cached<T>> {
  try {
    const value = await fetcher()
    remember(scope, name, value)
    return { value, at: new Date().toISOString(), fresh: true }
  } catch (error) {
    const offline = error instanceof ApiError && (error.status === 0 || (error.status >= 502 && error.status <= 504))
    const cached = offline ? recall<T>(scope, name) : null
    if (cached) return cached
    throw error
  }
}
