import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/request'
import type { BoardHousehold, Helper, HelpUnit, Pairing, PairingBoard } from '@/api/types'
import { emptyHelperForm, formToHelperInput, formToUnitInput, helperToForm, ruleToForm, unitToForm } from '@/views/pairing/pairingForms'
import {
  ORGANISATION_BODIES,
  PAIRING_KINDS,
  bodyOfRole,
  boardSummary,
  brokenRule,
  emptyPairingDraft,
  hasHelper,
  isAtOrAbove,
  kindsFor,
  levelOfCode,
  membersOfBody,
  pageOf,
  pairingInputOf,
  pairingTarget,
  percent,
  ruleSource,
  splitPairings,
} from '@/views/pairing/pairingLogic'

/** code → attributes of a dictionary CSV in data/dictionaries (code,label,aliases,attributes). */
function dictionaryAttributes(name: string): Map<string, Record<string, string>> {
  const text = readFileSync(resolve(__dirname, '../../../data/dictionaries', `${name}.csv`), 'utf8')
  const rows = text.trim().split('\n').slice(1)
  return new Map(
    rows.map((row) => {
      const cells = row.split(',')
      const attributes = Object.fromEntries((cells[3] ?? '').split(';').filter(Boolean).map((pair) => pair.split('=') as [string, string]))
      return [cells[0], attributes]
    }),
  )
}

function pairing(overrides: Partial<Pairing>): Pairing {
  return {
    id: 1,
    kind: 'cadre_household',
    kind_label: '干部联系户',
    helper: { id: 2, name: '薛斌录', phone: '13909370002', unit: '泉湖镇党政办' },
    unit: null,
    village_code: '620902108200',
    group_code: null,
    household: { household_no: '6209021082000001', head_name: '沈有福' },
    start_date: '2012-03-06',
    end_date: null,
    active: true,
    note: '',
    created_by: 'demo',
    ...overrides,
  }
}

function household(no: string, pairings: Pairing[], category = 'poverty'): BoardHousehold {
  return { household_no: no, head_name: `户主${no.slice(-2)}`, category, category_label: category, pairings }
}

describe('what the pairing kinds join', () => {
  it('is in step with data/dictionaries/pairing_kind.csv', () => {
    const csv = dictionaryAttributes('pairing_kind')
    expect([...csv.keys()].sort()).toEqual(Object.keys(PAIRING_KINDS).sort())
    for (const [code, attributes] of csv) {
      const info = PAIRING_KINDS[code]
      expect(info.subject, code).toBe(attributes.subject)
      expect(info.target, code).toBe(attributes.target)
      expect(info.helperKind, code).toBe(attributes.helper_kind)
      expect(Boolean(info.enterprise), code).toBe(attributes.unit_enterprise === '1')
    }
  })

  it('offers the kinds of each target', () => {
    expect(kindsFor('household')).toEqual(['leader_household', 'cadre_household', 'wealthy_household'])
    expect(kindsFor('group')).toEqual(['cadre_group'])
    expect(kindsFor('village')).toEqual(['leader_village', 'unit_village', 'enterprise_village'])
  })

  it('sends the subject and the target the kind names, and nothing left in other fields', () => {
    const draft = {
      ...emptyPairingDraft(),
      helper_id: 5,
      unit: '泉湖镇党政办',
      village_code: '620902108200',
      group_code: '620902108200001',
      household_no: '6209021082000001',
    }
    expect(pairingInputOf({ ...draft, kind: 'cadre_household' })).toEqual({ kind: 'cadre_household', helper_id: 5, household_no: '6209021082000001' })
    expect(pairingInputOf({ ...draft, kind: 'cadre_group' })).toEqual({ kind: 'cadre_group', helper_id: 5, group_code: '620902108200001' })
    expect(pairingInputOf({ ...draft, kind: 'unit_village', note: ' 新 ' })).toEqual({
      kind: 'unit_village',
      unit: '泉湖镇党政办',
      village_code: '620902108200',
      note: '新',
    })
    expect(pairingInputOf({ ...draft, kind: 'leader_village', start_date: '2026-01-01' })).toEqual({
      kind: 'leader_village',
      helper_id: 5,
      village_code: '620902108200',
      start_date: '2026-01-01',
    })
    // No helper chosen: the key is left out and the server says the helper is required.
    expect(pairingInputOf({ ...draft, helper_id: null, kind: 'cadre_household' })).toEqual({ kind: 'cadre_household', household_no: '6209021082000001' })
  })
})

