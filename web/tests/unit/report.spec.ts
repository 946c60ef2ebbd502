import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError, configureRequest, saveFile } from '@/api/request'
import { downloadProgressReport, fetchProgressReport } from '@/api/stats/report'
import type { ProgressReportDocument, Region, User } from '@/api/types'
import AppLayout from '@/layout/AppLayout.vue'
import { appRoutes, routeAllowed } from '@/router'
import { PERMISSIONS } from '@/utils/permission'
import ProgressReportView from '@/views/report/ProgressReportView.vue'
import { freshApp, jsonResponse, signInAs as signInAsUser, stubFetch } from './helpers'

// The browser's save dialog is not jsdom's to open: the file handed to it is what counts.
vi.mock('@/api/request', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/request')>()),
  saveFile: vi.fn(),
}))

type Call = [string, RequestInit]
const GANCAO = '620123105'
const REPORT_PATH = '/api/v1/reports/progress'
const WORD_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
// 甘草店镇双联行动进展情况汇报-2012-05-31.docx, as src/api/export.cpp's ContentDisposition writes it.
const DOCX_NAME = '甘草店镇双联行动进展情况汇报-2012-05-31.docx'
const DISPOSITION = `attachment; filename="export.docx"; filename*=UTF-8''${encodeURIComponent(DOCX_NAME)}`

/** A report as GET /reports/progress answers it: every kind of block. */
function sampleReport(): ProgressReportDocument {
  return {
    title: '甘草店镇双联行动进展情况汇报',
    subtitle: '（2012年1月1日至2012年5月31日）',
    note: '本稿由双联帮扶管理系统按截至2012年5月31日的记录生成。',
    region: { code: GANCAO, name: '甘草店镇' },
    year: 2012,
    as_of: '2012-05-31',
    sections: [
      {
        title: '一、基本情况',
        blocks: [
          { kind: 'paragraph', text: '现有贫困户2331户8426人，占全镇总人口的45.3%。' },
          { kind: 'warning', text: '甘草店镇贫困户数：填报2323户，按记录计算为2331户。' },
        ],
      },
      {
        title: '二、主要做法',
        blocks: [
          {
            kind: 'table',
            table: {
              caption: '各村“五个百”进度',
              header: ['区划', '干部', '驻村天数'],
              rows: [
                ['三墩营村', '10', '244'],
                ['西村', '7', '192'],
              ],
              numeric: [false, true, true],
            },
          },
          { kind: 'to_fill', text: '宣传发动、组织领导、制度建设等方面的具体做法和经验。' },
        ],
      },
    ],
  }
}

function wordFile(): Response {
  return new Response('PK\u0003\u0004word/document.xml', {
    status: 200,
    headers: { 'Content-Type': WORD_TYPE, 'Content-Disposition': DISPOSITION },
  })
}

// A user of 甘草店镇 unless `extra` says.
function signInAs(role: string, permissions: string[], extra: Partial<User> = {}): void {
  signInAsUser(role, permissions, { region: { code: GANCAO, name: '甘草店镇' }, ...extra })
}

// The roles' permissions as GET /roles lists them (src/core/access.cpp).
const ROLES: Record<string, string[]> = {
  admin: ['*'],
  office: ['registry:*', 'import:*', 'stats:*', 'pairing:*', 'fieldwork:*', 'system:audit:list', 'system:dictionary:list'],
  leader: ['registry:*:list', 'registry:*:query', 'registry:*:export', 'stats:*', 'pairing:*:list', 'pairing:*:query', 'pairing:*:export', 'fieldwork:*:list', 'fieldwork:*:query', 'fieldwork:*:export', 'system:dictionary:list'],
  cadre: ['registry:household:list', 'registry:household:query', 'registry:person:list', 'registry:person:query', 'pairing:pairing:list', 'pairing:card:export', 'fieldwork:record:*', 'fieldwork:problem:handle', 'fieldwork:progress:query', 'system:dictionary:list'],
}

const ROOT: Region = { code: GANCAO, name: '甘草店镇', level: 'township', level_label: '乡镇', has_children: true }

/**
 * fetch answering by path: the region tree gets `roots` (and the region asked), the report
 * and its files the answers given, in turn. Returns the mock to inspect calls.
 */
