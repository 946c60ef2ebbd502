import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getMe, login as loginRequest, logout as logoutRequest, type SessionAnswer } from '@/api/auth/session'
import { ApiError } from '@/api/request'
import type { User } from '@/api/types'
import { forgetAll } from '@/offline/cache'
import { anyPermissionMatches } from '@/utils/permission'

// The session last confirmed by the server, kept so a cadre's phone opens the app without a
// connection (the cookie is still there; the server checks it again once it is reachable).
const SESSION_KEY = 'shuanglian.session'

function saveSession(answer: SessionAnswer): void {
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify(answer))
  } catch {
    // No storage: the app works online all the same.
  }
}

function savedSession(): SessionAnswer | null {
  try {
    const text = localStorage.getItem(SESSION_KEY)
    return text ? (JSON.parse(text) as SessionAnswer) : null
  } catch {
    return null
  }
}

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref<string | null>(null)
  /** /me has been asked once: the router waits for it before deciding. */
  const checked = ref(false)
  /** Signed in from the saved session, without the server: confirm it when it is back. */
  const unconfirmed = ref(false)

  const signedIn = computed(() => user.value !== null)

  function accept(answer: SessionAnswer): void {
    user.value = answer.user
    csrfToken.value = answer.csrf_token
    checked.value = true
    unconfirmed.value = false
    saveSession(answer)
  }

  function forget(): void {
    user.value = null
    csrfToken.value = null
    unconfirmed.value = false
    try {
      localStorage.removeItem(SESSION_KEY)
    } catch {
      // nothing saved
    }
  }

  /** Picks up a session the cookie still holds; false when nobody is signed in. */
  async function restore(): Promise<boolean> {
    try {
      accept(await getMe())
      return true
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forget()
        checked.value = true
        return false
      }
      // No connection: the session saved when the server last confirmed it.
      const saved = error instanceof ApiError && error.status === 0 ? savedSession() : null
      if (saved) {
        user.value = saved.user
        csrfToken.value = saved.csrf_token
        checked.value = true
        unconfirmed.value = true
        return true
      }
      throw error
    }
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await loginRequest(username, password))
  }

  async function logout(): Promise<void> {
    try {
      await logoutRequest()
    } finally {
      // Signed out here even if the server could not be told: the cookie ends with the session.
      forget()
      forgetAll()
    }
  }

  function hasPermission(permission: string): boolean {
    return user.value !== null && anyPermissionMatches(user.value.permissions, permission)
  }

  /** A cadre's account (it stands for a helper): the field screens are theirs. */
  const isHelper = computed(() => typeof user.value?.helper_id === 'number')

  return { user, csrfToken, checked, unconfirmed, signedIn, isHelper, restore, login, logout, forget, hasPermission }
})