describe('the board', () => {
  const board: PairingBoard = {
    village: { code: '620902108200', name: '四坝村' },
    pairings: [
      pairing({ id: 10, kind: 'leader_village', household: null }),
      pairing({ id: 11, kind: 'unit_village', helper: null, unit: { id: 1, name: '泉湖镇党政办' }, household: null }),
      pairing({ id: 12, kind: 'enterprise_village', helper: null, unit: { id: 2, name: '某公司' }, household: null, active: false, end_date: '2020-01-01' }),
    ],
    groups: [
      {
        code: '620902108200001',
        name: '一组',
        pairings: [pairing({ id: 20, kind: 'cadre_group', household: null, group_code: '620902108200001' })],
        households: [household('6209021082000001', [pairing({ id: 30 })]), household('6209021082000002', [])],
      },
      { code: '620902108200002', name: '二组', pairings: [], households: [household('6209021082000003', [pairing({ id: 31, kind: 'wealthy_household' })])] },
    ],
    households_without_group: [household('6209021082000009', [pairing({ id: 32, active: false, end_date: '2025-01-01' })])],
  }

  it('counts households with and without a helper, and groups without a cadre', () => {
    expect(boardSummary(board)).toEqual({ households: 4, withHelper: 2, withoutHelper: 2, groups: 2, groupsWithoutCadre: 1, leaders: 1, units: 1 })
  })

  it('takes only an active household pairing as a helper', () => {
    expect(hasHelper(household('1', [pairing({ kind: 'leader_household' })]))).toBe(true)
    expect(hasHelper(household('1', [pairing({ active: false, end_date: '2025-01-01' })]))).toBe(false)
    expect(hasHelper(household('1', [pairing({ kind: 'cadre_group' })]))).toBe(false)
  })

  it('names what a pairing is with', () => {
    expect(pairingTarget(pairing({}))).toEqual({ target: 'household', code: '6209021082000001', text: '沈有福（6209021082000001）' })
    expect(pairingTarget(pairing({ household: null, group_code: '620902108200001' })).target).toBe('group')
    expect(pairingTarget(pairing({ household: null })).code).toBe('620902108200')
  })

  it('splits a helper’s pairings into current (by target) and ended (latest first)', () => {
    const list = [
      pairing({ id: 1, household: { household_no: '3', head_name: 'c' } }),
      pairing({ id: 2, household: { household_no: '1', head_name: 'a' } }),
      pairing({ id: 3, active: false, end_date: '2020-05-01' }),
      pairing({ id: 4, active: false, end_date: '2024-05-01' }),
    ]
    const { current, ended } = splitPairings(list)
    expect(current.map((item) => item.id)).toEqual([2, 1])
    expect(ended.map((item) => item.id)).toEqual([4, 3])
  })
})

describe('rates, rules and refusals', () => {
  it('never rounds an incomplete coverage up to 100%', () => {
    expect(percent(1)).toBe('100%')
    expect(percent(2330 / 2331)).toBe('99.9%')
    expect(percent(235 / 2331)).toBe('10%')
    expect(percent(5 / 13)).toBe('38.4%')
    expect(percent(0)).toBe('0%')
    expect(percent(0.5)).toBe('50%')
    expect(percent(null)).toBe('—')
  })

  it('knows a rule’s refusal (409 with the rule as the code) from other errors', () => {
    expect(brokenRule(new ApiError(409, 'household_coverage', '须有帮扶人'))).toBe('household_coverage')
    expect(brokenRule(new ApiError(409, 'max_households_per_cadre', '已满'))).toBe('max_households_per_cadre')
    expect(brokenRule(new ApiError(409, 'phone_taken', '号码已登记'))).toBeNull()
    expect(brokenRule(new ApiError(400, 'household_coverage', ''))).toBeNull()
    expect(brokenRule(new Error('x'))).toBeNull()
  })

  it('says where the rules in force were set', () => {
    const rule = { max_households_per_cadre: 100, required_categories: [], village_needs_leader: true, village_needs_unit: true, group_needs_cadre: true }
    expect(ruleSource({ ...rule, set_at: null }, '620902108')).toBe('default')
    expect(ruleSource({ ...rule, set_at: '620902108' }, '620902108')).toBe('own')
    expect(ruleSource({ ...rule, set_at: '620902' }, '620902108200')).toBe('inherited')
    expect(ruleToForm({ ...rule, required_categories: ['poverty'], set_at: '62' })).toEqual({ ...rule, required_categories: ['poverty'] })
  })

  it('pages a long table', () => {
    const rows = Array.from({ length: 45 }, (_, index) => index)
    expect(pageOf(rows, 1, 20)).toHaveLength(20)
    expect(pageOf(rows, 3, 20)).toEqual([40, 41, 42, 43, 44])
    expect(pageOf(rows, 0, 20)[0]).toBe(0)
  })

  it('reads a region’s level from its code', () => {
    expect(levelOfCode('62')).toBe('province')
    expect(levelOfCode('620902108')).toBe('township')
    expect(levelOfCode('620902108200')).toBe('village')
    expect(levelOfCode('62090210820')).toBeNull()
    expect(levelOfCode('abc')).toBeNull()
    expect(isAtOrAbove('township', 'township')).toBe(true)
    expect(isAtOrAbove('county', 'township')).toBe(true)
    expect(isAtOrAbove('village', 'township')).toBe(false)
  })
})

