import { request } from '../request'
import type { Organisation, OrganisationMember } from '../types'

/** The 领导小组 and 双联办 of a township or higher region. */
export function getOrganisation(region: string): Promise<Organisation> {
  return request<Organisation>('/organisation', { query: { region } })
}

/** Replaces the whole list; roles are organisation_role codes (or labels). */
export function updateOrganisation(region: string, members: OrganisationMember[]): Promise<Organisation> {
  const body = { members: members.map(({ role, name, title, phone }) => ({ role, name, title, phone })) }
  return request<Organisation>(`/organisation/${encodeURIComponent(region)}`, { method: 'PUT', body })
}
