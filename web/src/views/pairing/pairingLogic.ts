import { ApiError } from '@/api/request'
import {
  COVERAGE_RULES,
  type BoardHousehold,
  type CoverageRule,
  type CoverageRuleName,
  type Pairing,
  type PairingBoard,
  type PairingInput,
} from '@/api/types'

// The pure parts of the pairing screens, kept out of the views so the unit tests check them.

export type PairingTarget = 'village' | 'group' | 'household'

export interface PairingKindInfo {
  /** Who pairs: a helper (by id) or a unit (by name). */
  subject: 'helper' | 'unit'
  target: PairingTarget
  /** The helper_kind the helper must be, if any. */
  helperKind?: string
  /** Only a unit of type 非公企业. */
  enterprise?: boolean
}

/**
 * The attributes of data/dictionaries/pairing_kind.csv. GET /dictionaries gives only code
 * and label, so the form's knowledge of what each kind joins is kept here, in step with it.
 */
export const PAIRING_KINDS: Record<string, PairingKindInfo> = {
  leader_village: { subject: 'helper', target: 'village', helperKind: 'leader' },
  leader_household: { subject: 'helper', target: 'household', helperKind: 'leader' },
  unit_village: { subject: 'unit', target: 'village' },
  enterprise_village: { subject: 'unit', target: 'village', enterprise: true },
  cadre_group: { subject: 'helper', target: 'group' },
  cadre_household: { subject: 'helper', target: 'household', helperKind: 'cadre' },
  wealthy_household: { subject: 'helper', target: 'household', helperKind: 'wealthy' },
}

/** The kinds that pair with `target`, in dictionary order. */
export function kindsFor(target: PairingTarget): string[] {
  return Object.entries(PAIRING_KINDS)
    .filter(([, info]) => info.target === target)
    .map(([code]) => code)
}

/** The kinds whose active pairing covers a household (core::CoversHousehold). */
export const HOUSEHOLD_KINDS = ['cadre_household', 'leader_household', 'wealthy_household'] as const

export interface PairingDraft {
  kind: string
  helper_id: number | null
  unit: string
  village_code: string
  group_code: string
  household_no: string
  start_date: string
  note: string
}

export function emptyPairingDraft(): PairingDraft {
  return { kind: '', helper_id: null, unit: '', village_code: '', group_code: '', household_no: '', start_date: '', note: '' }
}

/**
 * The body of POST /pairings for a draft: the subject and the target the kind names and
 * nothing else, so a value left in a hidden field never reaches the server.
 */
export function pairingInputOf(draft: PairingDraft): PairingInput {
  const info = PAIRING_KINDS[draft.kind]
  const input: PairingInput = { kind: draft.kind }
  if (!info || info.subject === 'helper') {
    if (draft.helper_id !== null) input.helper_id = draft.helper_id
  } else {
    input.unit = draft.unit.trim()
  }
  const target = info?.target
  if (target === 'village') input.village_code = draft.village_code
  if (target === 'group') input.group_code = draft.group_code
  if (target === 'household') input.household_no = draft.household_no
  if (draft.start_date) input.start_date = draft.start_date
  if (draft.note.trim()) input.note = draft.note.trim()
  return input
}

/** Whether a household on the board has a helper: an active pairing of a household kind. */
export function hasHelper(household: BoardHousehold): boolean {
  return household.pairings.some((pairing) => pairing.active && (HOUSEHOLD_KINDS as readonly string[]).includes(pairing.kind))
}

export function boardHouseholds(board: PairingBoard): BoardHousehold[] {
  return [...board.groups.flatMap((group) => group.households), ...board.households_without_group]
}

export interface BoardSummary {
  households: number
  withHelper: number
  withoutHelper: number
  groups: number
  groupsWithoutCadre: number
  leaders: number
  units: number
}

export function boardSummary(board: PairingBoard): BoardSummary {
  const households = boardHouseholds(board)
  const withHelper = households.filter(hasHelper).length
  const active = (list: Pairing[]) => list.filter((pairing) => pairing.active)
  return {
    households: households.length,
    withHelper,
    withoutHelper: households.length - withHelper,
    groups: board.groups.length,
    groupsWithoutCadre: board.groups.filter((group) => active(group.pairings).length === 0).length,
    leaders: active(board.pairings).filter((pairing) => pairing.kind === 'leader_village').length,
    units: active(board.pairings).filter((pairing) => pairing.kind === 'unit_village' || pairing.kind === 'enterprise_village').length,
  }
}

