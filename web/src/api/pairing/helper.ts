import { request } from '../request'
import type { Helper, HelperDetail, HelperInput, Page } from '../types'

export interface HelperQuery {
  q?: string
  unit_id?: number | null
  /** helper_kind code: cadre, leader, wealthy. */
  kind?: string
  page?: number
  size?: number
}

export function listHelper(query: HelperQuery): Promise<Page<Helper>> {
  return request<Page<Helper>>('/helpers', { query: { ...query } })
}

/** The helper with every pairing they hold or held (the history). */
export function getHelper(id: number): Promise<HelperDetail> {
  return request<HelperDetail>(`/helpers/${id}`)
}

export function addHelper(input: HelperInput): Promise<Helper> {
  return request<Helper>('/helpers', { method: 'POST', body: input })
}

export function updateHelper(id: number, input: HelperInput): Promise<Helper> {
  return request<Helper>(`/helpers/${id}`, { method: 'PUT', body: input })
}
