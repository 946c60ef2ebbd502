import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { configureRequest } from '@/api/request'
import type { User } from '@/api/types'
import { useDraft } from '@/composables/useDraft'
import { useAuthStore } from '@/stores/auth'
import { useDictionaryStore } from '@/stores/dictionary'
import { useDraftStore } from '@/stores/drafts'
import { useNetworkStore } from '@/stores/network'
import { freshApp, jsonResponse, stubFetch } from './helpers'

const office: User = {
  id: 2,
  username: 'quanhu',
  display_name: '泉湖镇双联办',
  role: 'office',
  role_label: '双联办',
  region: { code: '620902108', name: '泉湖镇', level: 'township' },
  unit_id: null,
  permissions: ['registry:*', 'import:*', 'stats:*', 'system:audit:list', 'system:dictionary:list'],
  sees_personal_data: true,
  read_only: false,
  disabled: false,
}

describe('auth store', () => {
  beforeEach(() => {
    freshApp()
    configureRequest({})
  })
  afterEach(() => vi.unstubAllGlobals())

  it('signs in, keeps the CSRF token, and answers permissions by pattern', async () => {
    const mock = stubFetch(jsonResponse(200, { user: office, csrf_token: 'c1' }))
    const auth = useAuthStore()
    await auth.login('quanhu', 'secret123')
    expect(mock).toHaveBeenCalledWith('/api/v1/auth/login', expect.objectContaining({ method: 'POST' }))
    expect(auth.signedIn).toBe(true)
    expect(auth.csrfToken).toBe('c1')
    expect(auth.hasPermission('registry:household:edit')).toBe(true)
    expect(auth.hasPermission('system:user:list')).toBe(false)
  })

  it('restores a session from /me, and knows nobody is signed in on 401', async () => {
    stubFetch(jsonResponse(200, { user: office, csrf_token: 'c2' }), jsonResponse(401, { error: { code: 'unauthorized', message: '请先登录' } }))
    const auth = useAuthStore()
    expect(await auth.restore()).toBe(true)
    expect(auth.user?.username).toBe('quanhu')
    auth.forget()
    expect(await auth.restore()).toBe(false)
    expect(auth.checked).toBe(true)
    expect(auth.signedIn).toBe(false)
  })

  it('signs out locally even when the server cannot be told', async () => {
    stubFetch(jsonResponse(200, { user: office, csrf_token: 'c3' }), new TypeError('Failed to fetch'))
    const auth = useAuthStore()
    await auth.login('quanhu', 'secret123')
    await expect(auth.logout()).rejects.toMatchObject({ code: 'network_error' })
    expect(auth.signedIn).toBe(false)
    expect(auth.csrfToken).toBeNull()
  })

  it('rejects a wrong password without signing in', async () => {
    stubFetch(jsonResponse(401, { error: { code: 'invalid_credentials', message: '用户名或密码错误' } }))
    const auth = useAuthStore()
    await expect(auth.login('quanhu', 'wrong')).rejects.toMatchObject({ status: 401 })
    expect(auth.signedIn).toBe(false)
  })
})

describe('network store', () => {
  beforeEach(() => freshApp())

  it('is offline when the browser is, or when the server cannot be reached', () => {
    const network = useNetworkStore()
    expect(network.online).toBe(true)
    network.setServerReachable(false)
    expect(network.online).toBe(false)
    network.setServerReachable(true)
    expect(network.online).toBe(true)
  })

  it('follows the browser’s online and offline events', () => {
    const network = useNetworkStore()
    const stop = network.listen(window)
    window.dispatchEvent(new Event('offline'))
    expect(network.browserOnline).toBe(false)
    expect(network.online).toBe(false)
    window.dispatchEvent(new Event('online'))
    expect(network.online).toBe(true)
    stop()
  })
})

describe('drafts', () => {
  beforeEach(() => freshApp())

  it('keeps a draft in sessionStorage until removed', () => {
    const drafts = useDraftStore()
    drafts.put('household:1', { head_name: '张三' })
    expect(JSON.parse(sessionStorage.getItem('shuanglian.draft.household:1') ?? 'null')).toEqual({ head_name: '张三' })
    freshApp() // a reload of the tab: a new store reads the same sessionStorage
    sessionStorage.setItem('shuanglian.draft.household:1', JSON.stringify({ head_name: '张三' }))
    const reloaded = useDraftStore()
    expect(reloaded.get('household:1')).toEqual({ head_name: '张三' })
    reloaded.remove('household:1')
    expect(reloaded.has('household:1')).toBe(false)
    expect(sessionStorage.getItem('shuanglian.draft.household:1')).toBeNull()
  })

  it('saves a form that differs from the server, drops it when equal, restores it', async () => {
    const form = ref({ head_name: '张三', phone: '' })
    const baseline = ref<{ head_name: string; phone: string } | null>({ head_name: '张三', phone: '' })
    const draft = useDraft(() => 'household:9', form, baseline)
    form.value.phone = '13800000000'
    await nextTick()
    expect(useDraftStore().get('household:9')).toEqual({ head_name: '张三', phone: '13800000000' })

    form.value = { head_name: '张三', phone: '' }
    draft.restore() // the draft store still has the typed phone
    expect(form.value.phone).toBe('13800000000')

    form.value.phone = ''
    await nextTick()
    expect(useDraftStore().has('household:9')).toBe(false)

    form.value.phone = '1'
    await nextTick()
    draft.clear()
    expect(useDraftStore().has('household:9')).toBe(false)
  })
})

describe('dictionary store', () => {
  beforeEach(() => {
    freshApp()
    configureRequest({})
  })
  afterEach(() => vi.unstubAllGlobals())

  it('loads once and answers options and labels', async () => {
    const mock = stubFetch(
      jsonResponse(200, {
        items: [{ name: 'household_category', title: '户属性', items: [{ code: 'subsistence', label: '低保户' }] }],
      }),
    )
    const dictionaries = useDictionaryStore()
    await Promise.all([dictionaries.load(), dictionaries.load()])
    expect(mock).toHaveBeenCalledTimes(1)
    expect(dictionaries.options('household_category')).toEqual([{ code: 'subsistence', label: '低保户' }])
    expect(dictionaries.label('household_category', 'subsistence')).toBe('低保户')
    expect(dictionaries.label('household_category', 'unknown')).toBe('unknown')
    expect(dictionaries.options('nothing')).toEqual([])
  })

  it('tries again after a failed load', async () => {
    stubFetch(new TypeError('Failed to fetch'), jsonResponse(200, { items: [] }))
    const dictionaries = useDictionaryStore()
    await expect(dictionaries.load()).rejects.toMatchObject({ code: 'network_error' })
    await expect(dictionaries.load()).resolves.toBeUndefined()
  })
})