describe('the organisation', () => {
  it('splits roles into the two bodies as data/dictionaries/organisation_role.csv does', () => {
    const csv = dictionaryAttributes('organisation_role')
    for (const [code, attributes] of csv) expect(bodyOfRole(code), code).toBe(attributes.body)
    expect([...ORGANISATION_BODIES.leadership_group, ...ORGANISATION_BODIES.office].sort()).toEqual([...csv.keys()].sort())
  })

  it('lists a body head first, then deputies, then members, keeping the order within a role', () => {
    const members = [
      { role: 'member', name: 'A' },
      { role: 'staff', name: 'B' },
      { role: 'deputy', name: 'C' },
      { role: 'head', name: 'D' },
      { role: 'deputy', name: 'E' },
      { role: 'director', name: 'F' },
    ]
    expect(membersOfBody(members, 'leadership_group').map((member) => member.name)).toEqual(['D', 'C', 'E', 'A'])
    expect(membersOfBody(members, 'office').map((member) => member.name)).toEqual(['F', 'B'])
  })
})

describe('unit and helper forms', () => {
  it('names a unit’s parent by name, as the body wants it, and trims', () => {
    const unit: HelpUnit = {
      id: 3,
      name: '泉湖镇司法所',
      unit_type: 'government',
      unit_type_label: '国家机关',
      affiliation: 'township',
      affiliation_label: '乡镇',
      parent: { id: 1, name: '泉湖镇党政办' },
      region_code: null,
      address: '',
      leader_name: '李四',
      phone: '',
      helpers: 3,
    }
    const form = unitToForm(unit)
    expect(form).toEqual({
      name: '泉湖镇司法所',
      unit_type: 'government',
      affiliation: 'township',
      parent: '泉湖镇党政办',
      region_code: '',
      address: '',
      leader_name: '李四',
      phone: '',
    })
    expect(formToUnitInput({ ...form, name: '  泉湖镇司法所 ' }).name).toBe('泉湖镇司法所')
  })

  it('names a helper’s unit by name and copies the flags', () => {
    const helper: Helper = {
      id: 1,
      name: '丁福振',
      kind: 'cadre',
      kind_label: '帮扶干部',
      unit: { id: 1, name: '泉湖镇党政办' },
      rank: null,
      rank_label: null,
      title: '干部',
      flags: ['first_secretary'],
      flag_labels: ['第一书记'],
      phone: '13909370001',
      region_code: '620902108',
      households: 65,
    }
    const form = helperToForm(helper)
    expect(form).toEqual({
      name: '丁福振',
      kind: 'cadre',
      unit: '泉湖镇党政办',
      rank: '',
      title: '干部',
      flags: ['first_secretary'],
      phone: '13909370001',
      region_code: '620902108',
    })
    form.flags.push('team_member')
    expect(helper.flags).toEqual(['first_secretary'])
    expect(formToHelperInput({ ...emptyHelperForm(), name: ' 张三 ', phone: ' 13900000000 ' })).toMatchObject({ name: '张三', phone: '13900000000', kind: 'cadre' })
  })
})
