import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '@/api/request'
import { detailText, errorText, fieldErrorsOf } from '@/utils/errors'
import { freshApp } from './helpers'

const checkDigit = {
  field: 'head_id_number',
  column: '户主证件号码',
  code: 'id_check_digit',
  message: '证件号码“620902198001010011”校验位错误（末位应为 7）',
}

describe('error messages', () => {
  beforeEach(() => freshApp())

  it('shows the server’s Chinese message in Chinese', () => {
    expect(errorText(new ApiError(404, 'not_found', '没有这一户'))).toBe('没有这一户')
    expect(detailText(checkDigit)).toBe(checkDigit.message)
  })

  it('translates known codes in English and falls back to the message', () => {
    freshApp('en-US')
    expect(errorText(new ApiError(404, 'not_found', '没有这一户'))).toBe('Not found, or outside your scope')
    expect(errorText(new ApiError(400, 'some_new_code', '新的错误'))).toBe('新的错误')
    expect(errorText(new ApiError(500, 'http_500', ''))).toBe('The server answered with an error (500)')
    expect(detailText(checkDigit, "Head's ID number")).toBe("Head's ID number: wrong check digit")
    expect(detailText({ field: 'x', code: 'brand_new', message: '新规则' })).toBe('新规则')
  })

  it('says a lost connection in the user’s language', () => {
    expect(errorText(new ApiError(0, 'network_error', 'Failed to fetch'))).toContain('网络连接已断开')
    freshApp('en-US')
    expect(errorText(new ApiError(0, 'network_error', 'Failed to fetch'))).toContain('network connection is lost')
    expect(errorText(new ApiError(0, 'timeout', ''))).toContain('did not answer in time')
  })

  it('tells how long to wait after too many attempts', () => {
    freshApp('en-US')
    expect(errorText(new ApiError(429, 'too_many_attempts', '尝试过于频繁', [], { retry_after: 8 }))).toBe(
      'Too many attempts; try again in 8 seconds',
    )
  })

  it('maps validation details to fields', () => {
    const error = new ApiError(400, 'validation_failed', '填写的内容有误', [
      checkDigit,
      { field: 'head_id_number', code: 'required', message: '第二条' },
      { code: 'x', message: '没有字段' },
    ])
    expect(fieldErrorsOf(error)).toEqual({ head_id_number: checkDigit.message })
    expect(fieldErrorsOf(new Error('x'))).toEqual({})
  })

  it('wraps anything else as unexpected', () => {
    expect(errorText(new Error('boom'))).toBe('发生意外错误：boom')
  })
})
