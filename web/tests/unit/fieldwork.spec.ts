import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { uploadPhoto } from '@/api/fieldwork/photo'
import { rateProblem, transitionProblem } from '@/api/fieldwork/problem'
import { getIntegrity, getMyProgress, getProgress } from '@/api/fieldwork/progress'
import { addFieldRecord, getFieldRecord, listFieldRecord, updateFieldRecord } from '@/api/fieldwork/record'
import { syncRecord } from '@/api/fieldwork/sync'
import { configureRequest } from '@/api/request'
import type { DiaryRecord } from '@/api/types'
import { WORK_KIND_GROUPS, aidBody, conflictRows, perCadre, problemBody, progressRows, todayIso, visitBody, visitForm } from '@/views/field/fieldLogic'
import { jsonResponse, stubFetch } from './helpers'

type Call = [string, RequestInit]
const call = (mock: ReturnType<typeof stubFetch>, index = 0) => mock.mock.calls[index] as unknown as Call

describe('field work API modules', () => {
  beforeEach(() => configureRequest({ csrfToken: () => 'csrf-1' }))
  afterEach(() => vi.unstubAllGlobals())

  it('lists, reads, creates and changes records by kind and client UUID', async () => {
    const mock = stubFetch(jsonResponse(200, { items: [], total: 0, page: 1, size: 20 }), jsonResponse(200, {}), jsonResponse(201, {}), jsonResponse(200, {}))
    await listFieldRecord('problems', { region: '620123105', status: 'solved', from: '2012-03-01' })
    await getFieldRecord('stationed-days', 'abc-1')
    await addFieldRecord('diary', { client_uuid: 'u-1', day: '2012-03-01', village_code: '620123105201', text: '日记' })
    await updateFieldRecord('diary', 'u-1', 3, { text: '改' })
    expect(call(mock, 0)[0]).toBe('/api/v1/problems?region=620123105&status=solved&from=2012-03-01')
    expect(call(mock, 1)[0]).toBe('/api/v1/stationed-days/abc-1')
    expect([call(mock, 2)[0], call(mock, 2)[1].method]).toEqual(['/api/v1/diary', 'POST'])
    expect([call(mock, 3)[0], call(mock, 3)[1].method, JSON.parse(String(call(mock, 3)[1].body))]).toEqual(['/api/v1/diary/u-1', 'PUT', { text: '改', version: 3 }])
  })

  it('sends the outbox as NDJSON, one record a line, with the CSRF token', async () => {
    const mock = stubFetch(jsonResponse(200, { results: [], stored: 0, truncated: false }))
    await syncRecord([
      { kind: 'visits', record: { client_uuid: 'a', day: '2012-03-01' }, base_version: 0 },
      { kind: 'diary', record: { client_uuid: 'b', text: '一\n二' }, base_version: 2 },
    ])
    const [url, init] = call(mock)
    expect([url, init.method]).toEqual(['/api/v1/sync', 'POST'])
    const headers = init.headers as Record<string, string>
    expect(headers['Content-Type']).toBe('application/x-ndjson')
    expect(headers['X-CSRF-Token']).toBe('csrf-1')
    const lines = String(init.body).trimEnd().split('\n')
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { kind: 'visits', record: { client_uuid: 'a', day: '2012-03-01' }, base_version: 0 },
      { kind: 'diary', record: { client_uuid: 'b', text: '一\n二' }, base_version: 2 },
    ])
  })

  it('uploads a photo as its bytes, moves and rates problems, reads progress and integrity', async () => {
    const mock = stubFetch(
      jsonResponse(201, { sha256: 'f'.repeat(64) }),
      jsonResponse(200, {}),
      jsonResponse(200, {}),
      jsonResponse(200, {}),
      jsonResponse(200, {}),
      jsonResponse(200, {}),
    )
    await uploadPhoto(new Blob(['x'], { type: 'image/jpeg' }))
    await transitionProblem('p-1', { to: 'solved', result: '修好了', version: 2 })
    await rateProblem('p-1', 'satisfied')
    await getMyProgress(2012)
    await getProgress({ region: '620123105', year: 2012, behind: true, page: 2, size: 20 })
    await getIntegrity('620902108', 2012)
    expect((call(mock, 0)[1].headers as Record<string, string>)['Content-Type']).toBe('image/jpeg')
    expect(call(mock, 1)[0]).toBe('/api/v1/problems/p-1/transition')
    expect(JSON.parse(String(call(mock, 1)[1].body))).toEqual({ to: 'solved', result: '修好了', version: 2 })
    expect(JSON.parse(String(call(mock, 2)[1].body))).toEqual({ satisfaction: 'satisfied' })
    expect(call(mock, 3)[0]).toBe('/api/v1/progress/me?year=2012')
    expect(call(mock, 4)[0]).toBe('/api/v1/progress?region=620123105&year=2012&page=2&size=20&behind=1')
    expect(call(mock, 5)[0]).toBe('/api/v1/integrity?region=620902108&year=2012')
  })
})

