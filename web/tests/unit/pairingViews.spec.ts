import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { configureRequest } from '@/api/request'
import type { AssignmentPlan, PairingBoard } from '@/api/types'
import AssignmentView from '@/views/pairing/AssignmentView.vue'
import HelperForm from '@/views/pairing/HelperForm.vue'
import PairingBoardView from '@/views/pairing/PairingBoard.vue'
import { freshApp, jsonResponse, signInAs } from './helpers'

// Confirmations say yes at once (Element Plus's message box needs a real layout).
vi.mock('@/utils/feedback', () => ({
  confirmAction: vi.fn(async () => true),
  toastSuccess: vi.fn(),
  toastInfo: vi.fn(),
}))

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

/**
 * fetch answering by "METHOD /path?query" (or "METHOD /path"), each key's answers in turn;
 * the region tree's own requests get an empty answer. Returns the mock to inspect calls.
 */
function stubRoutes(routes: Record<string, Response[]>) {
  const mock = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    const path = url.split('?')[0]
    const answers = routes[`${method} ${url}`] ?? routes[`${method} ${path}`]
    if (answers?.length) return answers.shift() as Response
    if (path.startsWith('/api/v1/regions')) return jsonResponse(200, { items: [], code: path.split('/').pop(), name: '', level: '' })
    throw new Error(`unexpected ${method} ${url}`)
  })
  vi.stubGlobal('fetch', mock)
  return mock
}
const callsTo = (mock: ReturnType<typeof stubRoutes>, prefix: string) =>
  (mock.mock.calls as unknown as [string, RequestInit | undefined][]).filter(([url, init]) => `${init?.method ?? 'GET'} ${url}`.startsWith(prefix))

const stub = { template: '<div />' }
function testRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/pairing/board', name: 'pairing-board', component: PairingBoardView },
      { path: '/pairing/assignment', name: 'assignment', component: AssignmentView },
      { path: '/households/:no', name: 'household', component: stub },
      { path: '/pairing/helpers/:id', name: 'helper', component: stub },
      { path: '/pairing/helpers', name: 'helpers', component: stub },
      { path: '/pairing/coverage', name: 'coverage', component: stub },
    ],
  })
}


const OFFICE = ['registry:*', 'stats:*', 'pairing:*']

describe('HelperForm', () => {
  it('shows 409 phone_taken at the phone field and keeps what was typed', async () => {
    const { plugins } = freshApp()
    configureRequest({})
    signInAs('office', OFFICE)
    stubRoutes({
      'POST /api/v1/helpers': [jsonResponse(409, {
        error: {
          code: 'phone_taken',
          message: '电话号码 13909370001 已登记为“丁福振”的号码，一个号码只能属于一人',
          details: [{ field: 'phone', column: '联系电话', code: 'phone_taken', message: '电话号码 13909370001 已登记为“丁福振”的号码' }],
        },
      })],
    })
    const wrapper = mount(HelperForm, { props: { modelValue: true, helper: null }, global: { plugins }, attachTo: document.body })
    await flushPromises()
    const field = () => document.querySelector('[data-field="phone"]') as HTMLElement
    const input = field().querySelector('input') as HTMLInputElement
    input.value = '13909370001'
    input.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="helper-save"]') as HTMLElement).click()
    await flushPromises()
    await vi.waitFor(() => {
      expect(field().classList).toContain('is-error')
      expect(field().textContent).toContain('已登记为“丁福振”的号码')
    })
    expect((field().querySelector('input') as HTMLInputElement).value).toBe('13909370001')
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })
})

