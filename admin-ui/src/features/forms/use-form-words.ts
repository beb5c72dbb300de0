// The portal's words for drawing and reading form answers (yes/no, an inactive code, hints), in the
// current language: one place for the editor and the read view.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Words } from './form-fields'

export function useFormWords() {
  const { t } = useI18n()
  return computed<Words>(() => ({
    yes: t('app.yes'),
    no: t('app.no'),
    choose: t('forms.choose'),
    inactive: (label: string) => t('forms.inactive', { label }),
    personHint: t('forms.personHint'),
    dateTimeHint: t('forms.dateTimeHint'),
  }))
}
