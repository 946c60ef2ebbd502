import type { Household, HouseholdInput, Person, PersonInput } from '@/api/types'

// Conversions between the API's records and the edit forms. Kept apart from the view so
// the unit tests check them without mounting anything.

export const HOUSEHOLD_FIELDS: (keyof HouseholdInput)[] = [
  'household_no',
  'head_name',
  'head_id_number',
  'village_code',
  'group',
  'members',
  'phone',
  'category',
  'main_cause',
  'other_causes',
  'per_capita_income',
  'arable_land',
  'dilapidated_house',
  'identification_year',
  'exit_status',
  'exit_year',
  'assistance_type',
  'identification_standard',
  'bank_account',
]

export interface HouseholdForm extends Omit<HouseholdInput, 'other_causes'> {
  other_causes: string[]
}

export function emptyHouseholdForm(): HouseholdForm {
  return {
    household_no: '',
    head_name: '',
    head_id_number: '',
    village_code: '',
    group: '',
    members: null,
    phone: '',
    category: '',
    main_cause: '',
    other_causes: [],
    per_capita_income: null,
    arable_land: null,
    dilapidated_house: false,
    identification_year: null,
    exit_status: '',
    exit_year: null,
    assistance_type: '',
    identification_standard: '',
    bank_account: '',
  }
}

function causes(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '')
  if (typeof value === 'string') return value.split(/[、;；,，]/).map((item) => item.trim()).filter(Boolean)
  return []
}

function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : null
}

/** The form for a household as GET /households/{no} answers it. */
export function householdToForm(household: Household): HouseholdForm {
  // The group goes back as its 15-digit code when known (a name could be ambiguous).
  const group = household.group_code || household.group?.code || household.group?.name || ''
  const declared = household.members ?? household.declared_members
  return {
    household_no: household.household_no,
    head_name: str(household.head_name),
    head_id_number: str(household.head_id_number),
    village_code: str(household.village_code ?? household.village?.code),
    group,
    members: num(declared),
    phone: str(household.phone),
    category: str(household.category),
    main_cause: str(household.main_cause),
    other_causes: causes(household.other_causes),
    per_capita_income: num(household.per_capita_income),
    arable_land: num(household.arable_land),
    dilapidated_house: household.dilapidated_house === true,
    identification_year: num(household.identification_year),
    exit_status: str(household.exit_status),
    exit_year: num(household.exit_year),
    assistance_type: str(household.assistance_type),
    identification_standard: str(household.identification_standard),
    bank_account: str(household.bank_account),
  }
}

export function formToHouseholdInput(form: HouseholdForm): HouseholdInput {
  return { ...form, other_causes: [...form.other_causes] }
}

export function membersOf(household: Household): Person[] | null {
  return Array.isArray(household.member_list) ? household.member_list : null
}

export const PERSON_FIELDS: (keyof PersonInput)[] = [
  'name',
  'id_number',
  'relation',
  'sex',
  'birth_date',
  'ethnicity',
  'education',
  'schooling',
  'health',
  'labour_skill',
  'work_location',
  'work_months',
  'phone',
]

export function personToForm(householdNo: string, person: Person | null): PersonInput {
  return {
    household_no: householdNo,
    name: str(person?.name),
    id_number: str(person?.id_number),
    relation: str(person?.relation),
    sex: str(person?.sex),
    birth_date: str(person?.birth_date),
    ethnicity: str(person?.ethnicity),
    education: str(person?.education),
    schooling: str(person?.schooling),
    health: str(person?.health),
    labour_skill: str(person?.labour_skill),
    work_location: str(person?.work_location),
    work_months: num(person?.work_months),
    phone: str(person?.phone),
  }
}