describe('AssignmentView', () => {
  const plan = (id: string, proposed: number): AssignmentPlan => ({
    region: '620123105',
    applied: false,
    uncovered: proposed,
    proposed,
    unplaced: 0,
    cadres: 88,
    cadres_receiving: 42,
    max_households_per_cadre: 100,
    cost: -1,
    plan_id: id,
    solve_seconds: 0.001,
    greedy_cost: null,
    exact_cost: null,
    proposals_listed: proposed,
    proposals: Array.from({ length: proposed }, (_, index) => ({
      household_no: `620123105201${String(index + 1).padStart(4, '0')}`,
      head_name: `户主${index}`,
      village_code: '620123105201',
      category: 'poverty',
      category_label: '扶贫户',
      helper: { id: 94, name: '傅林龙', unit: '兰州市第六十中学' },
      same_village: true,
    })),
  })

  it('reloads the proposal for another review when the data changed (409 plan_changed)', async () => {
    const { plugins } = freshApp()
    configureRequest({})
    signInAs('office', OFFICE)
    const mock = stubRoutes({
      'GET /api/v1/assignment': [jsonResponse(200, plan('first', 3)), jsonResponse(200, plan('second', 2))],
      'POST /api/v1/assignment': [jsonResponse(409, { error: { code: 'plan_changed', message: '数据已变化，建议方案与您审阅的不同；请重新查看建议后再确认' } })],
    })
    const router = testRouter()
    await router.push('/pairing/assignment?region=620123105')
    const wrapper = mount(AssignmentView, { global: { plugins: [...plugins, router] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.get('[data-testid="assignment-counts"]').attributes('data-plan')).toBe('first')
    expect(wrapper.findAll('[data-testid="proposal-table"] .el-table__row')).toHaveLength(3)

    await wrapper.get('[data-testid="assignment-apply"]').trigger('click')
    await flushPromises()
    const [[, apply]] = callsTo(mock, 'POST /api/v1/assignment')
    expect(JSON.parse(String(apply?.body))).toEqual({ region: '620123105', plan_id: 'first' })
    await vi.waitFor(() => expect(callsTo(mock, 'GET /api/v1/assignment')).toHaveLength(2))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-changed"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="assignment-apply-error"]').text()).toContain('数据已变化')
    expect(wrapper.get('[data-testid="assignment-counts"]').attributes('data-plan')).toBe('second')
    expect(wrapper.find('[data-testid="assignment-applied"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('PairingBoard', () => {
  const active = (id: number, household_no: string) => ({
    id,
    kind: 'cadre_household',
    kind_label: '干部联系户',
    helper: { id: 2, name: '薛斌录', phone: '13909370002', unit: '泉湖镇党政办' },
    unit: null,
    village_code: '620902108200',
    group_code: null,
    household: { household_no, head_name: '沈有福' },
    start_date: '2012-03-06',
    end_date: null,
    active: true,
    note: '',
    created_by: 'demo',
  })
  const board: PairingBoard = {
    village: { code: '620902108200', name: '四坝村' },
    pairings: [],
    groups: [
      {
        code: '620902108200001',
        name: '一组',
        pairings: [],
        households: [
          { household_no: '6209021082000001', head_name: '沈有福', category: 'subsistence', category_label: '低保户', pairings: [active(449, '6209021082000001')] },
          { household_no: '6209021082000002', head_name: '唐学录', category: 'poverty', category_label: '扶贫户', pairings: [] },
          { household_no: '6209021082000003', head_name: '任凤红', category: 'general', category_label: '一般农户', pairings: [] },
        ],
      },
    ],
    households_without_group: [],
  }

  it('marks the households without a helper and names the rule that refuses an end', async () => {
    const { plugins } = freshApp()
    configureRequest({})
    signInAs('office', OFFICE)
    const mock = stubRoutes({
      'GET /api/v1/pairing-board': [jsonResponse(200, board)],
      'GET /api/v1/rules?region=620902108200': [
        jsonResponse(200, {
          max_households_per_cadre: 100,
          required_categories: ['poverty', 'subsistence'],
          village_needs_leader: true,
          village_needs_unit: true,
          group_needs_cadre: true,
          set_at: null,
        }),
      ],
      'POST /api/v1/pairings/449/end': [jsonResponse(409, {
        error: {
          code: 'household_coverage',
          message: '规则 household_coverage：户“6209021082000001”须有帮扶人；请直接为其更换帮扶人（原结对自动结束）',
          details: [{ field: '', column: '结对', code: 'household_coverage', message: '规则 household_coverage' }],
        },
      })],
    })
    const router = testRouter()
    await router.push('/pairing/board?village=620902108200')
    const wrapper = mount(PairingBoardView, { global: { plugins: [...plugins, router] }, attachTo: document.body })
    await flushPromises()

    const row = (no: string) => wrapper.get(`[data-household="${no}"]`)
    expect(row('6209021082000001').attributes('data-covered')).toBe('1')
    expect(row('6209021082000002').attributes('data-covered')).toBe('0')
    expect(row('6209021082000002').classes()).toContain('board__household--uncovered')
    expect(row('6209021082000002').text()).toContain('无帮扶人')
    // Without a helper but not of a category the rules require: shown, not flagged as a gap.
    expect(row('6209021082000003').attributes('data-covered')).toBe('0')
    expect(row('6209021082000003').attributes('data-gap')).toBe('0')
    expect(row('6209021082000003').classes()).not.toContain('board__household--uncovered')
    expect(row('6209021082000002').attributes('data-gap')).toBe('1')
    const figure = wrapper.get('[data-figure="without_helper"]')
    expect([figure.attributes('data-value'), figure.attributes('data-gaps')]).toEqual(['2', '1'])
    expect(figure.text()).toContain('其中须覆盖 1 户')

    await wrapper.get('[data-pairing="449"] .el-tag__close').trigger('click')
    await flushPromises()
    expect(callsTo(mock, 'POST /api/v1/pairings/449/end')).toHaveLength(1)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="refused-rule"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="pairing-error"]').attributes('data-rule')).toBe('household_coverage')
    expect(wrapper.get('[data-testid="refused-rule"]').text()).toContain('household_coverage')
    expect(wrapper.get('[data-testid="pairing-error"]').text()).toContain('须有帮扶人')
    wrapper.unmount()
  })

  it('gives a cadre the villages of their own pairings instead of the region tree', async () => {
    const { plugins } = freshApp()
    configureRequest({})
    signInAs('cadre', ['registry:household:list', 'registry:household:query', 'pairing:pairing:list', 'pairing:card:export'], {
      region: null,
      helper_id: 104,
    })
    const mock = stubRoutes({
      'GET /api/v1/pairings?page=1&size=200': [
        jsonResponse(200, {
          items: [
            { ...active(7, '6201231052010043'), village_code: '620123105201' },
            { ...active(8, '6201231052080027'), village_code: '620123105208' },
          ],
          total: 2,
          page: 1,
          size: 200,
        }),
      ],
      'GET /api/v1/households': [
        jsonResponse(200, { items: [{ household_no: '6201231052010043', village: { code: '620123105201', name: '三墩营村' } }], total: 2, page: 1, size: 200 }),
      ],
      'GET /api/v1/pairing-board?village=620123105201': [jsonResponse(200, { ...board, village: { code: '620123105201', name: '三墩营村' } })],
    })
    const router = testRouter()
    await router.push('/pairing/board')
    const wrapper = mount(PairingBoardView, { global: { plugins: [...plugins, router] }, attachTo: document.body })
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="board-village"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="region-picker"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="my-villages"]').exists()).toBe(true)
    expect(callsTo(mock, 'GET /api/v1/regions')).toHaveLength(0)
    expect(callsTo(mock, 'GET /api/v1/pairing-board')).toHaveLength(1)
    // Neither adding nor ending: a cadre reads.
    expect(wrapper.find('.el-tag__close').exists()).toBe(false)
    expect(wrapper.find('[data-add]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="cards-open"]').attributes('href')).toBe('/api/v1/cards?region=620123105201')
    wrapper.unmount()
  })
})
