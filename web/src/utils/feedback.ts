import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { i18n } from '@/i18n'

// Success toasts and confirmations only; errors are shown beside what caused them
// (ApiErrorAlert, el-form-item :error), never in a toast that vanishes.

export function toastSuccess(text: string): void {
  ElMessage({ type: 'success', message: text, grouping: true })
}

export function toastInfo(text: string): void {
  ElMessage({ type: 'info', message: text, grouping: true })
}

/** Resolves true when the user confirmed. */
export async function confirmAction(text: string, danger = false): Promise<boolean> {
  const { t } = i18n.global
  try {
    await ElMessageBox.confirm(text, t('common.confirm'), {
      type: danger ? 'warning' : 'info',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    })
    return true
  } catch {
    return false // cancelled or closed
  }
}
