import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { getFieldRecord } from '@/api/fieldwork/record'
import { ApiError } from '@/api/request'
import type { FieldBody, FieldKind } from '@/api/types'
import { useNetworkStore } from '@/stores/network'
import { useOutboxStore } from '@/stores/outbox'
import { fieldErrorsOf } from '@/utils/errors'
import { toastInfo, toastSuccess } from '@/utils/feedback'
import type { OutboxEntry } from '@/offline/outbox'

/**
 * The life of a cadre's form: open a new record, one waiting in the outbox, or a stored one
 * (`?uuid=`); save into the outbox (the UUID is made there, once); send at once when online;
 * show the server's refusal at the fields, or say the record waits for the connection.
 */
export function useFieldForm<F extends object>(
  kind: FieldKind,
  form: Ref<F>,
  options: { toForm: (source: Record<string, unknown>) => F; toBody: (form: F) => FieldBody; empty: () => F },
) {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const outbox = useOutboxStore()
  const network = useNetworkStore()

  const uuid = ref<string>(typeof route.query.uuid === 'string' ? route.query.uuid : '')
  /** The server's version this edit started from; 0 for a new record. */
  const baseVersion = ref(0)
  const loading = ref(false)
  const saving = ref(false)
  const loadError = ref<unknown>(null)
  /** The server's refusal of the last save, as an ApiError for the fields. */
  const saveError = ref<unknown>(null)
  const fieldErrors = computed(() => fieldErrorsOf(saveError.value, (field) => t(`fieldForm.${field}`)))
  const editing = computed(() => uuid.value !== '')

  function refusalOf(entry: OutboxEntry | undefined): ApiError | null {
    if (!entry?.error || entry.status !== 'rejected') return null
    const details = (entry.error.errors ?? []).map((item) => ({ field: item.field, code: item.code, message: item.message }))
    return new ApiError(400, entry.error.code, entry.error.message, details)
  }

  async function load(): Promise<void> {
    form.value = options.empty()
    if (!uuid.value) return
    loading.value = true
    loadError.value = null
    try {
      const waiting = await outbox.find(kind, uuid.value)
      if (waiting) {
        form.value = options.toForm(waiting.record)
        baseVersion.value = waiting.base_version
        saveError.value = refusalOf(waiting)
        return
      }
      const stored = await getFieldRecord(kind, uuid.value)
      form.value = options.toForm(stored as unknown as Record<string, unknown>)
      baseVersion.value = stored.meta.version
    } catch (error) {
      loadError.value = error
    } finally {
      loading.value = false
    }
  }

  /** Saves into the outbox and, online, sends it; returns true when the form is done. */
  async function save(photos: Blob[] = []): Promise<boolean> {
    saving.value = true
    saveError.value = null
    try {
      const body: FieldBody = { ...options.toBody(form.value) }
      if (uuid.value) body.client_uuid = uuid.value
      const entry = await outbox.save(kind, body, { baseVersion: baseVersion.value, photos })
      uuid.value = entry.client_uuid
      if (network.browserOnline) await outbox.flush()
      const after = await outbox.find(kind, entry.client_uuid)
      if (!after) {
        toastSuccess(t('fieldForm.sent'))
      } else if (after.status === 'rejected') {
        saveError.value = refusalOf(after)
        return false
      } else if (after.status === 'conflict') {
        toastInfo(t('fieldForm.conflict'))
        await router.push({ name: 'field-outbox' })
        return true
      } else {
        toastInfo(t('fieldForm.savedOffline'))
      }
      await router.push({ name: 'field-home' })
      return true
    } catch (error) {
      saveError.value = error
      return false
    } finally {
      saving.value = false
    }
  }

  return { uuid, baseVersion, loading, saving, loadError, saveError, fieldErrors, editing, load, save }
}
