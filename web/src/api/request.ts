// The one request wrapper (RuoYi's request.js, typed): base URL, timeout, cookie and CSRF
// token, and the error envelope of docs/api.md unwrapped in one place into an ApiError.
// It never shows anything itself: the caller shows the error next to what caused it
// (components/ApiErrorAlert, el-form-item :error), which a global toast cannot do.

export const API_BASE = '/api/v1'
const DEFAULT_TIMEOUT_MS = 30_000

/** One entry of `error.details` for a validation error (or any detail the server adds). */
export interface ApiErrorDetail {
  field?: string
  column?: string
  code?: string
  message: string
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

/** Every failure of a request: a server answer (status > 0) or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  /** Field-level details (validation_failed); empty otherwise. */
  readonly details: ApiErrorDetail[]
  /** Non-list details, e.g. `{retry_after: 8}` for too_many_attempts. */
  readonly extra: Record<string, unknown>

  constructor(
    status: number,
    code: string,
    message: string,
    details: ApiErrorDetail[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.extra = extra
  }

  /** The request never got an answer: offline, server down, or timed out. */
  get isNetwork(): boolean {
    return this.status === 0 && (this.code === 'network_error' || this.code === 'timeout')
  }

  /** field → first message, for el-form-item's `error` prop. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {}
    for (const detail of this.details) {
      if (detail.field && !(detail.field in errors)) {
        errors[detail.field] = detail.message
      }
    }
    return errors
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

interface Hooks {
  /** The session is gone (401): the router sends the user to sign in. */
  onUnauthorized?: () => void
  /** Whether the server could be reached, for the offline banner. */
  onReachability?: (reachable: boolean) => void
  /** The CSRF token of the cookie session, sent with every write. */
  csrfToken?: () => string | null
}

let hooks: Hooks = {}

/** Wires the wrapper to the stores and the router (done once in main.ts; tests set their own). */
export function configureRequest(next: Hooks): void {
  hooks = next
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  query?: Query
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is (uploads, NDJSON), as `rawType` (default application/octet-stream). */
  raw?: Blob | ArrayBuffer | string
  rawType?: string
  timeoutMs?: number
  /** A 401 here means wrong credentials, not a lost session: do not redirect. */
  skipAuthRedirect?: boolean
  signal?: AbortSignal
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const search = params.toString()
  return `${API_BASE}${path}${search ? `?${search}` : ''}`
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: accept }
  let body: BodyInit | undefined
  if (options.raw !== undefined) {
    headers['Content-Type'] = options.rawType ?? 'application/octet-stream'
    body = options.raw
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (method !== 'GET') {
    const token = hooks.csrfToken?.()
    if (token) headers['X-CSRF-Token'] = token
  }

  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const onCallerAbort = () => controller.abort()
  options.signal?.addEventListener('abort', onCallerAbort)

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: controller.signal,
    })
  } catch (cause) {
    if (options.signal?.aborted) throw cause
    hooks.onReachability?.(false)
    throw new ApiError(0, timedOut ? 'timeout' : 'network_error', cause instanceof Error ? cause.message : '')
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onCallerAbort)
  }
  // A 502/503/504 from a proxy in front means the same to the user as no answer.
  hooks.onReachability?.(response.status < 502 || response.status > 504)

  if (!response.ok) {
    const error = await errorFromResponse(response)
    if (response.status === 401 && !options.skipAuthRedirect) hooks.onUnauthorized?.()
    throw error
  }
  return response
}

/** Unwraps `{"error": {"code","message","details"}}`; anything else becomes http_<status>. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let text = ''
  try {
    text = await response.text()
  } catch {
    // The body could not be read: the status alone still tells what happened.
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (isRecord(parsed) && isRecord(parsed.error)) {
      const envelope = parsed.error
      const code = typeof envelope.code === 'string' ? envelope.code : `http_${response.status}`
      const message = typeof envelope.message === 'string' ? envelope.message : ''
      let details: ApiErrorDetail[] = []
      let extra: Record<string, unknown> = {}
      if (Array.isArray(envelope.details)) {
        details = envelope.details.filter(isRecord).map(toDetail)
      } else if (isRecord(envelope.details)) {
        extra = envelope.details
      }
      return new ApiError(response.status, code, message, details, extra)
    }
  } catch {
    // Not JSON (a proxy's HTML page): fall through to the generic error.
  }
  return new ApiError(response.status, `http_${response.status}`, '')
}

function toDetail(record: Record<string, unknown>): ApiErrorDetail {
  return {
    field: typeof record.field === 'string' ? record.field : undefined,
    column: typeof record.column === 'string' ? record.column : undefined,
    code: typeof record.code === 'string' ? record.code : undefined,
    message: typeof record.message === 'string' ? record.message : '',
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON request; 204 answers `undefined`. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json')
  if (response.status === 204) return undefined as T
  const text = await response.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(response.status, 'bad_response', '')
  }
}

export interface DownloadedFile {
  blob: Blob
  fileName: string
}

/** A file answer (export, report, template), with the name from Content-Disposition. */
export async function requestFile(path: string, options: RequestOptions, fallbackName: string): Promise<DownloadedFile> {
  const response = await send(path, { timeoutMs: 300_000, ...options }, '*/*')
  const blob = await response.blob()
  return { blob, fileName: fileNameFrom(response.headers.get('Content-Disposition')) ?? fallbackName }
}

/** filename*=UTF-8''%E6%88%B7.xlsx wins over filename="...", as RFC 6266 says. */
export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // A malformed escape: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain ? plain[1].trim() : null
}

/** Hands a downloaded file to the browser's save dialog. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = file.fileName
  document.body.appendChild(anchor)
  anchor.click()
  anchor.remove()
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
