import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyAssignment, cardsUrl, getAssignment, getCoverage, getRule, updateRule } from '@/api/pairing/coverage'
import { addHelper, getHelper, listHelper, updateHelper } from '@/api/pairing/helper'
import { getOrganisation, updateOrganisation } from '@/api/pairing/organisation'
import { addPairing, endPairing, getPairingBoard, listPairing } from '@/api/pairing/pairing'
import { addUnit, getUnit, listUnit, updateUnit } from '@/api/pairing/unit'
import { ApiError, configureRequest } from '@/api/request'
import { jsonResponse, stubFetch } from './helpers'

// Each endpoint of docs/pairing.md's table: the path, the query, the method and the body the
// server's handlers read (src/api/pairing_handlers.cpp, coverage_handlers.cpp).
type Call = [string, RequestInit]
const call = (mock: ReturnType<typeof stubFetch>, index = 0) => mock.mock.calls[index] as unknown as Call
const body = (init: RequestInit) => JSON.parse(String(init.body)) as unknown

describe('pairing API modules', () => {
  beforeEach(() => configureRequest({ csrfToken: () => 'csrf-1' }))
  afterEach(() => vi.unstubAllGlobals())

  it('lists, reads, creates and updates units', async () => {
    const mock = stubFetch(
      jsonResponse(200, { items: [], total: 0, page: 2, size: 10 }),
      jsonResponse(200, { id: 7 }),
      jsonResponse(201, { id: 8 }),
      jsonResponse(200, { id: 8 }),
    )
    await listUnit({ q: '党政办', page: 2, size: 10 })
    await getUnit(7)
    const input = { name: '新单位', unit_type: 'government', affiliation: 'township', parent: '', region_code: '620902108', address: '', leader_name: '', phone: '' }
    await addUnit(input)
    await updateUnit(8, input)
    expect(call(mock, 0)[0]).toBe('/api/v1/units?q=%E5%85%9A%E6%94%BF%E5%8A%9E&page=2&size=10')
    expect(call(mock, 1)[0]).toBe('/api/v1/units/7')
    expect([call(mock, 2)[0], call(mock, 2)[1].method]).toEqual(['/api/v1/units', 'POST'])
    expect(body(call(mock, 2)[1])).toEqual(input)
    expect([call(mock, 3)[0], call(mock, 3)[1].method]).toEqual(['/api/v1/units/8', 'PUT'])
    expect((call(mock, 3)[1].headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1')
  })

  it('filters helpers by unit and kind, and reads one with its pairings', async () => {
    const mock = stubFetch(
      jsonResponse(200, { items: [], total: 0, page: 1, size: 20 }),
      jsonResponse(200, { id: 3, pairings: [{ id: 1 }] }),
      jsonResponse(201, { id: 4 }),
      jsonResponse(200, { id: 4 }),
    )
    await listHelper({ q: '', unit_id: 5, kind: 'cadre', page: 1, size: 20 })
    const helper = await getHelper(3)
    const input = { name: '张三', kind: 'cadre', unit: '泉湖镇党政办', rank: '', title: '', flags: ['first_secretary'], phone: '13900000000', region_code: '' }
    await addHelper(input)
    await updateHelper(4, input)
    expect(call(mock, 0)[0]).toBe('/api/v1/helpers?unit_id=5&kind=cadre&page=1&size=20')
    expect(helper.pairings).toHaveLength(1)
    expect(call(mock, 1)[0]).toBe('/api/v1/helpers/3')
    expect(body(call(mock, 2)[1])).toEqual(input)
    expect([call(mock, 3)[0], call(mock, 3)[1].method]).toEqual(['/api/v1/helpers/4', 'PUT'])
  })

  it('asks for pairing history with history=1 only when wanted', async () => {
    const mock = stubFetch(jsonResponse(200, { items: [] }), jsonResponse(200, { items: [] }))
    await listPairing({ household: '6209021082000001', history: true })
    await listPairing({ helper_id: 2, history: false })
    expect(call(mock, 0)[0]).toBe('/api/v1/pairings?household=6209021082000001&history=1')
    expect(call(mock, 1)[0]).toBe('/api/v1/pairings?helper_id=2')
  })

  it('opens a pairing, ends one (today or on a date), and reads a village’s board', async () => {
    const mock = stubFetch(jsonResponse(201, { id: 9 }), jsonResponse(200, { id: 9 }), jsonResponse(200, { id: 9 }), jsonResponse(200, { village: {} }))
    await addPairing({ kind: 'cadre_household', helper_id: 2, household_no: '6209021082000001' })
    await endPairing(9)
    await endPairing(9, '2026-11-01')
    await getPairingBoard('620902108200')
    expect([call(mock, 0)[0], call(mock, 0)[1].method]).toEqual(['/api/v1/pairings', 'POST'])
    expect(body(call(mock, 0)[1])).toEqual({ kind: 'cadre_household', helper_id: 2, household_no: '6209021082000001' })
    expect([call(mock, 1)[0], call(mock, 1)[1].method]).toEqual(['/api/v1/pairings/9/end', 'POST'])
    expect(body(call(mock, 1)[1])).toEqual({})
    expect(body(call(mock, 2)[1])).toEqual({ end_date: '2026-11-01' })
    expect(call(mock, 3)[0]).toBe('/api/v1/pairing-board?village=620902108200')
  })

  it('hands back a rule’s refusal as an ApiError whose code is the rule', async () => {
    stubFetch(
      jsonResponse(409, {
        error: {
          code: 'household_coverage',
          message: '规则 household_coverage：户“6209021082000051”须有帮扶人',
          details: [{ field: '', column: '结对', code: 'household_coverage', message: '规则 household_coverage' }],
        },
      }),
    )
    const error = (await endPairing(449).catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect([error.status, error.code]).toEqual([409, 'household_coverage'])
  })

  it('checks coverage, reads and sets rules', async () => {
    const mock = stubFetch(jsonResponse(200, { coverage: 1 }), jsonResponse(200, { set_at: null }), jsonResponse(200, { set_at: '620902108200' }))
    await getCoverage('620902108')
    await getRule('620902108200')
    await updateRule('620902108200', { max_households_per_cadre: 80, required_categories: ['poverty'], group_needs_cadre: false })
    expect(call(mock, 0)[0]).toBe('/api/v1/coverage?region=620902108')
    expect(call(mock, 1)[0]).toBe('/api/v1/rules?region=620902108200')
    expect([call(mock, 2)[0], call(mock, 2)[1].method]).toEqual(['/api/v1/rules/620902108200', 'PUT'])
    expect(body(call(mock, 2)[1])).toEqual({ max_households_per_cadre: 80, required_categories: ['poverty'], group_needs_cadre: false })
  })

  it('reviews an assignment and applies it by its plan_id; plan_changed comes back as 409', async () => {
    const mock = stubFetch(
      jsonResponse(200, { plan_id: 'abc', proposed: 3 }),
      jsonResponse(409, { error: { code: 'plan_changed', message: '数据已变化' } }),
    )
    const plan = await getAssignment('620123105')
    const error = (await applyAssignment('620123105', plan.plan_id).catch((caught: unknown) => caught)) as ApiError
    expect(call(mock, 0)[0]).toBe('/api/v1/assignment?region=620123105')
    expect([call(mock, 1)[0], call(mock, 1)[1].method]).toEqual(['/api/v1/assignment', 'POST'])
    expect(body(call(mock, 1)[1])).toEqual({ region: '620123105', plan_id: 'abc' })
    expect([error.status, error.code]).toEqual([409, 'plan_changed'])
  })

  it('links the printable cards with the cookie the browser sends itself', () => {
    expect(cardsUrl('620902108')).toBe('/api/v1/cards?region=620902108')
    expect(cardsUrl('620902108200', true)).toBe('/api/v1/cards?region=620902108200&download=1')
  })

  it('reads and replaces a region’s organisation, sending only the four member fields', async () => {
    const mock = stubFetch(jsonResponse(200, { members: [] }), jsonResponse(200, { members: [] }))
    await getOrganisation('620902108')
    await updateOrganisation('620902108', [{ role: 'head', role_label: '组长', name: '罗龙', title: '乡党委书记', phone: '' }])
    expect(call(mock, 0)[0]).toBe('/api/v1/organisation?region=620902108')
    expect([call(mock, 1)[0], call(mock, 1)[1].method]).toEqual(['/api/v1/organisation/620902108', 'PUT'])
    expect(body(call(mock, 1)[1])).toEqual({ members: [{ role: 'head', name: '罗龙', title: '乡党委书记', phone: '' }] })
  })
})
