import { request } from '../request'
import type { Items, Profile, ProfileInput, Region } from '../types'

export function listRegionRoots(): Promise<Items<Region>> {
  return request<Items<Region>>('/regions/roots')
}

export function listRegionChildren(code: string): Promise<Items<Region>> {
  return request<Items<Region>>(`/regions/${encodeURIComponent(code)}/children`)
}

export function getRegion(code: string): Promise<Region> {
  return request<Region>(`/regions/${encodeURIComponent(code)}`)
}

export function searchRegion(search: string, limit = 20): Promise<Items<Region>> {
  return request<Items<Region>>('/regions', { query: { search, limit } })
}

export function getRegionProfile(code: string): Promise<Profile> {
  return request<Profile>(`/regions/${encodeURIComponent(code)}/profile`)
}

export function updateRegionProfile(code: string, input: ProfileInput): Promise<Profile> {
  return request<Profile>(`/regions/${encodeURIComponent(code)}/profile`, { method: 'PUT', body: input })
}
