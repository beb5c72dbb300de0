// The boxes of each victim-profile section, as field definitions in the current language.
import type { FieldDefinition } from '../../components/form/field-definition'
import type { RowsTexts } from '../../components/form/RowsFieldset.vue'
import type { CodeOption, useCodeListsStore } from '../../stores/code-lists'
import { AGE_MAX, PROFILE_MAXLENGTH, profileKey, type FieldSectionName, type RowListName } from './victim-profile-form'

type Translate = (key: string, named?: Record<string, unknown>) => string
type CodeLists = ReturnType<typeof useCodeListsStore>

/** Lists longer than this get a filter box. */
const LONG_LIST = 15

const select = (name: string, label: string, options: CodeOption[], emptyLabel: string, required = false): FieldDefinition => ({
  name,
  kind: 'select',
  label,
  options,
  emptyLabel,
  required,
  filterable: options.length > LONG_LIST,
})

/** The boxes of a section that edits fields (not rows). `agencies` feed "Identificada por". */
export function sectionFields(t: Translate, codeLists: CodeLists, agencies: CodeOption[], section: FieldSectionName, today: string): FieldDefinition[] {
  const label = (name: string) => t(`victimProfile.${name}`)
  const none = t('victimProfile.form.notRecorded')
  if (section === 'identification') {
    return [
      { name: 'identificationDate', kind: 'date', label: label('identificationDate'), hint: t('victimProfile.form.hints.date'), max: today },
      select('identifiedBy', label('identifiedBy'), agencies, none),
      select('sex', label('sex'), codeLists.options('sex'), none),
      select('nationality', label('nationality'), codeLists.options('nationality'), none),
      { name: 'ageAtIdentification', kind: 'text', label: label('ageAtIdentification'), hint: t('victimProfile.form.hints.age', { max: AGE_MAX }), maxlength: 3, inputmode: 'numeric' },
      { name: 'isMinor', kind: 'checkbox', label: t('victimProfile.form.isMinor'), hint: t('victimProfile.form.hints.isMinor') },
    ]
  }
  if (section === 'exploitation') {
    return [
      { name: 'indicators', kind: 'checkboxes', label: label('indicators'), options: codeLists.options('identification-indicator'), wide: true },
      { name: 'exploitationForms', kind: 'checkboxes', label: label('exploitationForms'), options: codeLists.options('exploitation-form'), wide: true },
      { name: 'controlMethods', kind: 'checkboxes', label: label('controlMethods'), hint: t('victimProfile.form.hints.controlMethods'), options: codeLists.options('control-method'), wide: true },
      select('labourSector', label('labourSector'), codeLists.options('labour-sector'), none),
    ]
  }
  return (['wasCharged', 'wasDetained', 'wasDeported'] as const).map((name) => ({ name, kind: 'checkbox', label: t(`victimProfile.nonPunishment.${name}`), wide: true }))
}

/** The boxes of row `index` of a list, named by their error keys. */
export function rowFields(t: Translate, codeLists: CodeLists, list: RowListName, index: number, today: string): FieldDefinition[] {
  const key = (part: string) => profileKey(list, index, part)
  const label = (part: string) => t(`victimProfile.form.${part}`)
  const choose = t('newCase.choose')
  const date = (part: string, required: boolean, max?: string, hint = t('victimProfile.form.hints.date')): FieldDefinition => ({ name: key(part), kind: 'date', label: label(part), required, hint, max })
  const text = (part: string, maxlength: number, required = false): FieldDefinition => ({ name: key(part), kind: 'text', label: label(part), maxlength, required })
  // In ROW_PARTS order: the first box takes the errors about the whole row.
  switch (list) {
    case 'protectionMeasures':
      return [
        select(key('measureType'), label('measureType'), codeLists.options('protection-measure-type'), choose, true),
        text('authority', PROFILE_MAXLENGTH.authority, true),
        date('startDate', true),
        date('expiryDate', false, undefined, t('victimProfile.form.hints.expiryDate')),
      ]
    case 'consents':
      return [
        select(key('purpose'), label('purpose'), codeLists.options('consent-purpose'), choose, true),
        text('scope', PROFILE_MAXLENGTH.scope),
        date('givenOn', true, today),
        date('withdrawnOn', false, today, t('victimProfile.form.hints.withdrawnOn')),
      ]
    case 'serviceReferrals':
      return [
        select(key('service'), label('service'), codeLists.options('victim-service'), choose, true),
        text('provider', PROFILE_MAXLENGTH.provider),
        date('referredOn', true, today),
        select(key('status'), label('status'), codeLists.options('service-referral-status'), choose, true),
      ]
  }
}

export const ROWS_TEXTS: Record<RowListName, RowsTexts> = {
  protectionMeasures: {
    legend: 'victimProfile.measures.heading',
    item: 'victimProfile.form.rows.measure',
    add: 'victimProfile.form.rows.addMeasure',
    remove: 'victimProfile.form.rows.removeMeasure',
    none: 'victimProfile.form.rows.none',
  },
  consents: {
    legend: 'victimProfile.consents.heading',
    item: 'victimProfile.form.rows.consent',
    add: 'victimProfile.form.rows.addConsent',
    remove: 'victimProfile.form.rows.removeConsent',
    none: 'victimProfile.form.rows.none',
  },
  serviceReferrals: {
    legend: 'victimProfile.referrals.heading',
    item: 'victimProfile.form.rows.referral',
    add: 'victimProfile.form.rows.addReferral',
    remove: 'victimProfile.form.rows.removeReferral',
    none: 'victimProfile.form.rows.none',
  },
}
