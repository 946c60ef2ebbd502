import { request } from '../request'
import type { ProblemRecord } from '../types'

export interface ProblemMove {
  to: string
  /** Required for 已解决. */
  result?: string
  note?: string
  /** The version the user saw; 409 version_conflict when the problem moved on meanwhile. */
  version?: number
}

/** One step of the workflow (登记 → 办理中 → 已解决, or 上报领导小组 → 领导小组办理 → 已解决). */
export function transitionProblem(uuid: string, move: ProblemMove): Promise<ProblemRecord> {
  return request<ProblemRecord>(`/problems/${encodeURIComponent(uuid)}/transition`, { method: 'POST', body: move })
}

/** The household's satisfaction at the return visit (a solved problem only). */
export function rateProblem(uuid: string, satisfaction: string): Promise<ProblemRecord> {
  return request<ProblemRecord>(`/problems/${encodeURIComponent(uuid)}/rating`, { method: 'POST', body: { satisfaction } })
}
