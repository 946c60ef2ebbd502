import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, configureRequest, fileNameFrom, request, requestFile } from '@/api/request'
import { jsonResponse, stubFetch } from './helpers'

describe('request wrapper', () => {
  const onUnauthorized = vi.fn()
  const onReachability = vi.fn()

  beforeEach(() => {
    onUnauthorized.mockReset()
    onReachability.mockReset()
    configureRequest({ onUnauthorized, onReachability, csrfToken: () => 'token-1' })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('builds /api/v1 URLs and leaves out empty filters', () => {
    expect(buildUrl('/households', { region: '620902108', q: '', cause: undefined, page: 2 })).toBe(
      '/api/v1/households?region=620902108&page=2',
    )
    expect(buildUrl('/me')).toBe('/api/v1/me')
  })

  it('answers the parsed JSON and marks the server reachable', async () => {
    stubFetch(jsonResponse(200, { items: [1, 2] }))
    await expect(request('/x')).resolves.toEqual({ items: [1, 2] })
    expect(onReachability).toHaveBeenCalledWith(true)
  })

  it('answers undefined for 204', async () => {
    stubFetch(new Response(null, { status: 204 }))
    await expect(request('/auth/logout', { method: 'POST' })).resolves.toBeUndefined()
  })

  it('sends the CSRF token and JSON on writes, not on reads', async () => {
    const mock = stubFetch(jsonResponse(200, {}), jsonResponse(200, {}))
    await request('/households/1', { method: 'PUT', body: { head_name: '张三' } })
    await request('/households/1')
    const [, write] = mock.mock.calls[0] as unknown as [string, RequestInit]
    const [, read] = mock.mock.calls[1] as unknown as [string, RequestInit]
    expect((write.headers as Record<string, string>)['X-CSRF-Token']).toBe('token-1')
    expect((write.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect(write.body).toBe('{"head_name":"张三"}')
    expect(write.credentials).toBe('same-origin')
    expect((read.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
  })

  it('uploads raw bytes as application/octet-stream', async () => {
    const mock = stubFetch(jsonResponse(202, { id: 1 }))
    const bytes = new Uint8Array([1, 2, 3]).buffer
    await request('/imports', { method: 'POST', raw: bytes, query: { kind: 'households', file_name: '户表.csv' } })
    const [url, init] = mock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/imports?kind=households&file_name=%E6%88%B7%E8%A1%A8.csv')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream')
    expect(init.body).toBe(bytes)
  })

  it('unwraps the error envelope with its validation details', async () => {
    stubFetch(
      jsonResponse(400, {
        error: {
          code: 'validation_failed',
          message: '填写的内容有误',
          details: [
            { field: 'head_id_number', column: '户主证件号码', code: 'id_check_digit', message: '校验位错误（末位应为 7）' },
            { field: 'phone', column: '联系电话', code: 'bad_phone', message: '电话号码格式错误' },
          ],
        },
      }),
    )
    const error = await request('/households', { method: 'POST', body: {} }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(400)
    expect(apiError.code).toBe('validation_failed')
    expect(apiError.message).toBe('填写的内容有误')
    expect(apiError.isNetwork).toBe(false)
    expect(apiError.fieldErrors()).toEqual({ head_id_number: '校验位错误（末位应为 7）', phone: '电话号码格式错误' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('keeps object details (retry_after) apart from field details', async () => {
    stubFetch(jsonResponse(429, { error: { code: 'too_many_attempts', message: '尝试过于频繁', details: { retry_after: 8 } } }))
    const error = (await request('/auth/login', { method: 'POST', skipAuthRedirect: true }).catch((caught: unknown) => caught)) as ApiError
    expect(error.code).toBe('too_many_attempts')
    expect(error.details).toEqual([])
    expect(error.extra).toEqual({ retry_after: 8 })
  })

  it('sends a lost session (401) to sign-in, but not a wrong password', async () => {
    stubFetch(
      jsonResponse(401, { error: { code: 'unauthorized', message: '请先登录' } }),
      jsonResponse(401, { error: { code: 'invalid_credentials', message: '用户名或密码错误' } }),
    )
    await expect(request('/households')).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    await expect(request('/auth/login', { method: 'POST', skipAuthRedirect: true })).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('turns a non-JSON error page into http_<status>', async () => {
    stubFetch(new Response('<html>bad gateway</html>', { status: 502 }))
    const error = (await request('/stats').catch((caught: unknown) => caught)) as ApiError
    expect(error.code).toBe('http_502')
    expect(error.status).toBe(502)
    expect(onReachability).toHaveBeenCalledWith(false)
  })

  it('reports a failed fetch as a network error and the server as unreachable', async () => {
    stubFetch(new TypeError('Failed to fetch'))
    const error = (await request('/stats').catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
    expect(error.code).toBe('network_error')
    expect(error.isNetwork).toBe(true)
    expect(onReachability).toHaveBeenCalledWith(false)
  })

  it('times out as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
          }),
      ),
    )
    const error = (await request('/stats', { timeoutMs: 10 }).catch((caught: unknown) => caught)) as ApiError
    expect(error.code).toBe('timeout')
    expect(error.isNetwork).toBe(true)
  })

  it('downloads files with the name from Content-Disposition', async () => {
    stubFetch(
      new Response('a,b\n', {
        status: 200,
        headers: { 'Content-Disposition': "attachment; filename=\"report.csv\"; filename*=UTF-8''%E9%94%99%E8%AF%AF%E8%A1%8C.csv" },
      }),
    )
    const file = await requestFile('/imports/1/report', {}, 'fallback.csv')
    expect(file.fileName).toBe('错误行.csv')
    expect(await file.blob.text()).toBe('a,b\n')
  })

  it('reads both forms of Content-Disposition', () => {
    expect(fileNameFrom('attachment; filename="households.xlsx"')).toBe('households.xlsx')
    expect(fileNameFrom(null)).toBeNull()
    expect(fileNameFrom("attachment; filename*=UTF-8''%E6%88%B7.xlsx")).toBe('户.xlsx')
  })
})
