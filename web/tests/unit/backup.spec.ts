import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { configureRequest, saveFile } from '@/api/request'
import { downloadBackup } from '@/api/system/backup'
import type { User } from '@/api/types'
import { appRoutes, routeAllowed } from '@/router'
import { useAuthStore } from '@/stores/auth'
import BackupView from '@/views/system/BackupView.vue'
import { freshApp, jsonResponse, stubFetch } from './helpers'

// The browser's save dialog is not jsdom's to open: the file handed to it is what counts.
vi.mock('@/api/request', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/request')>()),
  saveFile: vi.fn(),
}))
vi.mock('@/utils/feedback', () => ({
  confirmAction: vi.fn(async () => true),
  toastSuccess: vi.fn(),
  toastInfo: vi.fn(),
}))

type Call = [string, RequestInit]
const SQLITE_HEADER = 'SQLite format 3\0'
const DISPOSITION =
  "attachment; filename=\"shuanglian-backup.db\"; filename*=UTF-8''%E5%8F%8C%E8%81%94%E6%95%B0%E6%8D%AE%E5%BA%93%E5%A4%87%E4%BB%BD-20261207-214005.db"

function databaseFile(): Response {
  return new Response(`${SQLITE_HEADER}rest of the pages`, {
    status: 200,
    headers: { 'Content-Type': 'application/vnd.sqlite3', 'Content-Disposition': DISPOSITION },
  })
}

function signInAs(role: string, permissions: string[]): void {
  const auth = useAuthStore()
  const user: User = {
    id: 1,
    username: role,
    display_name: role,
    role,
    role_label: role,
    region: null,
    unit_id: null,
    permissions,
    sees_personal_data: true,
    read_only: false,
    disabled: false,
  }
  auth.user = user
  auth.checked = true
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('backup API module', () => {
  beforeEach(() => configureRequest({ csrfToken: () => 'csrf-1' }))

  it('POSTs /api/v1/backup with the CSRF token and names the file as the server does', async () => {
    const mock = stubFetch(databaseFile())
    const file = await downloadBackup()
    const [url, init] = mock.mock.calls[0] as unknown as Call
    expect(url).toBe('/api/v1/backup')
    expect(init.method).toBe('POST')
    expect(init.body).toBeUndefined()
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1')
    expect(file.fileName).toBe('双联数据库备份-20261207-214005.db')
    expect((await file.blob.text()).startsWith(SQLITE_HEADER)).toBe(true)
  })

  it('falls back to a plain name without Content-Disposition', async () => {
    stubFetch(new Response('SQLite format 3\0', { status: 200 }))
    expect((await downloadBackup()).fileName).toBe('双联数据库备份.db')
  })
})

describe('the backup screen', () => {
  it('is a system menu entry for system:backup:export only', () => {
    freshApp()
    const route = appRoutes.find((candidate) => candidate.path === 'system/backup')
    expect(route?.meta).toMatchObject({ permission: 'system:backup:export', menu: 'system', titleKey: 'nav.backup' })
    signInAs('admin', ['*'])
    expect(routeAllowed(route?.meta)).toBe(true)
    signInAs('office', ['registry:*', 'stats:*', 'import:*', 'pairing:*', 'fieldwork:*', 'system:audit:list', 'system:dictionary:list'])
    expect(routeAllowed(route?.meta)).toBe(false)
  })
})

describe('BackupView', () => {
  beforeEach(() => configureRequest({ csrfToken: () => 'csrf-1' }))

  it('explains the file in Chinese and hands the downloaded file to the save dialog', async () => {
    const { plugins } = freshApp()
    let answer: (response: Response) => void = () => undefined
    const mock = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)))
    vi.stubGlobal('fetch', mock)
    const wrapper = mount(BackupView, { global: { plugins }, attachTo: document.body })
    const text = wrapper.text()
    expect(text).toContain('操作日志')
    expect(text).toContain('个人信息')
    expect(text).toContain('数据库文件.photos')
    expect(text).toContain('shuanglian backup --db 数据库文件 -o 备份.db')
    expect(text).toContain('shuanglian restore --from 备份.db --db 数据库文件')
    expect(text).toContain('PostgreSQL')

    await wrapper.get('[data-testid="backup-download"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="backup-download"]').classes()).toContain('is-loading')
    expect(wrapper.find('[data-testid="backup-downloading"]').exists()).toBe(true)
    expect(mock).toHaveBeenCalledTimes(1)

    answer(databaseFile())
    await flushPromises()
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1))
    const saved = vi.mocked(saveFile).mock.calls[0][0]
    expect(saved.fileName).toBe('双联数据库备份-20261207-214005.db')
    expect(wrapper.get('[data-testid="backup-download"]').classes()).not.toContain('is-loading')
    expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the server’s reason when the server is on PostgreSQL, and saves nothing', async () => {
    const { plugins } = freshApp()
    const message = '服务器上的 PostgreSQL 数据库请用 pg_dump 等工具备份（见 docs/backup.md）'
    stubFetch(jsonResponse(409, { error: { code: 'backup_unsupported', message } }))
    const wrapper = mount(BackupView, { global: { plugins }, attachTo: document.body })
    await wrapper.get('[data-testid="backup-download"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain(message)
    expect(saveFile).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="backup-download"]').classes()).not.toContain('is-loading')
    wrapper.unmount()
  })

  it('speaks English when the user chose it, the refusal included', async () => {
    const { plugins } = freshApp('en-US')
    stubFetch(jsonResponse(409, { error: { code: 'backup_unsupported', message: '服务器上的 PostgreSQL 数据库请用 pg_dump 等工具备份' } }))
    const wrapper = mount(BackupView, { global: { plugins }, attachTo: document.body })
    expect(wrapper.text()).toContain('Every download is written to the audit log.')
    await wrapper.get('[data-testid="backup-download"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('back it up with pg_dump')
    wrapper.unmount()
  })
})
