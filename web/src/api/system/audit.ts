import { request } from '../request'
import type { AuditEntry, Page } from '../types'

export interface AuditQuery {
  username?: string
  action?: string
  entity?: string
  entity_key?: string
  from?: string
  to?: string
  page?: number
  size?: number
}

export function listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
  return request<Page<AuditEntry>>('/audit', { query: { ...query } })
}
