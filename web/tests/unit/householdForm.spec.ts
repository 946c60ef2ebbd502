import { describe, expect, it } from 'vitest'
import type { Household } from '@/api/types'
import { emptyHouseholdForm, formToHouseholdInput, householdToForm, membersOf, personToForm } from '@/views/household/householdForm'

const household: Household = {
  household_no: '6209021082000001',
  head_name: '沈有福',
  head_id_number: '620902195103200014',
  village: { code: '620902108200', name: '四坝村' },
  village_code: '620902108200',
  group: { code: '620902108200001', name: '一组' },
  group_code: '620902108200001',
  category: 'subsistence',
  category_label: '低保户',
  main_cause: 'illness',
  main_cause_label: '因病',
  exit_status: 'not_exited',
  exit_status_label: '未脱贫',
  member_count: 6,
  declared_members: 6,
  members: 6,
  labour_count: 5,
  per_capita_income: 3445,
  arable_land: 13.99,
  dilapidated_house: null as unknown as boolean,
  other_causes: ['disability', 'lack_funds'],
  identification_year: 2012,
  phone: '15929203706',
  member_list: [],
}

describe('household form', () => {
  it('fills the form from the API’s household', () => {
    const form = householdToForm(household)
    expect(form.group).toBe('620902108200001')
    expect(form.members).toBe(6)
    expect(form.other_causes).toEqual(['disability', 'lack_funds'])
    expect(form.dilapidated_house).toBe(false)
    expect(form.per_capita_income).toBe(3445)
    expect(form.exit_year).toBeNull()
    expect(form.bank_account).toBe('')
    expect(membersOf(household)).toEqual([])
  })

  it('accepts other causes as 、-separated text', () => {
    expect(householdToForm({ ...household, other_causes: '因残、缺资金' }).other_causes).toEqual(['因残', '缺资金'])
  })

  it('sends every editable field back', () => {
    const input = formToHouseholdInput(householdToForm(household))
    expect(Object.keys(input).sort()).toEqual(Object.keys(emptyHouseholdForm()).sort())
    expect(input.village_code).toBe('620902108200')
  })

  it('makes an empty member form for the household', () => {
    const form = personToForm('6209021082000001', null)
    expect(form.household_no).toBe('6209021082000001')
    expect(form.work_months).toBeNull()
  })
})
