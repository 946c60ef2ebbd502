import { request } from '../request'
import type { User } from '../types'

export interface SessionAnswer {
  user: User
  csrf_token: string
}

export function login(username: string, password: string): Promise<SessionAnswer> {
  return request<SessionAnswer>('/auth/login', {
    method: 'POST',
    body: { username, password },
    skipAuthRedirect: true,
  })
}

export function logout(): Promise<void> {
  return request<void>('/auth/logout', { method: 'POST', skipAuthRedirect: true })
}

/** Who is signed in; 401 when nobody (no redirect: the router decides). */
export function getMe(): Promise<SessionAnswer> {
  return request<SessionAnswer>('/me', { skipAuthRedirect: true })
}

export function updateMyPassword(old_password: string, new_password: string): Promise<void> {
  return request<void>('/me/password', { method: 'POST', body: { old_password, new_password } })
}
