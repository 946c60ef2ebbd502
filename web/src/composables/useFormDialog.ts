import { computed, nextTick, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useDraft } from '@/composables/useDraft'
import { fieldErrorsOf } from '@/utils/errors'
import { toastInfo, toastSuccess } from '@/utils/feedback'

/** What a create / edit dialog needs to know about its entity. */
export interface FormDialogOptions<Form extends object, Item> {
  /** The dialog's v-model. */
  isOpen: () => boolean
  /** The entity being edited, or null for a new one. */
  item: () => Item | null
  draftKey: () => string
  empty: () => Form
  toForm: (item: Item) => Form
  /** Adds or updates; the server's answer. */
  submit: (form: Form, item: Item | null) => Promise<Item>
  /** i18n key of a field's label, for the server's field errors. */
  labelKey: (field: string) => string
  /** i18n key of the message after saving. */
  savedKey: string
  /** The form's selector, to scroll to the first field in error. */
  formSelector: string
  close: () => void
  saved: (item: Item) => void
}

/**
 * The scaffolding of a create / edit dialog: the form filled when it opens (with a kept draft
 * over it), saving with the server's validation shown per field, cancel dropping the draft.
 * A failed save keeps the form and its draft as typed.
 */
export function useFormDialog<Form extends object, Item>(options: FormDialogOptions<Form, Item>) {
  const { t } = useI18n()

  const form = ref(options.empty()) as Ref<Form>
  const baseline = ref(null) as Ref<Form | null>
  const saving = ref(false)
  const saveError = ref<unknown>(null)
  const fieldErrors = computed(() => fieldErrorsOf(saveError.value, (field) => t(options.labelKey(field))))
  const draft = useDraft(options.draftKey, form, baseline)

  const formOf = (): Form => {
    const item = options.item()
    return item ? options.toForm(item) : options.empty()
  }

  watch(
    options.isOpen,
    (open) => {
      if (!open) return
      form.value = formOf()
      baseline.value = formOf()
      saveError.value = null
      if (draft.restore()) toastInfo(t('network.draftRestored'))
    },
    { immediate: true },
  )

  function cancel(): void {
    draft.clear()
    options.close()
  }

  async function save(): Promise<void> {
    saving.value = true
    saveError.value = null
    try {
      const saved = await options.submit(form.value, options.item())
      draft.clear()
      baseline.value = null
      toastSuccess(t(options.savedKey))
      options.saved(saved)
      options.close()
    } catch (caught) {
      saveError.value = caught
      await nextTick()
      document.querySelector(`${options.formSelector} .is-error`)?.scrollIntoView({ block: 'center' })
    } finally {
      saving.value = false
    }
  }

  return { form, saving, saveError, fieldErrors, cancel, save }
}
