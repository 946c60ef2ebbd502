import { ApiError, type ApiErrorDetail } from '@/api/request'
import { i18n } from '@/i18n'

// Turns an ApiError into the sentence the user reads. In Chinese the server's own message
// is the best text (it names the row, the value, the expected digit); in English a known
// code is translated and the Chinese message is the fallback, so nothing is ever blank.

function translate(key: string, params: Record<string, unknown> = {}): string | null {
  const { t, te, locale } = i18n.global
  if (te(key, locale.value) || te(key, 'zh-CN')) return t(key, params)
  return null
}

export function errorText(error: unknown): string {
  const { t, locale } = i18n.global
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error)
    return t('errors.unexpected', { message })
  }
  if (error.status === 0) return translate(`errors.${error.code}`) ?? t('errors.network_error')
  if (locale.value === 'zh-CN' && error.message) return error.message
  if (error.code === 'too_many_attempts') {
    const retryAfter = error.extra.retry_after
    return typeof retryAfter === 'number'
      ? t('errors.too_many_attempts', { retry_after: retryAfter })
      : t('errors.too_many_attempts_plain')
  }
  return translate(`errors.${error.code}`) ?? (error.message || t('errors.http', { status: error.status }))
}

/** One validation detail in the user's language, for the field it names. */
export function detailText(detail: ApiErrorDetail, fieldLabel?: string): string {
  if (i18n.global.locale.value === 'zh-CN' && detail.message) return detail.message
  const column = fieldLabel ?? detail.column ?? detail.field ?? ''
  if (detail.code) {
    const known = translate(`validation.${detail.code}`, { column })
    if (known) return known
  }
  return detail.message || i18n.global.t('validation.field', { column })
}

/** field → message for el-form-item :error, translated. */
export function fieldErrorsOf(error: unknown, labelOf?: (field: string) => string | undefined): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!(error instanceof ApiError)) return errors
  for (const detail of error.details) {
    if (!detail.field || detail.field in errors) continue
    errors[detail.field] = detailText(detail, labelOf?.(detail.field))
  }
  return errors
}
