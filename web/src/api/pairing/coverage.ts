import { buildUrl, request } from '../request'
import type { AssignmentPlan, Coverage, CoverageRule, CoverageRuleInput } from '../types'

/** Exactly `shuanglian check coverage --region CODE --json`. */
export function getCoverage(region: string): Promise<Coverage> {
  return request<Coverage>('/coverage', { query: { region } })
}

/** The rules in force for a region: its own, the nearest ancestor's (set_at), or the defaults. */
export function getRule(region: string): Promise<CoverageRule> {
  return request<CoverageRule>('/rules', { query: { region } })
}

/** Sets the rules of a region itself; what is left out stays as in force now. */
export function updateRule(region: string, input: Partial<CoverageRuleInput>): Promise<CoverageRule> {
  return request<CoverageRule>(`/rules/${encodeURIComponent(region)}`, { method: 'PUT', body: input })
}

/** The proposal for the uncovered households of a region (nothing is written). */
export function getAssignment(region: string): Promise<AssignmentPlan> {
  // Solving a whole county can take a while.
  return request<AssignmentPlan>('/assignment', { query: { region }, timeoutMs: 300_000 })
}

/** Applies the reviewed proposal; 409 plan_changed when the data moved since. */
export function applyAssignment(region: string, planId: string): Promise<AssignmentPlan> {
  return request<AssignmentPlan>('/assignment', { method: 'POST', body: { region, plan_id: planId }, timeoutMs: 300_000 })
}

/**
 * The printable contact cards (连心卡) of a region: a plain link, since the browser sends
 * the session cookie itself; `download` makes the server offer it as a file.
 */
export function cardsUrl(region: string, download = false): string {
  return buildUrl('/cards', { region, download: download ? 1 : undefined })
}