describe('field screens’ logic', () => {
  it('groups every work kind of data/dictionaries/work_kind.csv, as its group attribute says', () => {
    const csv = readFileSync(resolve(__dirname, '../../../data/dictionaries/work_kind.csv'), 'utf8').trim().split('\n').slice(1)
    const byGroup: Record<string, string[]> = {}
    for (const line of csv) {
      const [code, , , attributes] = line.split(',')
      const group = /group=(\S+)/.exec(attributes)?.[1] ?? ''
      ;(byGroup[group] ??= []).push(code)
    }
    expect(WORK_KIND_GROUPS.map((group) => group.codes)).toEqual([byGroup['六民'], byGroup['五项工作']])
  })

  it('gives today in Asia/Shanghai', () => {
    expect(todayIso(new Date('2012-03-05T17:30:00Z'))).toBe('2012-03-06')
    expect(todayIso(new Date('2012-03-05T15:59:00Z'))).toBe('2012-03-05')
  })

  it('measures progress against the target, never showing 100% before it is reached, and flags what is behind pace', () => {
    const counts = { stationed_days: 99, households_visited: 100, diary_days: 30, problems_solved: 0, suggestions: 120 }
    const targets = { stationed_days: 100, households_visited: 100, diary_days: 100, problems_solved: 100, suggestions: 100 }
    const expected = { stationed_days: 50, households_visited: 50, diary_days: 50, problems_solved: 0, suggestions: 50 }
    const rows = progressRows(counts, targets, expected)
    expect(rows.map((row) => [row.measure, row.percent, row.behind])).toEqual([
      ['stationed_days', 99, false],
      ['households_visited', 100, false],
      ['diary_days', 30, true],
      ['problems_solved', 0, false],
      ['suggestions', 100, false],
    ])
    expect(perCadre({ stationed_days: 2288, households_visited: 209, diary_days: 1959, problems_solved: 82, suggestions: 85 }, 88)).toEqual({
      stationed_days: 26,
      households_visited: 2,
      diary_days: 22,
      problems_solved: 0,
      suggestions: 0,
    })
  })

  it('sends a visit to households without a village, and one to the village without households', () => {
    expect(visitBody({ day: '2012-03-01', village_code: '620123105201', household_nos: ['6201231052010043'], kinds: ['listen'], learned: ' 缺水 ', photos: [] })).toEqual({
      day: '2012-03-01',
      household_nos: ['6201231052010043'],
      kinds: ['listen'],
      learned: '缺水',
      photos: [],
    })
    expect(visitBody({ day: '2012-03-01', village_code: '620123105201', household_nos: [], kinds: ['policy'], learned: '', photos: [] })).toMatchObject({ village_code: '620123105201', household_nos: [] })
    expect(visitForm({ day: '2012-03-01', village_code: '620123105201', household_nos: ['6201231052010043'], kinds: ['listen'] })).toMatchObject({ village_code: '', household_nos: ['6201231052010043'] })
  })

  it('sends only the giver and receiver fields the kinds name', () => {
    const aid = { day: '2012-03-21', giver_kind: 'helper', giver_unit: '某单位', giver_phone: '13909370104', receiver_kind: 'household', household_no: '6201231052080027', village_code: '620123105208', receiver_name: '小学', item: '大米', quantity: '2', measure: 'bag', value_yuan: '120', drive: '', note: '' }
    expect(aidBody(aid)).toEqual({ day: '2012-03-21', giver_kind: 'helper', giver_phone: '13909370104', receiver_kind: 'household', household_no: '6201231052080027', item: '大米', quantity: '2', measure: 'bag', value_yuan: '120' })
    expect(aidBody({ ...aid, giver_kind: 'unit', receiver_kind: 'school' })).toMatchObject({ giver_unit: '某单位', village_code: '620123105208', receiver_name: '小学' })
    expect(problemBody({ raised_on: '2012-03-06', household_no: '', village_code: '620123105201', category: 'road', description: '路', due_date: '' })).toEqual({ raised_on: '2012-03-06', village_code: '620123105201', category: 'road', description: '路' })
  })

  it('compares mine with the server’s copy field by field for a conflict', () => {
    const theirs = { client_uuid: 'u', helper_phone: '1', day: '2012-03-01', village_code: '620123105201', text: '服务器上改的', meta: { version: 2 } } as unknown as DiaryRecord
    const rows = conflictRows('diary', { client_uuid: 'u', day: '2012-03-01', village_code: '620123105201', text: '我改的' }, theirs)
    expect(rows.map((row) => [row.field, row.differs])).toEqual([
      ['day', false],
      ['village_code', false],
      ['text', true],
    ])
  })
})

