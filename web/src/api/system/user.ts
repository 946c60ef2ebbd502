import { request } from '../request'
import type { Items, User, UserInput } from '../types'

export interface CreatedUser {
  user: User
  /** Shown once; the server keeps only its hash. */
  password: string
}

export function listUser(): Promise<Items<User>> {
  return request<Items<User>>('/users')
}

export function addUser(input: UserInput): Promise<CreatedUser> {
  return request<CreatedUser>('/users', { method: 'POST', body: input })
}

export function updateUser(id: number, input: UserInput): Promise<User> {
  return request<User>(`/users/${id}`, { method: 'PUT', body: input })
}

export function resetUserPassword(id: number): Promise<{ password: string }> {
  return request<{ password: string }>(`/users/${id}/password`, { method: 'POST' })
}
