import { request } from '../request'
import type { HelpUnit, HelpUnitInput, Page } from '../types'

export interface UnitQuery {
  /** Part of the name. */
  q?: string
  page?: number
  size?: number
}

export function listUnit(query: UnitQuery): Promise<Page<HelpUnit>> {
  return request<Page<HelpUnit>>('/units', { query: { ...query } })
}

export function getUnit(id: number): Promise<HelpUnit> {
  return request<HelpUnit>(`/units/${id}`)
}

export function addUnit(input: HelpUnitInput): Promise<HelpUnit> {
  return request<HelpUnit>('/units', { method: 'POST', body: input })
}

export function updateUnit(id: number, input: HelpUnitInput): Promise<HelpUnit> {
  return request<HelpUnit>(`/units/${id}`, { method: 'PUT', body: input })
}
