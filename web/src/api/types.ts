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
  /** The helper a cadre's account stands for (their scope: the households paired with them). */
  helper_id?: number | null
  /** Whose data the user sees, in words: "泉湖镇", "刘花 的结对户", a unit's name. */
  scope_label?: string
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
export type ImportStatus =
  | 'running'
  | 'completed'
  | 'rolled_back'
  | 'dry_run'
  | 'failed'
  | 'interrupted'

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

// ---- pairing (docs/pairing.md): units, helpers, pairings, coverage, assignment ----

/** `{id, name}` of a unit or parent unit as the pairing encoders write it. */
export interface NamedRef {
  id: number
  name: string
}

/** A helping unit (帮扶单位), GET /units and /units/{id}. */
export interface HelpUnit {
  id: number
  name: string
  unit_type: string
  unit_type_label: string
  affiliation: string
  affiliation_label: string
  parent: NamedRef | null
  region_code: string | null
  address: string
  leader_name: string
  phone: string
  /** How many helpers work there. */
  helpers: number
}

/** POST/PUT /units: dictionary fields take the code or the label, `parent` a unit's name. */
export interface HelpUnitInput {
  name: string
  unit_type: string
  affiliation: string
  parent: string
  region_code: string
  address: string
  leader_name: string
  phone: string
}

/** A helper (帮扶力量): a cadre, a leader or a 致富带头人. */
export interface Helper {
  id: number
  name: string
  kind: string
  kind_label: string
  unit: NamedRef | null
  rank: string | null
  rank_label: string | null
  title: string
  flags: string[]
  flag_labels: string[]
  phone: string
  region_code: string | null
  /** Households they hold now. */
  households: number
}

/** POST/PUT /helpers: `unit` is the unit's name. */
export interface HelperInput {
  name: string
  kind: string
  unit: string
  rank: string
  title: string
  flags: string[]
  phone: string
  region_code: string
}

export interface PairingHelperRef {
  id: number
  name: string
  phone: string
  unit: string
}

/** One pairing (结对): who (a helper or a unit) with what (village, group, household). */
export interface Pairing {
  id: number
  kind: string
  kind_label: string
  helper: PairingHelperRef | null
  unit: NamedRef | null
  village_code: string
  group_code: string | null
  household: { household_no: string; head_name: string } | null
  start_date: string
  end_date: string | null
  active: boolean
  note: string
  created_by: string
}

/** GET /helpers/{id}: the helper and every pairing they held or hold. */
export type HelperDetail = Helper & { pairings: Pairing[] }

/** POST /pairings: a helper by id (or phone) or a unit by name, and the target of the kind. */
export interface PairingInput {
  kind: string
  helper_id?: number
  helper_phone?: string
  unit?: string
  village_code?: string
  group_code?: string
  household_no?: string
  start_date?: string
  note?: string
}

export interface BoardHousehold {
  household_no: string
  head_name: string
  category: string
  category_label: string
  /** Its active pairings (helpers). */
  pairings: Pairing[]
}

export interface BoardGroup {
  code: string
  name: string
  /** The group's leading cadre(s). */
  pairings: Pairing[]
  households: BoardHousehold[]
}

/** GET /pairing-board?village=. */
export interface PairingBoard {
  village: RegionRef
  /** The village's leaders, units and enterprises. */
  pairings: Pairing[]
  groups: BoardGroup[]
  households_without_group: BoardHousehold[]
}

export const COVERAGE_RULES = [
  'max_households_per_cadre',
  'household_coverage',
  'village_needs_leader',
  'village_needs_unit',
  'group_needs_cadre',
] as const
export type CoverageRuleName = (typeof COVERAGE_RULES)[number]

/** GET /rules?region= (and the answer of PUT /rules/{code}). */
export interface CoverageRule {
  max_households_per_cadre: number
  required_categories: string[]
  village_needs_leader: boolean
  village_needs_unit: boolean
  group_needs_cadre: boolean
  /** The region whose own setting applies; null: the defaults. */
  set_at: string | null
}

export type CoverageRuleInput = Omit<CoverageRule, 'set_at'>

export interface CoverageGap {
  rule: string
  household?: {
    household_no: string
    head_name: string
    village_code: string
    category: string
    category_label: string
  }
  village?: RegionRef
  group?: RegionRef
}