/** Who a pairing is with, for a tag: the helper's name, or the unit's. */
export function pairingSubject(pairing: Pairing): string {
  return pairing.helper?.name ?? pairing.unit?.name ?? ''
}

/** The rule a refused write broke (409 with error.code = the rule's name), or null. */
export function brokenRule(error: unknown): CoverageRuleName | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  return (COVERAGE_RULES as readonly string[]).includes(error.code) ? (error.code as CoverageRuleName) : null
}

export { percent } from '@/utils/format'

/** Where the rules in force come from, seen from `region`. */
export function ruleSource(rule: CoverageRule, region: string): 'default' | 'own' | 'inherited' {
  if (!rule.set_at) return 'default'
  return rule.set_at === region ? 'own' : 'inherited'
}

/**
 * The two bodies of a region's organisation (organisation_role's `body` attribute, which
 * GET /dictionaries does not carry): 领导小组 and 双联办.
 */
export const ORGANISATION_BODIES = {
  leadership_group: ['head', 'deputy', 'member'],
  office: ['director', 'staff', 'liaison'],
} as const
export type OrganisationBody = keyof typeof ORGANISATION_BODIES

export function bodyOfRole(role: string): OrganisationBody {
  return (ORGANISATION_BODIES.office as readonly string[]).includes(role) ? 'office' : 'leadership_group'
}

/** Members of one body in role order (head, deputies, members), keeping the list's order within a role. */
export function membersOfBody<T extends { role: string }>(members: T[], body: OrganisationBody): T[] {
  const roles: readonly string[] = ORGANISATION_BODIES[body]
  return members
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => bodyOfRole(member.role) === body)
    .sort((a, b) => roles.indexOf(a.member.role) - roles.indexOf(b.member.role) || a.index - b.index)
    .map(({ member }) => member)
}

/** Client-side paging of a long table (gaps, proposals). */
export function pageOf<T>(rows: T[], page: number, size: number): T[] {
  const start = (Math.max(1, page) - 1) * size
  return rows.slice(start, start + size)
}

/** Regions are chosen down to this level: a village for the board, a township for the organisation. */
export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village', 'group'] as const
export type RegionLevelName = (typeof REGION_LEVELS)[number]

export function levelOfCode(code: string): RegionLevelName | null {
  const lengths: Record<number, RegionLevelName> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township', 12: 'village', 15: 'group' }
  return /^\d+$/.test(code) ? (lengths[code.length] ?? null) : null
}

/** Whether `level` is `limit` or above it (province is the highest). */
export function isAtOrAbove(level: string, limit: RegionLevelName): boolean {
  const index = REGION_LEVELS.indexOf(level as RegionLevelName)
  return index >= 0 && index <= REGION_LEVELS.indexOf(limit)
}

/** What a pairing is with: the household, else the group, else the village (as codes). */
export function pairingTarget(pairing: Pairing): { target: PairingTarget; code: string; text: string } {
  if (pairing.household) {
    return { target: 'household', code: pairing.household.household_no, text: `${pairing.household.head_name}（${pairing.household.household_no}）` }
  }
  if (pairing.group_code) return { target: 'group', code: pairing.group_code, text: pairing.group_code }
  return { target: 'village', code: pairing.village_code, text: pairing.village_code }
}

/** A helper's pairings split into those in force (by what they pair with) and those ended (latest first). */
export function splitPairings(pairings: Pairing[]): { current: Pairing[]; ended: Pairing[] } {
  const byTarget = (a: Pairing, b: Pairing) => pairingTarget(a).code.localeCompare(pairingTarget(b).code) || a.id - b.id
  const latestEnd = (a: Pairing, b: Pairing) => (b.end_date ?? '').localeCompare(a.end_date ?? '') || b.id - a.id
  return {
    current: pairings.filter((pairing) => pairing.active).sort(byTarget),
    ended: pairings.filter((pairing) => !pairing.active).sort(latestEnd),
  }
}
