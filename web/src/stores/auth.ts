import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getMe, login as loginRequest, logout as logoutRequest, type SessionAnswer } from '@/api/auth/session'
import { ApiError } from '@/api/request'
import type { User } from '@/api/types'
import { anyPermissionMatches } from '@/utils/permission'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref<string | null>(null)
  /** /me has been asked once: the router waits for it before deciding. */
  const checked = ref(false)

  const signedIn = computed(() => user.value !== null)

  function accept(answer: SessionAnswer): void {
    user.value = answer.user
    csrfToken.value = answer.csrf_token
    checked.value = true
  }

  function forget(): void {
    user.value = null
    csrfToken.value = null
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
    }
  }

  function hasPermission(permission: string): boolean {
    return user.value !== null && anyPermissionMatches(user.value.permissions, permission)
  }

  return { user, csrfToken, checked, signedIn, restore, login, logout, forget, hasPermission }
})