export interface CoverageViolation {
  rule: string
  helper: { id: number; name: string; unit: string }
  households: number
  limit: number
}

/** GET /coverage?region=: exactly `shuanglian check coverage --region CODE --json`. */
export interface Coverage {
  region: RegionRef
  rules: CoverageRule
  max_households_per_cadre: number
  households_required: number
  households_covered: number
  coverage: number
  villages: number
  villages_with_leader: number
  villages_with_unit: number
  groups: number
  groups_with_cadre: number
  rates: { households: number; village_leader: number; village_unit: number; group_cadre: number }
  complete: boolean
  gaps_total: number
  gaps: CoverageGap[]
  violations: CoverageViolation[]
}

export interface AssignmentProposal {
  household_no: string
  head_name: string
  village_code: string
  category: string
  category_label: string
  helper: { id: number; name: string; unit: string }
  same_village: boolean
}

/** GET/POST /assignment: exactly `shuanglian assign --region CODE [--dry-run] --json`. */
export interface AssignmentPlan {
  region: string
  applied: boolean
  uncovered: number
  proposed: number
  unplaced: number
  cadres: number
  cadres_receiving: number
  max_households_per_cadre: number
  cost: number
  plan_id: string
  solve_seconds: number
  greedy_cost: number | null
  exact_cost: number | null
  proposals_listed: number
  proposals: AssignmentProposal[]
}

export interface OrganisationMember {
  role: string
  role_label?: string
  name: string
  title: string
  phone: string
}

/** GET/PUT /organisation: the 领导小组 and 双联办 of a township or higher. */
export interface Organisation {
  region: RegionRef
  members: OrganisationMember[]
}

// ---- field work (issue 7): src/api/fieldwork_json.cpp, sync_handler.cpp, progress_json.cpp ----

/** The path segment of each kind of field record: /api/v1/<kind>, and `kind` of a sync line. */
export const FIELD_KINDS = ['stationed-days', 'visits', 'diary', 'problems', 'suggestions', 'aid'] as const
export type FieldKind = (typeof FIELD_KINDS)[number]

export interface FieldRecordMeta {
  id: number
  client_uuid: string
  /** Raised by every change; a PUT or sync line names the version it edited. */
  version: number
  helper: NamedRef | null
  village_name: string
  created_by: string
  created_at: string
  updated_at: string
}

export interface StationedDayRecord {
  client_uuid: string
  helper_phone: string
  day: string
  village_code: string
  location: string
  meta: FieldRecordMeta
}

export interface VisitRecord {
  client_uuid: string
  day: string
  village_code: string
  helper_phones: string[]
  household_nos: string[]
  kinds: string[]
  kind_labels: string[]
  learned: string
  /** SHA-256 of the uploaded photos. */
  photos: string[]
  helpers: { id: number; phone: string; name: string }[]
  households: { id: number; household_no: string; name: string }[]
  meta: FieldRecordMeta
}

export interface DiaryRecord {
  client_uuid: string
  helper_phone: string
  day: string
  village_code: string
  text: string
  meta: FieldRecordMeta
}

export interface ProblemEvent {
  at: string
  username: string
  from_status: string | null
  to_status: string
  to_status_label: string
  note: string
}

export interface ProblemRecord {
  client_uuid: string
  helper_phone: string
  household_no: string | null
  head_name: string | null
  village_code: string
  category: string
  category_label: string
  description: string
  raised_on: string
  status: string
  status_label: string
  /** Where the workflow may go from here. */
  next_statuses: { status: string; label: string }[]
  due_date: string | null
  result: string
  satisfaction: string | null
  satisfaction_label: string | null
  case_id: number | null
  registered_at: string
  solved_at: string | null
  events: ProblemEvent[]
  meta: FieldRecordMeta
}

export interface SuggestionRecord {
  client_uuid: string
  helper_phone: string
  day: string
  village_code: string
  addressee: string
  addressee_label: string
  content: string
  adopted: boolean | null
  meta: FieldRecordMeta
}