describe('opening the app without a connection', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('signs in from the saved session when the server cannot be reached, and confirms it later', async () => {
    const { freshApp } = await import('./helpers')
    const { useAuthStore } = await import('@/stores/auth')
    freshApp()
    const user = { id: 6, username: 'cadre-demo', display_name: '甘草店镇帮扶干部', role: 'cadre', role_label: '帮扶干部', region: null, unit_id: null, helper_id: 104, permissions: ['fieldwork:record:*'], sees_personal_data: false, read_only: false, disabled: false }
    stubFetch(jsonResponse(200, { user, csrf_token: 't-1' }), new TypeError('Failed to fetch'), jsonResponse(401, { error: { code: 'unauthenticated', message: '' } }))
    const auth = useAuthStore()
    expect(await auth.restore()).toBe(true)
    expect(auth.unconfirmed).toBe(false)

    // A reload without a connection: the session saved above.
    freshApp()
    localStorage.setItem('shuanglian.session', JSON.stringify({ user, csrf_token: 't-1' }))
    const again = useAuthStore()
    expect(await again.restore()).toBe(true)
    expect([again.user?.username, again.unconfirmed, again.isHelper]).toEqual(['cadre-demo', true, true])
    // The server says the session is over: signed out, nothing saved any more.
    expect(await again.restore()).toBe(false)
    expect(localStorage.getItem('shuanglian.session')).toBeNull()
  })

  it('answers the last remembered copy when offline, and the error otherwise', async () => {
    const { cachedFetch, remember } = await import('@/offline/cache')
    const { ApiError } = await import('@/api/request')
    localStorage.clear()
    remember('cadre-demo', 'households', { items: [1, 2] }, new Date('2012-03-01T00:00:00Z'))
    const offline = await cachedFetch('cadre-demo', 'households', () => Promise.reject(new ApiError(0, 'network_error', '')))
    expect(offline).toEqual({ value: { items: [1, 2] }, at: '2012-03-01T00:00:00.000Z', fresh: false })
    await expect(cachedFetch('cadre-demo', 'households', () => Promise.reject(new ApiError(403, 'forbidden', '')))).rejects.toMatchObject({ code: 'forbidden' })
    const fresh = await cachedFetch('cadre-demo', 'households', async () => ({ items: [3] }))
    expect([fresh.value, fresh.fresh]).toEqual([{ items: [3] }, true])
  })
})

describe('times on the field screens', () => {
  it('shows a moment in Asia/Shanghai whatever the zone it was written in', async () => {
    const { shanghaiTime } = await import('@/views/field/fieldLogic')
    expect(shanghaiTime('2026-11-29T09:44:10.000Z')).toBe('2026-11-29 17:44')
    expect(shanghaiTime('2012-05-23T21:30:00+08:00')).toBe('2012-05-23 21:30')
  })
})
