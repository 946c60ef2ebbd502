import type { CoverageRule, CoverageRuleInput, Helper, HelperInput, HelpUnit, HelpUnitInput } from '@/api/types'

// Conversions between the API's records and the edit forms of units, helpers and rules.
// The answers name a unit as {id, name}; the bodies by its name (as the import files do).

export const UNIT_FIELDS: (keyof HelpUnitInput)[] = [
  'name',
  'unit_type',
  'affiliation',
  'parent',
  'region_code',
  'address',
  'leader_name',
  'phone',
]

export function emptyUnitForm(): HelpUnitInput {
  return { name: '', unit_type: '', affiliation: '', parent: '', region_code: '', address: '', leader_name: '', phone: '' }
}

export function unitToForm(unit: HelpUnit): HelpUnitInput {
  return {
    name: unit.name,
    unit_type: unit.unit_type ?? '',
    affiliation: unit.affiliation ?? '',
    parent: unit.parent?.name ?? '',
    region_code: unit.region_code ?? '',
    address: unit.address ?? '',
    leader_name: unit.leader_name ?? '',
    phone: unit.phone ?? '',
  }
}

/** Trimmed; the server validates everything else. */
export function formToUnitInput(form: HelpUnitInput): HelpUnitInput {
  const input = { ...form }
  for (const field of UNIT_FIELDS) input[field] = input[field].trim()
  return input
}

export const HELPER_FIELDS: (keyof HelperInput)[] = ['name', 'kind', 'unit', 'rank', 'title', 'flags', 'phone', 'region_code']

export function emptyHelperForm(): HelperInput {
  return { name: '', kind: 'cadre', unit: '', rank: '', title: '', flags: [], phone: '', region_code: '' }
}

export function helperToForm(helper: Helper): HelperInput {
  return {
    name: helper.name,
    kind: helper.kind,
    unit: helper.unit?.name ?? '',
    rank: helper.rank ?? '',
    title: helper.title ?? '',
    flags: [...(helper.flags ?? [])],
    phone: helper.phone ?? '',
    region_code: helper.region_code ?? '',
  }
}

export function formToHelperInput(form: HelperInput): HelperInput {
  return {
    name: form.name.trim(),
    kind: form.kind,
    unit: form.unit.trim(),
    rank: form.rank,
    title: form.title.trim(),
    flags: [...form.flags],
    phone: form.phone.trim(),
    region_code: form.region_code.trim(),
  }
}

export function ruleToForm(rule: CoverageRule): CoverageRuleInput {
  return {
    max_households_per_cadre: rule.max_households_per_cadre,
    required_categories: [...rule.required_categories],
    village_needs_leader: rule.village_needs_leader,
    village_needs_unit: rule.village_needs_unit,
    group_needs_cadre: rule.group_needs_cadre,
  }
}
