import { request, requestFile, type DownloadedFile } from '../request'
import type { Household, HouseholdInput, HouseholdSummary, Items, Page, Person } from '../types'

export interface HouseholdQuery {
  region?: string
  category?: string
  cause?: string
  exit_status?: string
  q?: string
  page?: number
  size?: number
  /** household_no, head_name, member_count, per_capita_income; a leading '-' sorts descending. */
  sort?: string
}

export function listHousehold(query: HouseholdQuery): Promise<Page<HouseholdSummary>> {
  return request<Page<HouseholdSummary>>('/households', { query: { ...query } })
}

export function getHousehold(householdNo: string): Promise<Household> {
  return request<Household>(`/households/${encodeURIComponent(householdNo)}`)
}

export function addHousehold(input: HouseholdInput): Promise<Household> {
  return request<Household>('/households', { method: 'POST', body: input })
}

export function updateHousehold(householdNo: string, input: HouseholdInput): Promise<Household> {
  return request<Household>(`/households/${encodeURIComponent(householdNo)}`, { method: 'PUT', body: input })
}

export function delHousehold(householdNo: string): Promise<void> {
  return request<void>(`/households/${encodeURIComponent(householdNo)}`, { method: 'DELETE' })
}

export function listHouseholdMember(householdNo: string): Promise<Items<Person>> {
  return request<Items<Person>>(`/households/${encodeURIComponent(householdNo)}/members`)
}

export function exportHousehold(query: HouseholdQuery, format: 'xlsx' | 'csv' = 'xlsx'): Promise<DownloadedFile> {
  const { page: _page, size: _size, ...filters } = query
  return requestFile('/households/export', { query: { ...filters, format } }, `households.${format}`)
}
