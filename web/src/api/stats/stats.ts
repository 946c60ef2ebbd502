import { request } from '../request'
import type { ChildStats, Items, Stats } from '../types'

/** Exactly `shuanglian stats --region CODE --json`. */
export function getStats(region: string): Promise<Stats> {
  return request<Stats>('/stats', { query: { region } })
}

export function listStatsChildren(region: string): Promise<Items<ChildStats>> {
  return request<Items<ChildStats>>('/stats/children', { query: { region } })
}
