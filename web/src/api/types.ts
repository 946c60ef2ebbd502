// The shapes of docs/api.md, the contract with src/api. Keep the two in step.

export interface RegionRef {
  code: string
  name: string
  level?: string
}

export interface Region {
  code: string
  name: string
  level: string
  level_label: string
  has_children: boolean
  path?: Region[]
}

export interface User {
  id: number
  username: string
  display_name: string
  role: string
  role_label: string
  region: RegionRef | null
  unit_id: number | null
  permissions: string[]
  sees_personal_data: boolean
  read_only: boolean
  disabled: boolean
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  size: number
}

export interface Items<T> {
  items: T[]
}

export interface CategoryCount {
  code: string
  label: string
  poor: boolean
  households: number
  persons: number
}

export interface FigureMismatch {
  region: RegionRef
  figure: string
  label: string
  unit: string
  declared: number
  computed: number
  source: string
}

/** The JSON of `shuanglian stats --json`. */
export interface Stats {
  region: RegionRef
  townships: number
  villages: number
  groups: number
  households: number
  persons: number
  labour: number
  poor_households: number
  poor_persons: number
  arable_land_mu: number
  per_capita_income_yuan: number
  households_with_member_mismatch: number
  by_category: CategoryCount[]
  mismatches: FigureMismatch[]
}

export interface ChildStats {
  region: Region
  villages: number
  households: number
  persons: number
  poor_households: number
  poor_persons: number
}

export interface ProfileFigure {
  figure: string
  label: string
  unit: string
  declared: number | null
  computed: number | null
  source: string
  disagrees: boolean
}

export interface Difficulty {
  code: string
  label: string
  present: boolean
  note: string
}

export const PROFILE_TEXT_FIELDS = [
  'location',
  'neighbour_east',
  'neighbour_south',
  'neighbour_west',
  'neighbour_north',
  'climate',
  'main_industries',
  'notes',
] as const
export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number]

/** The JSON of `shuanglian profile show --json`. */
export type Profile = { region: RegionRef; figures: ProfileFigure[]; difficulties: Difficulty[] } & Record<
  ProfileTextField,
  string
>

export type ProfileInput = Partial<Record<ProfileTextField, string>> & {
  figures: Record<string, number | null>
  figure_sources: Record<string, string>
  difficulties: Record<string, { present: boolean; note: string }>
}

export interface HouseholdSummary {
  household_no: string
  head_name: string
  head_id_number: string
  village: RegionRef
  group: RegionRef | null
  category: string
  category_label: string
  main_cause: string | null
  main_cause_label: string | null
  exit_status: string | null
  exit_status_label: string | null
  member_count: number
  declared_members: number | null
  labour_count: number
  per_capita_income: number | null
  phone: string | null
}

/** Every editable field; dictionary fields take the code or the label. */
export interface HouseholdInput {
  household_no: string
  head_name: string
  head_id_number: string
  village_code: string
  group: string
  members: number | null
  phone: string
  category: string
  main_cause: string
  other_causes: string[] | string
  per_capita_income: number | null
  arable_land: number | null
  dilapidated_house: boolean
  identification_year: number | null
  exit_status: string
  exit_year: number | null
  assistance_type: string
  identification_standard: string
  bank_account: string
}

export interface Person {
  id: number
  household_no: string
  name: string
  id_number: string
  relation: string
  relation_label?: string
  sex: string
  sex_label?: string
  birth_date: string | null
  age: number | null
  ethnicity: string | null
  ethnicity_label?: string | null
  education: string | null
  education_label?: string | null
  schooling: string | null
  schooling_label?: string | null
  health: string | null
  health_label?: string | null
  labour_skill: string | null
  labour_skill_label?: string | null
  work_location: string | null
  work_location_label?: string | null
  work_months: number | null
  phone: string | null
}

export interface PersonInput {
  household_no: string
  name: string
  id_number: string
  relation: string
  sex: string
  birth_date: string
  ethnicity: string
  education: string
  schooling: string
  health: string
  labour_skill: string
  work_location: string
  work_months: number | null
  phone: string
}

/**
 * A household as GET /households/{no} answers: the summary, every input field (with
 * `_label` for dictionary fields), `members` the declared size, `member_list` the members.
 */
export type Household = Partial<Omit<HouseholdInput, 'group' | 'other_causes' | 'members'>> &
  Omit<HouseholdSummary, 'group'> & {
    group: RegionRef | null
    group_code?: string | null
    members?: number | null
    other_causes?: string[] | string | null
    other_causes_labels?: string[] | null
    village_code?: string
    member_list?: Person[]
    created_at?: string
    updated_at?: string
    [label: `${string}_label`]: unknown
  }

export interface ImportErrorRow {
  row: number
  column: string
  code: string
  message: string
}

/** The JSON of `shuanglian import --json`. */
export interface ImportSummary {
  file: string
  format: string
  rows: number
  imported: number
  updated: number
  unchanged: number
  rejected: number
  committed: boolean
  warnings: string[]
  errors: ImportErrorRow[]
  errors_omitted?: number
}

export type ImportKind = 'households' | 'persons'
export type ImportStatus = 'running' | 'completed' | 'rolled_back' | 'dry_run' | 'failed'

export interface ImportJob {
  id: number
  kind: ImportKind
  file_name: string
  status: ImportStatus
  progress: number
  rows: number
  summary: ImportSummary | null
  error: string | null
  has_report: boolean
  created_at?: string
  username?: string
}

export interface Role {
  code: string
  label: string
  scope: string
  read_only: boolean
  sees_personal_data: boolean
  permissions: string[]
}

export interface UserInput {
  username?: string
  display_name: string
  role: string
  region_code?: string | null
  unit_id?: number | null
  password?: string
  disabled?: boolean
}

export interface AuditEntry {
  id: number
  at: string
  username: string
  action: string
  entity: string
  entity_key: string
  before: unknown
  after: unknown
  ip: string
}

export interface DictionaryItem {
  code: string
  label: string
}

export interface Dictionary {
  name: string
  title: string
  items: DictionaryItem[]
}