export interface AidRecord {
  client_uuid: string
  day: string
  giver_kind: string
  giver_unit: string | null
  giver_phone: string | null
  giver_name: string
  receiver_kind: string
  receiver_kind_label: string
  household_no: string | null
  head_name: string | null
  village_code: string
  receiver_name: string
  item: string
  quantity: string
  measure: string
  measure_label: string
  value_yuan: string
  value_fen: number
  drive: string | null
  note: string
  meta: FieldRecordMeta
}

export interface FieldRecordOf {
  'stationed-days': StationedDayRecord
  visits: VisitRecord
  diary: DiaryRecord
  problems: ProblemRecord
  suggestions: SuggestionRecord
  aid: AidRecord
}
export type AnyFieldRecord = FieldRecordOf[FieldKind]

/** What a form sends (POST/PUT body, sync `record`): the JSON keys of the kind's fields. */
export type FieldBody = Record<string, string | string[] | boolean | number | null | undefined>

/** One line of POST /sync. `base_version` 0: new (or the same again); n: the version edited. */
export interface SyncLine {
  kind: FieldKind
  record: FieldBody & { client_uuid: string }
  base_version: number
}

export type SyncStatus = 'created' | 'updated' | 'unchanged' | 'conflict' | 'rejected'

export interface SyncLineResult {
  line: number
  kind?: FieldKind
  client_uuid?: string
  status: SyncStatus
  version?: number
  error?: { field?: string; column?: string; code: string; message: string }
  errors?: { field?: string; column?: string; code: string; message: string }[]
  /** The server's copy, with a conflict. */
  server?: AnyFieldRecord | null
}

export interface SyncAnswer {
  results: SyncLineResult[]
  stored: number
  /** The upload was cut: the last line did not arrive whole. */
  truncated: boolean
}

export interface PhotoAnswer {
  sha256: string
  bytes: number
  content_type: string
}

export const PROGRESS_MEASURES = ['stationed_days', 'households_visited', 'diary_days', 'problems_solved', 'suggestions'] as const
export type ProgressMeasure = (typeof PROGRESS_MEASURES)[number]
export type ProgressCounts = Record<ProgressMeasure, number>

/** GET /progress/me: a cadre's own 五个百. */
export interface MyProgress extends ProgressCounts {
  helper_id: number
  name: string
  year: number
  targets: ProgressCounts
  expected_by_today: ProgressCounts
  behind_pace: boolean
}

export interface ProgressRollup extends ProgressCounts {
  key: string
  name: string
  cadres: number
  /** How many of them are behind pace. */
  behind_pace: number
}

export interface CadreProgress extends ProgressCounts {
  helper_id: number
  name: string
  unit: string
  behind_pace: boolean
}

export interface ProgressReport {
  region: RegionRef
  year: number
  targets: ProgressCounts & { max_visits_per_day: number; set_at: string | null }
  expected_by_today: ProgressCounts
  totals: ProgressRollup
  by_unit: ProgressRollup[]
  by_region: ProgressRollup[]
  cadres_total: number
  cadres: CadreProgress[]
  page: number
  size: number
}

export interface IntegrityFinding {
  check: string
  message: string
  helper: NamedRef | null
  day: string | null
  records: string[]
  score: number
}

export interface IntegrityReport {
  region: string
  year: number
  counts: Record<string, number>
  findings: IntegrityFinding[]
}

// ---- reports: src/api/report_json.cpp (one document model, also written as docx/html/md) ----

/** A table of a report; `numeric[i]`: column i holds figures (right-aligned). */
export interface ReportTable {
  caption: string
  header: string[]
  rows: string[][]
  numeric: boolean[]
}

/**
 * One block of a section: computed text (`paragraph`), something the records flag
 * (`warning`: a declared figure that disagrees, a gap), what the author must write
 * (`to_fill`), or a table.
 */
export type ReportBlock = { kind: 'paragraph' | 'warning' | 'to_fill'; text: string } | { kind: 'table'; table: ReportTable }

export interface ReportSection {
  /** "一、基本情况" */
  title: string
  blocks: ReportBlock[]
}

export interface ReportDocument {
  title: string
  /** "（2012年1月1日至2012年5月31日）" */
  subtitle: string
  /** How the figures were made. */
  note: string
  sections: ReportSection[]
}

/** GET /reports/progress?format=json: the 进展情况汇报 of a region, as_of no later than the year's end. */
export type ProgressReportDocument = ReportDocument & { region: RegionRef; year: number; as_of: string }
