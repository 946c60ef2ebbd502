import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError, configureRequest } from '@/api/request'
import ApiErrorAlert from '@/components/ApiErrorAlert.vue'
import NetworkBanner from '@/components/NetworkBanner.vue'
import StatCard from '@/components/StatCard.vue'
import { useAuthStore } from '@/stores/auth'
import { useDraftStore } from '@/stores/drafts'
import { useNetworkStore } from '@/stores/network'
import HouseholdDetail from '@/views/household/HouseholdDetail.vue'
import LoginView from '@/views/login/LoginView.vue'
import { freshApp, jsonResponse, stubFetch, validationError } from './helpers'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('ApiErrorAlert', () => {
  beforeEach(() => freshApp())

  it('shows nothing without an error', () => {
    const wrapper = mount(ApiErrorAlert, { props: { error: null }, global: { plugins: freshApp().plugins } })
    expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(false)
  })

  it('shows the message and the details no field shows', () => {
    const { plugins } = freshApp()
    const error = new ApiError(400, 'validation_failed', '填写的内容有误', [
      { field: 'phone', code: 'bad_phone', message: '电话号码格式错误' },
      { field: 'group', code: 'unknown_group', message: '小组不存在' },
    ])
    const wrapper = mount(ApiErrorAlert, { props: { error, shownFields: ['phone'] }, global: { plugins } })
    expect(wrapper.text()).toContain('填写的内容有误')
    expect(wrapper.text()).toContain('小组不存在')
    expect(wrapper.text()).not.toContain('电话号码格式错误')
  })

  it('speaks English when the user chose it', () => {
    const { plugins } = freshApp('en-US')
    const wrapper = mount(ApiErrorAlert, { props: { error: new ApiError(403, 'forbidden', '没有权限') }, global: { plugins } })
    expect(wrapper.text()).toContain('You are not allowed to do this')
  })
})

describe('NetworkBanner', () => {
  it('says the connection is lost while offline', async () => {
    const { plugins } = freshApp()
    const wrapper = mount(NetworkBanner, { global: { plugins } })
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(false)
    useNetworkStore().setServerReachable(false)
    await flushPromises()
    expect(wrapper.get('[data-testid="offline-banner"]').text()).toContain('网络连接已断开')
  })
})

describe('StatCard', () => {
  it('shows the figure grouped and keeps the raw value', () => {
    const { plugins } = freshApp()
    const wrapper = mount(StatCard, { props: { label: '人口', value: 19834, figure: 'persons' }, global: { plugins } })
    expect(wrapper.attributes('data-value')).toBe('19834')
    expect(wrapper.text()).toContain('人口')
    expect(wrapper.text().replace(/\D/g, '')).toBe('19834')
  })
})

function testRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/households', name: 'households', component: { template: '<div />' } },
      { path: '/households/:no', name: 'household', component: HouseholdDetail },
      { path: '/dashboard', name: 'dashboard', component: { template: '<div />' } },
    ],
  })
}

describe('LoginView', () => {
  beforeEach(() => configureRequest({}))

  it('shows the server’s reason beside the form when sign-in fails', async () => {
    const { plugins } = freshApp()
    stubFetch(jsonResponse(423, { error: { code: 'account_locked', message: '账号已锁定，请 15 分钟后再试' } }))
    const router = testRouter()
    await router.push('/login')
    const wrapper = mount(LoginView, { global: { plugins: [...plugins, router] }, attachTo: document.body })
    await wrapper.get('input[name="username"]').setValue('quanhu')
    await wrapper.get('input[name="password"]').setValue('wrong-password1')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('账号已锁定')
    expect(useAuthStore().signedIn).toBe(false)
    wrapper.unmount()
  })
})

describe('HouseholdDetail', () => {
  const household = {
    household_no: '6209021082000001',
    head_name: '沈有福',
    head_id_number: '620902195103200014',
    village: { code: '620902108200', name: '四坝村' },
    village_code: '620902108200',
    group: { code: '620902108200001', name: '一组' },
    group_code: '620902108200001',
    category: 'general',
    category_label: '一般农户',
    main_cause: '',
    main_cause_label: '',
    exit_status: '',
    exit_status_label: '',
    member_count: 1,
    declared_members: 1,
    members: 1,
    labour_count: 1,
    per_capita_income: 3445,
    phone: '15929203706',
    member_list: [],
  }

  it('shows each validation message at its field and keeps what was typed', async () => {
    const { plugins } = freshApp()
    configureRequest({})
    const auth = useAuthStore()
    auth.user = {
      id: 1,
      username: 'admin',
      display_name: '管理员',
      role: 'admin',
      role_label: '系统管理员',
      region: null,
      unit_id: null,
      permissions: ['*'],
      sees_personal_data: true,
      read_only: false,
      disabled: false,
    }
    auth.checked = true
    stubFetch(
      jsonResponse(200, household),
      validationError([
        { field: 'head_id_number', column: '户主证件号码', code: 'id_check_digit', message: '证件号码校验位错误（末位应为 7）' },
      ]),
    )
    const router = testRouter()
    await router.push('/households/6209021082000001')
    const wrapper = mount(HouseholdDetail, { global: { plugins: [...plugins, router] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.text()).toContain('沈有福')

    await wrapper.get('[data-testid="household-edit"]').trigger('click')
    await flushPromises()
    const idInput = wrapper.get('[data-field="head_id_number"] input')
    await idInput.setValue('620902195103200011')
    await wrapper.get('[data-testid="household-save"]').trigger('click')
    await flushPromises()

    await vi.waitFor(() => {
      const item = wrapper.get('[data-field="head_id_number"]')
      expect(item.classes()).toContain('is-error')
      expect(item.text()).toContain('校验位错误（末位应为 7）')
    })
    expect((wrapper.get('[data-field="head_id_number"] input').element as HTMLInputElement).value).toBe('620902195103200011')
    // The typed value waits in the draft store (sessionStorage) until the server saves it.
    expect(useDraftStore().get<{ head_id_number: string }>('household:6209021082000001')?.head_id_number).toBe('620902195103200011')
    wrapper.unmount()
  })
})