function stubServer(reports: Response[], roots: Region[] = [ROOT]) {
  const mock = vi.fn(async (url: string) => {
    const path = url.split('?')[0]
    if (path === '/api/v1/regions/roots') return jsonResponse(200, { items: roots })
    if (path.startsWith('/api/v1/regions/')) return jsonResponse(200, ROOT)
    if (path === '/api/v1/dictionaries') return jsonResponse(200, { items: [] })
    if (path === REPORT_PATH && reports.length) return reports.shift() as Response
    throw new Error(`unexpected GET ${url}`)
  })
  vi.stubGlobal('fetch', mock)
  return mock
}
const reportCalls = (mock: ReturnType<typeof stubServer>) =>
  (mock.mock.calls as unknown as Call[]).map(([url]) => url).filter((url) => url.startsWith(REPORT_PATH))

function testRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/reports/progress', name: 'progress-report', component: ProgressReportView }],
  })
}

async function mountView(path: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const { plugins } = freshApp(locale)
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(ProgressReportView, { global: { plugins: [...plugins, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('report API module', () => {
  beforeEach(() => configureRequest({ csrfToken: () => 'csrf-1' }))

  it('GETs /api/v1/reports/progress with region, year and as_of as JSON', async () => {
    const mock = stubFetch(jsonResponse(200, sampleReport()))
    const report = await fetchProgressReport({ region: GANCAO, year: 2012, as_of: '2012-05-31' })
    const [url, init] = mock.mock.calls[0] as unknown as Call
    expect(url).toBe(`${REPORT_PATH}?region=${GANCAO}&year=2012&as_of=2012-05-31`)
    expect(init.method).toBe('GET')
    expect((init.headers as Record<string, string>).Accept).toBe('application/json')
    expect(report.title).toBe('甘草店镇双联行动进展情况汇报')
    expect(report.sections[0].blocks.map((block) => block.kind)).toEqual(['paragraph', 'warning'])
  })

  it('leaves out what the server defaults (year, as_of) and asks no format for JSON', async () => {
    const mock = stubFetch(jsonResponse(200, sampleReport()))
    await fetchProgressReport({ region: GANCAO })
    expect((mock.mock.calls[0] as unknown as Call)[0]).toBe(`${REPORT_PATH}?region=${GANCAO}`)
  })

  it('downloads the Word file with format=docx and names it from filename*', async () => {
    const mock = stubFetch(wordFile())
    const file = await downloadProgressReport({ region: GANCAO, year: 2012, as_of: '2012-05-31' }, 'docx')
    const [url, init] = mock.mock.calls[0] as unknown as Call
    expect(url).toBe(`${REPORT_PATH}?region=${GANCAO}&year=2012&as_of=2012-05-31&format=docx`)
    expect(init.method).toBe('GET')
    expect(file.fileName).toBe(DOCX_NAME)
    expect((await file.blob.text()).startsWith('PK')).toBe(true)
  })

  it('asks format=html and format=md the same way, with a plain name when the header is missing', async () => {
    const mock = stubFetch(new Response('<!DOCTYPE html>', { status: 200 }), new Response('# 汇报', { status: 200 }))
    expect((await downloadProgressReport({ region: GANCAO, year: 2012 }, 'html')).fileName).toBe('双联行动进展情况汇报.html')
    expect((await downloadProgressReport({ region: GANCAO, year: 2012 }, 'md')).fileName).toBe('双联行动进展情况汇报.md')
    const urls = (mock.mock.calls as unknown as Call[]).map(([url]) => url)
    expect(urls).toEqual([`${REPORT_PATH}?region=${GANCAO}&year=2012&format=html`, `${REPORT_PATH}?region=${GANCAO}&year=2012&format=md`])
  })

  it('turns a refusal into an ApiError with its details', async () => {
    const message = '截止日期 2011-01-01 早于 2012 年：请换一个截止日期或年份'
    stubFetch(jsonResponse(400, { error: { code: 'bad_parameter', message, details: [{ field: 'as_of', code: 'bad_parameter' }] } }))
    const refusal = await fetchProgressReport({ region: GANCAO, year: 2012, as_of: '2011-01-01' }).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(ApiError)
    expect((refusal as ApiError).status).toBe(400)
    expect((refusal as ApiError).message).toBe(message)
    expect((refusal as ApiError).details[0]).toMatchObject({ field: 'as_of', code: 'bad_parameter' })
  })
})

describe('the 进展汇报 screen’s permission', () => {
  const route = () => appRoutes.find((candidate) => candidate.path === 'reports/progress')

  it('is a main menu entry after the dashboard, for stats:report:export', () => {
    freshApp()
    expect(PERMISSIONS.reportExport).toBe('stats:report:export')
    expect(route()?.name).toBe('progress-report')
    expect(route()?.meta).toMatchObject({ permission: 'stats:report:export', menu: 'main', titleKey: 'nav.progressReport' })
    const main = appRoutes.filter((candidate) => candidate.meta?.menu === 'main').map((candidate) => candidate.name)
    expect(main.indexOf('progress-report')).toBe(main.indexOf('dashboard') + 1)
  })

  it.each([
    ['admin', true],
    ['office', true],
    ['leader', true],
    ['cadre', false],
  ])('%s may open it: %s', (role, allowed) => {
    freshApp()
    signInAs(role, ROLES[role], role === 'cadre' ? { helper_id: 7, region: null } : {})
    expect(routeAllowed(route()?.meta)).toBe(allowed)
  })

  it.each([
    ['office', true],
    ['cadre', false],
  ])('is in the side menu of a %s: %s', async (role, shown) => {
    const { plugins } = freshApp()
    configureRequest({})
    // (A cadre without a helper: a helper's outbox would start sending, which is not what is tested.)
    signInAs(role, ROLES[role], role === 'cadre' ? { region: null } : {})
    stubServer([])
    const stub = { template: '<div />' }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', component: stub, children: appRoutes.map((screen) => ({ path: screen.path, name: screen.name, component: stub })) }],
    })
    await router.push('/')
    const wrapper = mount(AppLayout, { global: { plugins: [...plugins, router], stubs: { 'router-view': true } }, attachTo: document.body })
    await flushPromises()
    const menu = wrapper.get('[data-testid="side-menu"]').text()
    expect(menu.includes('进展汇报')).toBe(shown)
    if (shown) expect(menu).toContain('统计看板')
    wrapper.unmount()
  })
})

describe('ProgressReportView', () => {
  beforeEach(() => configureRequest({}))

  it('opens a linked report at once and shows every kind of block', async () => {
    const mock = stubServer([jsonResponse(200, sampleReport())])
    const { wrapper } = await mountView(`/reports/progress?region=${GANCAO}&year=2012&as_of=2012-05-31`)
    expect(reportCalls(mock)).toEqual([`${REPORT_PATH}?region=${GANCAO}&year=2012&as_of=2012-05-31`])

    const doc = wrapper.get('[data-testid="report-doc"]')
    expect(doc.attributes('data-region')).toBe(GANCAO)
    expect(doc.attributes('data-as-of')).toBe('2012-05-31')
    const title = wrapper.get('[data-testid="report-title"]')
    expect(title.element.tagName).toBe('H1')
    expect(title.classes()).toContain('report-doc__title')
    expect(title.text()).toBe('甘草店镇双联行动进展情况汇报')
    expect(wrapper.get('[data-testid="report-subtitle"]').text()).toBe('（2012年1月1日至2012年5月31日）')
    expect(wrapper.get('[data-testid="report-note"]').text()).toContain('本稿由双联帮扶管理系统')
    expect(wrapper.findAll('[data-testid="report-section"] h2').map((heading) => heading.text())).toEqual(['一、基本情况', '二、主要做法'])

    // Computed text: a paragraph, indented as the document's body text.
    const paragraph = wrapper.get('[data-kind="paragraph"]')
    expect(paragraph.element.tagName).toBe('P')
    expect(paragraph.classes()).toContain('report-doc__paragraph')
    expect(paragraph.text()).toBe('现有贫困户2331户8426人，占全镇总人口的45.3%。')

    // A figure the records flag: marked ⚠ and set apart.
    const warning = wrapper.get('[data-kind="warning"]')
    expect(warning.classes()).toContain('report-doc__warning')
    expect(warning.text()).toBe('⚠甘草店镇贫困户数：填报2323户，按记录计算为2331户。')
    expect(warning.attributes('aria-label')).toBe('需核对')

    // What the author must write: a grey placeholder.
    const toFill = wrapper.get('[data-kind="to_fill"]')
    expect(toFill.classes()).toContain('report-doc__to-fill')
    expect(toFill.text()).toBe('（待填写）宣传发动、组织领导、制度建设等方面的具体做法和经验。')

    // A table: its caption, header and rows, the numeric columns right-aligned.
    const table = wrapper.get('[data-kind="table"] table')
    expect(table.get('caption').text()).toBe('各村“五个百”进度')
    expect(table.findAll('th').map((cell) => [cell.text(), cell.classes().includes('is-numeric')])).toEqual([
      ['区划', false],
      ['干部', true],
      ['驻村天数', true],
    ])
    const rows = table.findAll('tbody tr')
    expect(rows.map((row) => row.findAll('td').map((cell) => cell.text()))).toEqual([
      ['三墩营村', '10', '244'],
      ['西村', '7', '192'],
    ])
    expect(rows[0].findAll('td').map((cell) => cell.classes().includes('is-numeric'))).toEqual([false, true, true])
    expect(rows[0].findAll('td').map((cell) => cell.attributes('data-numeric'))).toEqual(['0', '1', '1'])
    wrapper.unmount()
  })

  it('generates the user’s own region when 生成 is clicked, busy until the answer, and keeps it in the URL', async () => {
    let answer: (response: Response) => void = () => undefined
    const mock = stubServer([])
    const pending = new Promise<Response>((resolve) => (answer = resolve))
    mock.mockImplementation(async (url: string) => {
      const path = url.split('?')[0]
      if (path === '/api/v1/regions/roots') return jsonResponse(200, { items: [ROOT] })
      if (path.startsWith('/api/v1/regions/')) return jsonResponse(200, ROOT)
      if (path === REPORT_PATH) return pending
      throw new Error(`unexpected GET ${url}`)
    })
    const { wrapper, router } = await mountView('/reports/progress')
    expect(reportCalls(mock)).toEqual([])
    expect(wrapper.find('[data-testid="report-doc"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('点“生成”')

    // The picker's first root is the user's own region: the report is asked for it.
    const generate = wrapper.get('[data-testid="report-generate"]')
    await vi.waitFor(() => expect(generate.attributes('disabled')).toBeUndefined())
    await generate.trigger('click')
    await flushPromises()
    const thisYear = new Date().getFullYear()
    expect(reportCalls(mock)).toEqual([`${REPORT_PATH}?region=${GANCAO}&year=${thisYear}`])
    expect(generate.classes()).toContain('is-loading')
    expect(wrapper.get('[data-testid="report-body"]').attributes('data-loading')).toBe('1')
    expect(router.currentRoute.value.query).toEqual({ region: GANCAO, year: String(thisYear) })

    answer(jsonResponse(200, sampleReport()))
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="report-doc"]').exists()).toBe(true))
    expect(generate.classes()).not.toContain('is-loading')
    expect(wrapper.get('[data-testid="report-body"]').attributes('data-loading')).toBe('0')
    // The URL the page wrote does not ask the report a second time.
    expect(reportCalls(mock)).toHaveLength(1)
    wrapper.unmount()
  })

  it('downloads the Word and HTML files of the report shown, and prints', async () => {
    const mock = stubServer([
      jsonResponse(200, sampleReport()),
      wordFile(),
      new Response('<!DOCTYPE html>', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    ])
    const print = vi.fn()
    vi.stubGlobal('print', print)
    // The URL asks no day: the files are for the day the report was made to (the server's answer).
    const { wrapper } = await mountView(`/reports/progress?region=${GANCAO}&year=2012`)
    expect(reportCalls(mock)).toEqual([`${REPORT_PATH}?region=${GANCAO}&year=2012`])

    await wrapper.get('[data-testid="report-download-docx"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1))
    expect(vi.mocked(saveFile).mock.calls[0][0].fileName).toBe(DOCX_NAME)
    expect(reportCalls(mock)[1]).toBe(`${REPORT_PATH}?region=${GANCAO}&year=2012&as_of=2012-05-31&format=docx`)

    await wrapper.get('[data-testid="report-download-html"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalledTimes(2))
    expect(reportCalls(mock)[2]).toBe(`${REPORT_PATH}?region=${GANCAO}&year=2012&as_of=2012-05-31&format=html`)
    expect(vi.mocked(saveFile).mock.calls[1][0].fileName).toBe('双联行动进展情况汇报.html')

    await wrapper.get('[data-testid="report-print"]').trigger('click')
    expect(print).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the server’s reason at the day and above the form, and no document', async () => {
    const message = '截止日期 2011-01-01 早于 2012 年：请换一个截止日期或年份'
    stubServer([jsonResponse(400, { error: { code: 'bad_parameter', message, details: [{ field: 'as_of', code: 'bad_parameter' }] } })])
    const { wrapper } = await mountView(`/reports/progress?region=${GANCAO}&year=2012&as_of=2011-01-01`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain(message)
    await vi.waitFor(() => {
      const day = wrapper.get('[data-field="as_of"]')
      expect(day.classes()).toContain('is-error')
      expect(day.get('.el-form-item__error').text()).toBe('截至日期填写有误')
    })
    expect(wrapper.find('[data-testid="report-doc"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows a refused region (404) as the server says, and a failed download beside the buttons', async () => {
    stubServer([
      jsonResponse(404, { error: { code: 'not_found', message: '区划 620902108 不存在或不在您的管理范围内', details: null } }),
    ])
    const first = await mountView('/reports/progress?region=620902108&year=2012')
    await vi.waitFor(() => expect(first.wrapper.find('[data-testid="api-error"]').exists()).toBe(true))
    expect(first.wrapper.get('[data-testid="api-error"]').text()).toContain('区划 620902108 不存在或不在您的管理范围内')
    first.wrapper.unmount()

    stubServer([jsonResponse(200, sampleReport()), jsonResponse(503, { error: { code: 'internal_error', message: '服务器忙' } })])
    const second = await mountView(`/reports/progress?region=${GANCAO}&year=2012`)
    await second.wrapper.get('[data-testid="report-download-docx"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(second.wrapper.find('[data-testid="api-error"]').exists()).toBe(true))
    expect(second.wrapper.get('.report-view__actions [data-testid="api-error"]').text()).toContain('服务器忙')
    expect(saveFile).not.toHaveBeenCalled()
    expect(second.wrapper.find('[data-testid="report-doc"]').exists()).toBe(true)
    second.wrapper.unmount()
  })

  it('drops a day of another year when the user picks a year, and asks for the new year', async () => {
    const mock = stubServer([jsonResponse(200, sampleReport()), jsonResponse(200, { ...sampleReport(), year: 2013, as_of: '2013-12-31' })])
    const { wrapper, router } = await mountView(`/reports/progress?region=${GANCAO}&year=2012&as_of=2012-05-31`)
    const day = () => (wrapper.get('[data-field="as_of"] input').element as HTMLInputElement).value
    expect(day()).toBe('2012-05-31')
    const year = wrapper.findAllComponents({ name: 'ElSelect' }).find((select) => select.attributes('data-testid') === 'report-year')
    if (!year) throw new Error('no year select')
    year.vm.$emit('update:modelValue', 2013)
    year.vm.$emit('change', 2013)
    await flushPromises()
    expect(day()).toBe('')
    await wrapper.get('[data-testid="report-generate"]').trigger('click')
    await flushPromises()
    expect(reportCalls(mock)[1]).toBe(`${REPORT_PATH}?region=${GANCAO}&year=2013`)
    expect(router.currentRoute.value.query).toEqual({ region: GANCAO, year: '2013' })
    wrapper.unmount()
  })

  it('says so when the user’s scope holds no whole region (a unit administrator)', async () => {
    stubServer([], [])
    const { wrapper } = await mountView('/reports/progress')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="report-no-region"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="report-generate"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('speaks English when the user chose it; the document stays as the server wrote it', async () => {
    stubServer([jsonResponse(200, sampleReport())])
    const { wrapper } = await mountView(`/reports/progress?region=${GANCAO}&year=2012`, 'en-US')
    expect(wrapper.get('[data-testid="report-download-docx"]').text()).toBe('Download Word')
    expect(wrapper.get('[data-testid="report-print"]').text()).toBe('Print')
    expect(wrapper.get('[data-kind="to_fill"]').text()).toContain('(to be written)')
    expect(wrapper.get('[data-testid="report-title"]').text()).toBe('甘草店镇双联行动进展情况汇报')
    wrapper.unmount()
  })
})
