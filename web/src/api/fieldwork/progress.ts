import { request } from '../request'
import type { IntegrityReport, MyProgress, ProgressReport } from '../types'

/** The signed-in cadre's 五个百 for a year (default this year). */
export function getMyProgress(year?: number): Promise<MyProgress> {
  return request<MyProgress>('/progress/me', { query: { year } })
}

export interface ProgressQuery {
  region: string
  year?: number
  /** Only the cadres behind pace. */
  behind?: boolean
  page?: number
  size?: number
}

/** The 五个百 of a region: totals, by unit, by village, and the cadres (paged). */
export function getProgress(query: ProgressQuery): Promise<ProgressReport> {
  const { behind, ...rest } = query
  return request<ProgressReport>('/progress', { query: { ...rest, behind: behind ? 1 : undefined } })
}

/** The checks against formalism (不走过场): a report, never blocking. */
export function getIntegrity(region: string, year?: number): Promise<IntegrityReport> {
  return request<IntegrityReport>('/integrity', { query: { region, year }, timeoutMs: 120_000 })
}
