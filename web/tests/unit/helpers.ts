import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { vi } from 'vitest'
import type { User } from '@/api/types'
import { i18n, setLocale, type Locale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'

/** A fresh store set and the given language for one test. */
export function freshApp(locale: Locale = 'zh-CN'): { pinia: Pinia; plugins: [Pinia, typeof i18n] } {
  const pinia = createPinia()
  setActivePinia(pinia)
  setLocale(locale)
  sessionStorage.clear()
  localStorage.clear()
  return { pinia, plugins: [pinia, i18n] }
}

/** A JSON Response as the server sends it. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

/** Replaces fetch by a list of answers, one per call; returns the mock to inspect calls. */
export function stubFetch(...answers: (Response | Error)[]) {
  const mock = vi.fn(async () => {
    const next = answers.shift()
    if (!next) throw new Error('unexpected fetch')
    if (next instanceof Error) throw next
    return next
  })
  vi.stubGlobal('fetch', mock)
  return mock
}

export function validationError(details: { field: string; column: string; code: string; message: string }[]) {
  return jsonResponse(400, {
    error: { code: 'validation_failed', message: '填写的内容有误', details },
  })
}

/** Signs a user of this role in (the auth store as GET /auth/me fills it); 泉湖镇 unless `extra` says. */
export function signInAs(role: string, permissions: string[], extra: Partial<User> = {}): void {
  const auth = useAuthStore()
  auth.user = {
    id: 1,
    username: role,
    display_name: role,
    role,
    role_label: role,
    region: { code: '620902108', name: '泉湖镇' },
    unit_id: null,
    permissions,
    sees_personal_data: true,
    read_only: false,
    disabled: false,
    ...extra,
  }
  auth.checked = true
}
