import { request } from '../request'
import type { Page, Pairing, PairingBoard, PairingInput } from '../types'

export interface PairingQuery {
  region?: string
  helper_id?: number
  unit_id?: number
  household?: string
  kind?: string
  /** Ended pairings too. */
  history?: boolean
  page?: number
  size?: number
}

export function listPairing(query: PairingQuery): Promise<Page<Pairing>> {
  const { history, ...rest } = query
  return request<Page<Pairing>>('/pairings', { query: { ...rest, history: history ? 1 : undefined } })
}

/** Opens a pairing; one replacing a household's or a group's helper ends the old one. */
export function addPairing(input: PairingInput): Promise<Pairing> {
  return request<Pairing>('/pairings', { method: 'POST', body: input })
}

/** Ends a pairing (today unless `endDate`); 409 with the rule's name when a rule forbids it. */
export function endPairing(id: number, endDate?: string): Promise<Pairing> {
  return request<Pairing>(`/pairings/${id}/end`, { method: 'POST', body: endDate ? { end_date: endDate } : {} })
}

/** A village's leaders and units, each group with its cadre, each household with its helpers. */
export function getPairingBoard(village: string): Promise<PairingBoard> {
  return request<PairingBoard>('/pairing-board', { query: { village } })
}
