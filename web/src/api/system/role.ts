import { request } from '../request'
import type { Items, Role } from '../types'

export function listRole(): Promise<Items<Role>> {
  return request<Items<Role>>('/roles')
}
